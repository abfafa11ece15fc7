// inkset bench: pagination, first-page, re-layout and render timings, cache figures, allocations
// and memory per article, as a table or JSON. The measuring lives in tools/bench/.
#include <cstdio>
#include <string>
#include <thread>

#include "../bench/article_bench.h"
#include "cli.h"
#include "layout_options.h"
#include "support/json_writer.h"

namespace inkset::cli {
namespace {

Result<int> positive(const Args& args, const char* name, int fallback) {
  const auto v = args.get(name);
  if (!v) return fallback;
  int n = 0;
  char extra = 0;
  if (std::sscanf(v->c_str(), "%d%c", &n, &extra) != 1 || n < 0 || n > 100000)
    return make_error(ErrorCode::kBadArguments, "--" + std::string(name) + " takes a whole number, not '" + *v + "'");
  return n;
}

void write_json(JsonWriter& w, const bench::ArticleFigures& f) {
  w.begin_object();
  w.key("article").value(f.path);
  w.key("source_bytes").value(f.source_bytes);
  w.key("pages").value(f.pages);
  w.key("lines").value(f.lines);
  w.key("paragraphs").value(f.paragraphs);
  w.key("cold_ms").value(f.cold_ms, 3);
  w.key("warm_ms").value(f.warm_ms, 3);
  w.key("first_page_ms").value(f.first_page_ms, 3);
  w.key("open_ms").value(f.open_ms, 3);
  w.key("first_page_ready_ms").value(f.first_page_ready_ms, 3);
  w.key("first_page_running_ms").value(f.first_page_running_ms, 3);
  w.key("engine_start_ms").value(f.engine_start_ms, 3);
  w.key("resize_ms").value(f.resize_ms, 3);
  w.key("source_mb_per_s").value(f.source_mb_per_s, 3);
  w.key("shape_cache_hit_rate").value(f.shape_hit_rate, 4);
  w.key("shape_cache_bytes").value(f.shape_cache_bytes);
  w.key("shape_cache_entries").value(f.shape_cache_entries);
  w.key("glyph_cache_hit_rate").value(f.glyph_hit_rate, 4);
  w.key("glyph_cache_bytes").value(f.glyph_cache_bytes);
  w.key("render_pages").value(f.rendered_pages);
  w.key("render_median_ms").value(f.render_median_ms, 3);
  w.key("render_cold_median_ms").value(f.render_cold_median_ms, 3);
  w.key("render_turn_median_ms").value(f.render_turn_median_ms, 3);
  w.key("render_p95_ms").value(f.render_p95_ms, 3);
  w.key("allocations_per_paragraph");
  if (f.allocations_counted) w.value(f.allocations_per_paragraph, 2);
  else w.value(-1);
  w.key("peak_rss_bytes").value(f.peak_rss_bytes);
  w.end_object();
}

void print_table(const bench::ArticleFigures& f, int runs) {
  std::printf("%s: %.3f MB, %d pages, %d lines, %llu paragraphs (medians of %d runs)\n", f.path.c_str(),
              static_cast<double>(f.source_bytes) / 1e6, f.pages, f.lines,
              static_cast<unsigned long long>(f.paragraphs), runs);
  std::printf("  cold pagination       %10.2f ms  (%.2f MB/s)\n", f.cold_ms, f.source_mb_per_s);
  std::printf("  warm pagination       %10.2f ms  (%.2fx faster than cold)\n", f.warm_ms,
              f.warm_ms > 0 ? f.cold_ms / f.warm_ms : 0);
  std::printf("  first page            %10.2f ms  (1/%.0f of cold; open %.2f ms; engine start %.2f ms before it)\n",
              f.first_page_ms, f.first_page_ms > 0 ? f.cold_ms / f.first_page_ms : 0, f.open_ms, f.engine_start_ms);
  std::printf("  first page, patterns loaded %4.2f ms  (1/%.0f of cold)\n", f.first_page_ready_ms,
              f.first_page_ready_ms > 0 ? f.cold_ms / f.first_page_ready_ms : 0);
  std::printf("  first page, running engine %4.2f ms  (1/%.0f of cold; fonts used before, caches emptied)\n",
              f.first_page_running_ms, f.first_page_running_ms > 0 ? f.cold_ms / f.first_page_running_ms : 0);
  std::printf("  font-size change      %10.2f ms  (%.2fx faster than cold)\n", f.resize_ms,
              f.resize_ms > 0 ? f.cold_ms / f.resize_ms : 0);
  std::printf("  render per page       %10.2f ms  median, %.2f ms p95 (%d pages, layout ready), %.2f ms cold glyph cache\n",
              f.render_median_ms, f.render_p95_ms, f.rendered_pages, f.render_cold_median_ms);
  std::printf("  page turn             %10.2f ms  median (glyphs warm, blocks laid out again when evicted)\n",
              f.render_turn_median_ms);
  std::printf("  shape cache           %9.1f %%  hits, %.2f MB in %llu words\n", f.shape_hit_rate * 100,
              static_cast<double>(f.shape_cache_bytes) / 1e6, static_cast<unsigned long long>(f.shape_cache_entries));
  std::printf("  glyph cache           %9.1f %%  hits, %.2f MB\n", f.glyph_hit_rate * 100,
              static_cast<double>(f.glyph_cache_bytes) / 1e6);
  if (f.allocations_counted)
    std::printf("  heap allocations      %10.1f per paragraph (warm re-layout)\n", f.allocations_per_paragraph);
  std::printf("  peak RSS              %10.1f MB  (cold run, fonts included)\n",
              static_cast<double>(f.peak_rss_bytes) / (1024.0 * 1024.0));
}

int run_bench(const Args& args) {
  auto settings = layout_settings_from(args);
  if (!settings) return report(settings.error());
  auto engine_config = engine_config_from(args);
  if (!engine_config) return report(engine_config.error());
  const EngineConfig config = *engine_config;
  bench::BenchOptions options;
  auto runs = positive(args, "runs", options.runs);
  auto render_pages = positive(args, "render-pages", options.render_pages);
  auto scaling = positive(args, "scaling", 0);
  for (const auto* r : {&runs, &render_pages, &scaling})
    if (!*r) return report(r->error());
  options.runs = std::max(*runs, 1);
  options.render_pages = *render_pages;
  const bool json = args.has("json");

  JsonWriter w;
  w.begin_object().key("articles").begin_array();
  for (const auto& path : args.positional) {
    auto figures = bench::bench_article(path, *settings, config, options);
    if (!figures) return report(figures.error());
    if (json) write_json(w, *figures);
    else print_table(*figures, options.runs);
  }
  w.end_array();
  if (*scaling > 0) {
    const int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    auto s = bench::bench_scaling(args.positional[0], *settings, config, *scaling, threads, options.runs);
    if (!s) return report(s.error());
    if (json) {
      w.key("scaling").begin_object();
      w.key("jobs").value(s->jobs).key("threads").value(s->threads);
      w.key("serial_ms").value(s->serial_ms, 3).key("parallel_ms").value(s->parallel_ms, 3);
      w.key("speedup").value(s->speedup, 3);
      w.end_object();
    } else {
      std::printf("scaling: %d layouts of %s, one after the other %.1f ms, on %d threads %.1f ms: %.2fx\n", s->jobs,
                  args.positional[0].c_str(), s->serial_ms, s->threads, s->parallel_ms, s->speedup);
    }
  }
  w.end_object();
  if (json) std::printf("%s\n", w.str().c_str());
  return kExitOk;
}

const Registration kBench(
    {"bench", "time pagination, first page, re-layout and rendering", "ARTICLE... [options]",
     with_layout_options({{"runs", true, "runs per measurement, medians reported (default 5)"},
                          {"render-pages", true, "pages sampled for the render timings (default 20, 0: none)"},
                          {"scaling", true, "also lay out N copies of the first article serially and in parallel"},
                          {"json", false, "print the figures as JSON"}}),
     run_bench, 1, 1000});

}  // namespace
}  // namespace inkset::cli
