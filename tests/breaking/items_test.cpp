#include <catch2/catch.hpp>

#include "breaking/items.h"
#include "synthetic_paragraph.h"

using namespace inkset;
using breaking::ItemKind;

TEST_CASE("items: boxes, glue and the paragraph end from a synthetic paragraph", "[breaking][items]") {
  const std::string text = "ab cde  f";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  // box "ab", glue " ", box "cde", glue "  ", box "f", penalty inf, fil glue, forced penalty.
  REQUIRE(items.items.size() == 8);
  const auto& it = items.items;
  CHECK(it[0].kind == ItemKind::kBox);
  CHECK(it[0].width == 2 * test::kEm);
  CHECK(it[0].text_begin == 0);
  CHECK(it[0].text_end == 2);
  CHECK(it[0].glyph_begin == 0);
  CHECK(it[0].glyph_end == 2);
  CHECK(it[1].kind == ItemKind::kGlue);
  CHECK(it[1].width == test::kEm);
  CHECK(it[1].stretch == test::kEm / 2);
  CHECK(it[1].shrink == test::kEm / 3);
  CHECK(it[3].kind == ItemKind::kGlue);
  CHECK(it[3].width == 2 * test::kEm);
  CHECK(it[3].text_begin == 6);
  CHECK(it[3].text_end == 8);
  CHECK(it[4].width == test::kEm);
  CHECK(it[5].kind == ItemKind::kPenalty);
  CHECK(it[5].penalty == breaking::kInfinitePenalty);
  CHECK(it[6].kind == ItemKind::kGlue);
  CHECK(it[6].fil);
  CHECK(it[7].penalty == breaking::kForcedPenalty);
  CHECK(it[7].text_end == text.size());
  // Items tile the text.
  uint32_t at = 0;
  for (const auto& item : it) {
    CHECK(item.text_begin == at);
    at = item.text_end;
  }
  CHECK(at == text.size());
}

TEST_CASE("items: explicit hyphens, mandatory breaks, indent", "[breaking][items]") {
  const std::string text = "well-known\nx";
  const auto para = test::synthetic_paragraph(text);
  breaking::ItemParams params;
  params.first_line_indent = 3 * test::kEm;
  const auto items = test::synthetic_items(para, nullptr, params);
  const auto& it = items.items;
  REQUIRE(it.size() >= 9);
  CHECK(it[0].kind == ItemKind::kBox);  // indent
  CHECK(it[0].width == 3 * test::kEm);
  CHECK(it[0].text_end == 0);
  CHECK(it[1].text_end == 5);  // "well-"
  CHECK(it[2].kind == ItemKind::kPenalty);
  CHECK(it[2].flagged);
  CHECK(it[2].penalty == 50);
  CHECK(it[2].width == 0);
  CHECK(it[3].text_begin == 5);  // "known"
  CHECK(it[3].text_end == 10);
  CHECK(it[4].penalty == breaking::kInfinitePenalty);
  CHECK(it[5].fil);
  CHECK(it[5].text_begin == 10);  // the newline
  CHECK(it[5].text_end == 11);
  CHECK(it[6].penalty == breaking::kForcedPenalty);
  CHECK(it[7].text_begin == 11);
}

TEST_CASE("items: hyphenation points become flagged penalties with the hyphen's width", "[breaking][items]") {
  breaking::HyphenatorSet set;
  const std::string text = "hyphenation is hard";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para, set.for_language("en"));
  std::vector<uint32_t> hyphens;
  for (const auto& item : items.items) {
    if (item.kind == ItemKind::kPenalty && item.flagged) {
      CHECK(item.dictionary);
      CHECK(item.width == test::kEm);
      CHECK(item.penalty == 50);
      hyphens.push_back(item.text_begin);
    }
  }
  CHECK(hyphens == std::vector<uint32_t>{2, 6});  // hy-phen-ation

  // Soft hyphens are discretionary breaks even without a dictionary.
  const std::string shy = "ab\xC2\xAD" "cdef ghi";
  const auto para2 = test::synthetic_paragraph(shy);
  const auto items2 = test::synthetic_items(para2);
  REQUIRE(items2.items[1].kind == ItemKind::kPenalty);
  CHECK(items2.items[1].flagged);
  CHECK_FALSE(items2.items[1].dictionary);
  CHECK(items2.items[1].text_begin == 4);
}

