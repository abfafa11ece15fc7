// Shaping: a paragraph through the word cache (all hits), the same without the cache, and a bare
// cache lookup.
#include <benchmark/benchmark.h>

#include "micro_fixture.h"

namespace inkset::bench {
namespace {

void shape_paragraphs(benchmark::State& state, bool cached) {
  MicroFixture& f = MicroFixture::get();
  f.shaper->set_cache_enabled(cached);
  int64_t bytes = 0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& text = f.paragraphs[i++ % f.paragraphs.size()];
    const shape::StyleRange range{0, static_cast<uint32_t>(text.size()), 0};
    auto shaped = f.shaper->shape(text, {&range, 1}, f.styles, shape::BaseDirection::kAuto);
    benchmark::DoNotOptimize(shaped.glyph_id.data());
    bytes += static_cast<int64_t>(text.size());
  }
  f.shaper->set_cache_enabled(true);
  state.SetBytesProcessed(bytes);
}

void BM_ShapeParagraphCached(benchmark::State& state) { shape_paragraphs(state, true); }
void BM_ShapeParagraphUncached(benchmark::State& state) { shape_paragraphs(state, false); }

void BM_ShapeCacheFind(benchmark::State& state) {
  MicroFixture& f = MicroFixture::get();
  shape::ShapeCache cache;
  const char* words[] = {"Emma ", "Woodhouse, ", "handsome, ", "clever, ", "and ", "rich, ", "with ", "a "};
  for (const char* w : words) {
    const auto key = shape::ShapeKey::make(0, 24 * kFixedOne, 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, nullptr, w);
    shape::ShapedSegment seg;
    seg.glyph_id.assign(8, 1);
    seg.advance.assign(8, 64);
    seg.x_offset.assign(8, 0);
    seg.y_offset.assign(8, 0);
    seg.cluster.assign(8, 0);
    seg.flags.assign(8, 0);
    cache.insert(key, std::move(seg));
  }
  (void)f;
  size_t i = 0;
  for (auto _ : state) {
    const auto key = shape::ShapeKey::make(0, 24 * kFixedOne, 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, nullptr,
                                           words[i++ % 8]);
    benchmark::DoNotOptimize(cache.find(key));
  }
}

BENCHMARK(BM_ShapeParagraphCached);
BENCHMARK(BM_ShapeParagraphUncached);
BENCHMARK(BM_ShapeCacheFind);

}  // namespace
}  // namespace inkset::bench
