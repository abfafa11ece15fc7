// The shape cache on real prose: laying out the long-form article twice must reuse the advances
// shaped the first time (words recur within an article, and a second layout, e.g. after a page
// turn or a width change, should shape nothing anew).
#include <catch2/catch.hpp>

#include <cstdio>

#include "doc/markdown_parser.h"
#include "shape_fixture.h"

using namespace inkset;

namespace {

struct Pass {
  uint64_t hits = 0, misses = 0, glyphs = 0;
  double hit_rate() const { return hits + misses ? double(hits) / double(hits + misses) : 0; }
};

Pass shape_article(shape::Shaper& shaper, shape::ShapeCache& cache, const doc::Article& article,
                   const shape::TextStyle& body) {
  const auto before = cache.stats();
  Pass pass;
  for (const doc::Block& block : article.blocks) {
    if (block.text.empty()) continue;
    const shape::StyleRange range{0, static_cast<uint32_t>(block.text.size()), 0};
    pass.glyphs += shaper.shape(block.text, {&range, 1}, {&body, 1}, shape::BaseDirection::kAuto).glyph_count();
  }
  const auto after = cache.stats();
  pass.hits = after.hits - before.hits;
  pass.misses = after.misses - before.misses;
  return pass;
}

}  // namespace

TEST_CASE("shape cache: laying out the long-form article twice reuses shaped words", "[shape][cache]") {
  auto article = doc::load_article(INKSET_SOURCE_DIR "/content/longform/article.md");
  REQUIRE(article.ok());
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  const shape::TextStyle body = test::style("Charis SIL", px_to_fixed(32), "en-GB");

  const Pass first = shape_article(shaper, cache, article.value(), body);
  const Pass second = shape_article(shaper, cache, article.value(), body);
  const uint64_t hits = first.hits + second.hits, lookups = hits + first.misses + second.misses;
  const double overall = double(hits) / double(lookups);
  std::printf("shape cache over the long-form article: first layout %.1f%% hits (%llu lookups), second %.1f%%, "
              "both %.1f%%; %zu bytes cached\n",
              100 * first.hit_rate(), static_cast<unsigned long long>(first.hits + first.misses),
              100 * second.hit_rate(), 100 * overall, cache.stats().bytes);
  CHECK(first.glyphs == second.glyphs);
  CHECK(lookups > 10000);
  CHECK(overall > 0.80);
  // Everything the first layout shaped fits in the default capacity, so the second one only looks up.
  CHECK(second.misses == 0);
  CHECK(first.hit_rate() > 0.5);  // words recur within one article
}
