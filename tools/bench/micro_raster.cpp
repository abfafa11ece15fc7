// Rasterizing: a page of Emma rendered at 1072x1448 with layout done and the glyph cache warm, and
// single glyph cache hits.
#include <benchmark/benchmark.h>

#include <inkset/document.h>

#include "micro_fixture.h"
#include "raster/glyph_cache.h"

namespace inkset::bench {
namespace {

void BM_RenderPageWarm(benchmark::State& state) {
  EngineConfig config;
  config.no_system_fonts = true;
  auto engine = Engine::create(config);
  if (!engine) {
    state.SkipWithError(engine.error().message.c_str());
    return;
  }
  LayoutSettings settings;
  settings.page_width = 1072;
  settings.page_height = 1448;
  settings.dpi = 300;
  auto doc = Document::open_file(**engine, INKSET_SOURCE_DIR "/content/bench/emma.md", settings);
  if (!doc || !(*doc)->ensure_page(20)) {
    state.SkipWithError("cannot lay out the benchmark article");
    return;
  }
  auto bitmap = (*doc)->render_page(10);
  if (!bitmap) {
    state.SkipWithError(bitmap.error().message.c_str());
    return;
  }
  int page = 10;
  for (auto _ : state) {
    (void)(*doc)->render_page_into(page, {}, bitmap->pixels.data(), bitmap->pixels.size(), bitmap->stride);
    page = page == 10 ? 11 : 10;
  }
}

void BM_GlyphCacheHit(benchmark::State& state) {
  MicroFixture& f = MicroFixture::get();
  raster::GlyphCache cache;
  raster::GlyphKey key;
  key.face = 0;
  key.size = 24 * kFixedOne;
  for (uint32_t g = 1; g <= 64; ++g) {
    key.glyph = g;
    (void)cache.get(*f.fonts, key);
  }
  uint32_t g = 0;
  for (auto _ : state) {
    key.glyph = 1 + (g++ % 64);
    benchmark::DoNotOptimize(cache.get(*f.fonts, key));
  }
}

BENCHMARK(BM_RenderPageWarm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GlyphCacheHit);

}  // namespace
}  // namespace inkset::bench
