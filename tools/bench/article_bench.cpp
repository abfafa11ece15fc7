#include "article_bench.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "api/engine_impl.h"
#include "measure.h"

namespace inkset::bench {
namespace {

struct Opened {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Document> document;
};

double hit_rate(uint64_t hits, uint64_t misses) {
  return hits + misses ? static_cast<double>(hits) / static_cast<double>(hits + misses) : 0;
}

// Lays out every page of a fresh Engine and Document; the time is the whole cold path.
Result<Opened> cold_layout(const std::string& path, const LayoutSettings& settings, const EngineConfig& config,
                           double& ms) {
  const double start = now_ms();
  auto engine = Engine::create(config);
  if (!engine) return std::move(engine).take_error();
  auto doc = Document::open_file(**engine, path, settings);
  if (!doc) return std::move(doc).take_error();
  (*doc)->page_count();
  ms = now_ms() - start;
  return Opened{std::move(engine.value()), std::move(doc.value())};
}

// Opens the article on `engine` and draws its first page: the milliseconds that takes.
Result<double> first_page_ms(Engine& engine, const std::string& path, const LayoutSettings& settings) {
  const double start = now_ms();
  auto doc = Document::open_file(engine, path, settings);
  if (!doc) return std::move(doc).take_error();
  if (auto page = (*doc)->render_page(0); !page) return std::move(page).take_error();
  return now_ms() - start;
}

}  // namespace

Result<ArticleFigures> bench_article(const std::string& path, const LayoutSettings& settings,
                                     const EngineConfig& config, const BenchOptions& options) {
  ArticleFigures f;
  f.path = path;
  std::error_code ec;
  f.source_bytes = std::filesystem::file_size(path, ec);
  LayoutSettings resized = settings;
  resized.font_size_pt = (settings.font_size_pt > 0 ? settings.font_size_pt : 11.0) * 1.1;

  std::vector<double> cold, warm, first, first_ready, first_running, open, engine_start, resize;
  const int runs = std::max(options.runs, 1);
  // The first page three ways, each on an engine of its own. Timed after the cold run, so that the
  // cold run's peak memory is that of a process that has done nothing else yet.
  auto first_pages = [&]() -> Status {
    {
      const double start = now_ms();
      auto engine = Engine::create(config);
      if (!engine) return std::move(engine).take_error();
      const double created = now_ms();
      auto doc = Document::open_file(**engine, path, settings);
      if (!doc) return std::move(doc).take_error();
      const double opened = now_ms();
      auto page = (*doc)->render_page(0);
      if (!page) return std::move(page).take_error();
      const double done = now_ms();
      engine_start.push_back(created - start);
      open.push_back(opened - created);
      first.push_back(done - created);
    }
    {
      // A reader that has shown an article in this language before: fonts open and hyphenation
      // patterns loaded (by an open that lays nothing out), every cache still empty.
      auto engine = Engine::create(config);
      if (!engine) return std::move(engine).take_error();
      if (auto warm_up = Document::open_file(**engine, path, settings); !warm_up)
        return std::move(warm_up).take_error();
      auto ms = first_page_ms(**engine, path, settings);
      if (!ms) return std::move(ms).take_error();
      first_ready.push_back(*ms);
    }
    {
      // A reader on a running device opening a new article: it has laid out and drawn pages before
      // (this article at another size: the fonts' one-time set-up, HarfBuzz's table checks and
      // FreeType's hinting analysis, is done), then every cache is emptied.
      auto engine = Engine::create(config);
      if (!engine) return std::move(engine).take_error();
      if (auto before = first_page_ms(**engine, path, resized); !before) return std::move(before).take_error();
      Engine::Impl& e = (*engine)->impl();
      e.shape_cache->clear();
      e.glyphs->clear();
      e.hyphenators->clear_caches();
      auto ms = first_page_ms(**engine, path, settings);
      if (!ms) return std::move(ms).take_error();
      first_running.push_back(*ms);
    }
    return ok_status();
  };
  // One run: cold, warm and re-layout, then (run 0) page drawing. Its engines are gone when it returns,
  // so that no helper thread of theirs is still at work while the first pages are timed.
  auto layouts = [&](int run) -> Status {
    if (run == 0) reset_peak_rss();
    double ms = 0;
    auto opened = cold_layout(path, settings, config, ms);
    if (!opened) return std::move(opened).take_error();
    cold.push_back(ms);
    Engine::Impl& engine = opened->engine->impl();
    if (run == 0) {
      f.peak_rss_bytes = peak_rss_bytes();
      const DocumentStats s = opened->document->stats();
      f.pages = s.pages;
      f.lines = s.lines;
      f.paragraphs = engine.paragraphs->stats().paragraphs;
    }

    const auto before = engine.shape_cache->stats();
    double start = now_ms();
    auto again = Document::open_file(*opened->engine, path, settings);
    if (!again) return std::move(again).take_error();
    Document& doc = **again;
    doc.page_count();
    warm.push_back(now_ms() - start);
    const auto after = engine.shape_cache->stats();
    f.shape_hit_rate = hit_rate(after.hits - before.hits, after.misses - before.misses);
    f.shape_cache_bytes = after.bytes;
    f.shape_cache_entries = after.entries;

    // The other size once, so that both sizes have been shaped; then the timed change back to it.
    INKSET_TRY(doc.set_layout(resized));
    doc.page_count();
    INKSET_TRY(doc.set_layout(settings));
    doc.page_count();
    const uint64_t paragraphs_before = engine.paragraphs->stats().paragraphs;
    const uint64_t allocations_before = thread_allocations();
    start = now_ms();
    INKSET_TRY(doc.set_layout(resized));
    doc.page_count();
    resize.push_back(now_ms() - start);
    const uint64_t allocations = thread_allocations() - allocations_before;
    const uint64_t paragraphs = engine.paragraphs->stats().paragraphs - paragraphs_before;
    f.allocations_counted = allocation_counting();
    f.allocations_per_paragraph = paragraphs ? static_cast<double>(allocations) / static_cast<double>(paragraphs) : 0;

    if (run != 0 || options.render_pages <= 0) return ok_status();
    INKSET_TRY(doc.set_layout(settings));
    const int pages = doc.page_count();
    const int samples = std::min(pages, options.render_pages);
    std::vector<int> sample;
    for (int k = 0; k < samples; ++k) sample.push_back(static_cast<int>(static_cast<int64_t>(k) * pages / samples));
    const RenderSettings render;
    auto bitmap = doc.render_page(0, render);
    if (!bitmap) return std::move(bitmap).take_error();
    auto draw = [&](int p) {
      return doc.render_page_into(p, render, bitmap->pixels.data(), bitmap->pixels.size(), bitmap->stride);
    };
    // Each page is drawn once untimed, so its layout is ready (its blocks in the layout cache), then
    // timed with an empty glyph cache, then timed again with the cache warm.
    std::vector<double> cold_times, times;
    uint64_t hits = 0, misses = 0;
    for (int p : sample) {
      INKSET_TRY(draw(p));
      engine.glyphs->clear();
      double t = now_ms();
      INKSET_TRY(draw(p));
      cold_times.push_back(now_ms() - t);
      const auto glyphs_before = engine.glyphs->stats();
      t = now_ms();
      INKSET_TRY(draw(p));
      times.push_back(now_ms() - t);
      const auto glyphs_after = engine.glyphs->stats();
      hits += glyphs_after.hits - glyphs_before.hits;
      misses += glyphs_after.misses - glyphs_before.misses;
    }
    // Page turns through the same pages: glyphs warm, but a page's blocks may have left the layout
    // cache since and are laid out again, as on a reader jumping through a long article.
    std::vector<double> turn_times;
    for (int p : sample) {
      const double t = now_ms();
      INKSET_TRY(draw(p));
      turn_times.push_back(now_ms() - t);
    }
    f.render_turn_median_ms = median(turn_times);
    const auto glyphs_after = engine.glyphs->stats();
    f.glyph_hit_rate = hit_rate(hits, misses);
    f.glyph_cache_bytes = glyphs_after.bytes;
    f.render_cold_median_ms = median(cold_times);
    f.render_median_ms = median(times);
    f.render_p95_ms = percentile(times, 95);
    f.rendered_pages = samples;
    return ok_status();
  };
  for (int run = 0; run < runs; ++run) {
    INKSET_TRY(layouts(run));
    INKSET_TRY(first_pages());
  }
  f.cold_ms = median(cold);
  f.warm_ms = median(warm);
  f.first_page_ms = median(first);
  f.open_ms = median(open);
  f.first_page_ready_ms = median(first_ready);
  f.first_page_running_ms = median(first_running);
  f.engine_start_ms = median(engine_start);
  f.resize_ms = median(resize);
  f.source_mb_per_s = f.cold_ms > 0 ? static_cast<double>(f.source_bytes) / 1e6 / (f.cold_ms / 1000.0) : 0;
  return f;
}

Result<ScalingFigures> bench_scaling(const std::string& path, const LayoutSettings& settings,
                                     const EngineConfig& config, int jobs, int threads, int runs) {
  ScalingFigures f;
  f.jobs = std::max(jobs, 1);
  f.threads = std::max(threads, 1);
  // The layouts themselves are spread over the cores: each one's helper threads are off,
  // as it is in a program that lays documents out in parallel (EngineConfig::helper_threads).
  EngineConfig one_core = config;
  one_core.helper_threads = false;
  auto one_job = [&]() -> Status {
    double ms = 0;
    auto opened = cold_layout(path, settings, one_core, ms);
    if (!opened) return std::move(opened).take_error();
    return ok_status();
  };
  std::vector<double> serial, parallel;
  for (int run = 0; run < std::max(runs, 1); ++run) {
    double start = now_ms();
    for (int j = 0; j < f.jobs; ++j) INKSET_TRY(one_job());
    serial.push_back(now_ms() - start);

    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    start = now_ms();
    std::vector<std::thread> pool;
    for (int t = 0; t < f.threads; ++t)
      pool.emplace_back([&] {
        while (next.fetch_add(1) < f.jobs)
          if (!one_job().ok()) failed = true;
      });
    for (auto& t : pool) t.join();
    parallel.push_back(now_ms() - start);
    if (failed) return make_error(ErrorCode::kInternal, "a parallel layout failed where the serial one did not");
  }
  f.serial_ms = median(serial);
  f.parallel_ms = median(parallel);
  f.speedup = f.parallel_ms > 0 ? f.serial_ms / f.parallel_ms : 0;
  return f;
}

}  // namespace inkset::bench
