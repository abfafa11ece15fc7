#pragma once
// The figures `inkset bench` reports for one article, measured through the public API (plus the
// engine's cache statistics), and the parallel-scaling measurement.
//
// Thread-safety: bench_article uses its own Engines; bench_scaling runs one Engine per thread.
#include <cstdint>
#include <string>
#include <vector>

#include <inkset/document.h>
#include <inkset/result.h>

namespace inkset::bench {

struct BenchOptions {
  int runs = 5;
  int render_pages = 20;  // pages sampled (spread over the article) for the render timings
};

// Times are medians over the runs, in milliseconds.
struct ArticleFigures {
  std::string path;
  uint64_t source_bytes = 0;
  int pages = 0;
  int lines = 0;
  uint64_t paragraphs = 0;
  double cold_ms = 0;        // new Engine (fonts, empty caches), open, lay out every page
  double warm_ms = 0;        // open again on the same Engine (shaping cache warm), lay out every page
  // A reader with its engine running opens the article: open, lay out page 1, render it (new Engine,
  // so every cache is cold, but its creation is not counted: it is paid once per device start).
  double first_page_ms = 0;
  double open_ms = 0;          // the open alone (reading and parsing what page 1 needs)
  double engine_start_ms = 0;  // Engine::create before it (fonts)
  double first_page_ready_ms = 0;  // the same with the hyphenation patterns of the language loaded
  double first_page_running_ms = 0;  // on an engine that has drawn pages before, its caches emptied
  double resize_ms = 0;      // font size changed to one seen before (cache warm), every page again
  double source_mb_per_s = 0;  // of the cold run
  double shape_hit_rate = 0;   // over the warm run
  uint64_t shape_cache_bytes = 0;
  uint64_t shape_cache_entries = 0;
  double glyph_hit_rate = 0;   // over the timed warm renders
  uint64_t glyph_cache_bytes = 0;
  double render_median_ms = 0;       // the page's layout ready, glyph cache warm
  double render_cold_median_ms = 0;  // the page's layout ready, glyph cache emptied before
  double render_turn_median_ms = 0;  // glyph cache warm, the page's blocks laid out again if evicted
  double render_p95_ms = 0;
  int rendered_pages = 0;
  double allocations_per_paragraph = 0;  // warm re-layout: heap allocations / paragraphs laid out
  bool allocations_counted = false;
  uint64_t peak_rss_bytes = 0;  // process peak (VmHWM) at the end of the first cold run
};

Result<ArticleFigures> bench_article(const std::string& path, const LayoutSettings& settings,
                                     const EngineConfig& config, const BenchOptions& options);

struct ScalingFigures {
  int jobs = 0;
  int threads = 0;
  double serial_ms = 0;    // median over runs: every job one after the other, each with its own Engine
  double parallel_ms = 0;  // the same jobs spread over `threads` threads
  double speedup = 0;
};

// Lays out `jobs` copies of the article (each a new Engine and Document) one after the other, then on
// `threads` threads taking jobs in turn.
Result<ScalingFigures> bench_scaling(const std::string& path, const LayoutSettings& settings,
                                     const EngineConfig& config, int jobs, int threads, int runs);

}  // namespace inkset::bench
