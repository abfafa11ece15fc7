// Font fallback over the multilingual article: every character is drawn by some face or counted as
// missing (and drawn as .notdef); with the fonts tools/setup installs, none is missing.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>

#include "doc/markdown_parser.h"
#include "shape_fixture.h"
#include "support/utf8.h"

using namespace inkset;

TEST_CASE("fallback: every character of the multilingual article is covered or counted", "[shape][fallback]") {
  auto article = doc::load_article(INKSET_SOURCE_DIR "/content/multilingual/article.md");
  REQUIRE(article.ok());
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  // The ereader body style: Charis SIL, with the article's language for CJK regional forms.
  const shape::TextStyle body = test::style("Charis SIL", px_to_fixed(24), article.value().front.language);

  uint64_t blocks = 0, characters = 0, counted_missing = 0, flagged_missing = 0;
  std::map<uint32_t, int> missing_by_char;
  for (const doc::Block& block : article.value().blocks) {
    if (block.text.empty()) continue;
    ++blocks;
    const shape::StyleRange range{0, static_cast<uint32_t>(block.text.size()), 0};
    const auto shaped = shaper.shape(block.text, {&range, 1}, {&body, 1}, shape::BaseDirection::kAuto);
    counted_missing += shaped.missing_glyphs;
    // Glyphs are in logical order within runs and runs are in logical order, so the clusters of a
    // character are the glyphs whose cluster value is the start of that character's cluster.
    std::vector<uint8_t> glyph_of_byte(block.text.size(), 0);  // 1 covered, 2 missing
    for (size_t g = 0; g < shaped.glyph_count(); ++g) {
      const uint32_t c = shaped.cluster[g];
      REQUIRE(c < block.text.size());
      const bool missing = (shaped.flags[g] & shape::kMissing) != 0;
      // A .notdef that is not flagged would be drawn as a box without being reported.
      CHECK((shaped.glyph_id[g] != 0 || missing));
      if (missing) ++flagged_missing;
      glyph_of_byte[c] = std::max<uint8_t>(glyph_of_byte[c], missing ? 2 : 1);
    }
    // Every character starts or continues a cluster that has glyphs: nothing is dropped.
    size_t at = 0;
    uint8_t cluster_state = 0;
    while (at < block.text.size()) {
      const size_t begin = at;
      const char32_t cp = utf8::decode(block.text, at);
      ++characters;
      if (glyph_of_byte[begin]) cluster_state = glyph_of_byte[begin];
      INFO("block text: " << block.text << " byte " << begin);
      REQUIRE(cluster_state != 0);
      if (cluster_state == 2) ++missing_by_char[static_cast<uint32_t>(cp)];
    }
  }
  for (const auto& [cp, count] : missing_by_char) std::printf("missing: U+%04X (%d times)\n", cp, count);
  std::printf("multilingual article: %llu text blocks, %llu characters, %llu missing glyphs\n",
              static_cast<unsigned long long>(blocks), static_cast<unsigned long long>(characters),
              static_cast<unsigned long long>(counted_missing));
  CHECK(characters > 1000);
  CHECK(flagged_missing == counted_missing);
  CHECK(counted_missing == 0);
  CHECK(missing_by_char.empty());
}