TEST_CASE("items: no break inside a multi-character cluster or before an unsafe glyph", "[breaking][items]") {
  breaking::HyphenatorSet set;
  const std::string text = "a/b hyphenation";
  auto para = test::synthetic_paragraph(text);
  // "/b" is one cluster (as a ligature would be): the break after '/' falls inside it.
  para.cluster[2] = 1;
  // Unsafe to break before the 'p' of "hyphenation": the hy-phen point is skipped.
  para.flags[6] = shape::kUnsafeToBreak;
  const auto items = test::synthetic_items(para, set.for_language("en"));
  for (const auto& item : items.items) {
    CHECK(item.text_begin != 2);
    if (item.kind == ItemKind::kPenalty) CHECK(item.text_begin != 6);
  }
  CHECK(items.items[0].text_end == 3);
}

TEST_CASE("items: dictionary points added afterwards give the list built with them", "[breaking][items]") {
  // The layout builds items without the dictionary and adds its points only when the first pass
  // fails; the completed list must be the one build_items makes with the dictionary, item for item.
  breaking::HyphenatorSet set;
  const breaking::Hyphenator* en = set.for_language("en");
  REQUIRE(en != nullptr);
  const std::string texts[] = {
      "Representation of characteristically extraordinary hyphenation",
      "well-known self\xC2\xAD" "contained typesetting, \xE2\x80\x9Cquoted\xE2\x80\x9D phrases\nand forced lines",
      "  leading spaces, trailing spaces   ",
      "short",
      "",
      "a/b hyphenation unbreakable configuration",
  };
  int points = 0;
  for (const std::string& text : texts) {
    for (const bool clusters_and_unsafe : {false, true}) {
      // Longer texts in two runs, so penalties name the run their hyphen is drawn in.
      std::vector<test::RunSpec> runs;
      if (text.size() > 20) runs = {{12, 0}, {static_cast<uint32_t>(text.size()), 0}};
      auto para = test::synthetic_paragraph(text, runs);
      if (clusters_and_unsafe) {
        // Some two-byte clusters (ligatures) and glyphs unsafe to break, spread over the text.
        for (size_t g = 3; g + 1 < para.cluster.size(); g += 7) para.cluster[g + 1] = para.cluster[g];
        for (size_t g = 5; g < para.flags.size(); g += 11) para.flags[g] = shape::kUnsafeToBreak;
      }
      breaking::ItemParams params;
      params.first_line_indent = text.size() % 2 ? 2 * test::kEm : 0;
      const auto expected = test::synthetic_items(para, en, params);
      auto items = test::synthetic_items(para, nullptr, params);
      CHECK_FALSE(items.dictionary);
      const std::vector<Fixed> hyphen(para.runs.size(), test::kEm);
      breaking::add_dictionary_points(para, *en, hyphen, params, items);
      INFO(text << (clusters_and_unsafe ? " (clusters, unsafe glyphs)" : ""));
      CHECK(items.dictionary);
      REQUIRE(items.items.size() == expected.items.size());
      for (size_t i = 0; i < items.items.size(); ++i) {
        const breaking::Item& a = items.items[i];
        const breaking::Item& b = expected.items[i];
        INFO("item " << i);
        CHECK(a.kind == b.kind);
        CHECK(a.flagged == b.flagged);
        CHECK(a.dictionary == b.dictionary);
        CHECK(a.fil == b.fil);
        CHECK(a.width == b.width);
        CHECK(a.stretch == b.stretch);
        CHECK(a.shrink == b.shrink);
        CHECK(a.penalty == b.penalty);
        CHECK(a.text_begin == b.text_begin);
        CHECK(a.text_end == b.text_end);
        CHECK(a.glyph_begin == b.glyph_begin);
        CHECK(a.glyph_end == b.glyph_end);
        CHECK(a.run == b.run);
        points += a.dictionary;
      }
    }
  }
  CHECK(points > 10);
}
