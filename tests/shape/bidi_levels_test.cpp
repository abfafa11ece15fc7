// Bidi levels through the itemizer, where they matter: a combining mark must share its bracket's
// run, or HarfBuzz cannot attach it; and BD16's bracket stack limit.
#include <catch2/catch.hpp>

#include "shape/itemizer.h"
#include "shape_fixture.h"

using namespace inkset;

TEST_CASE("bidi levels: a nonspacing mark after a bracket takes the bracket's level", "[shape][bidi]") {
  // "a(b)" + U+0331 COMBINING MACRON BELOW in a right-to-left paragraph: N0 makes the brackets L
  // (level 2) and the mark must follow them (UAX #9 N0, last paragraph).
  const std::string text = "a(b)\xCC\xB1";
  const auto bidi = shape::resolve_bidi_levels(text, shape::BaseDirection::kRtl);
  CHECK(bidi.base_level == 1);
  CHECK(bidi.levels == std::vector<uint8_t>{2, 2, 2, 2, 2});

  const shape::StyleRange range{0, static_cast<uint32_t>(text.size()), 0};
  const shape::ItemStyle style{test::face_of("Charis SIL"), "en"};
  const auto items = shape::itemize(text, {&range, 1}, {&style, 1}, shape::BaseDirection::kRtl, test::fonts());
  REQUIRE(items.items.size() == 1);  // one level, one script, one face: the mark is not cut off
  CHECK(items.items[0].bidi_level == 2);
}

TEST_CASE("bidi levels: more than 63 open brackets pair nothing (BD16)", "[shape][bidi]") {
  // A right-to-left paragraph of "a" and 64 opening brackets, then closing ones: BD16's stack
  // overflows at the 64th, so no bracket pairs and the closers after the last L resolve to the
  // paragraph direction; paired, they would all be L.
  std::string text = "a";
  text.append(64, '(');
  text += "b";
  text.append(64, ')');
  const auto bidi = shape::resolve_bidi_levels(text, shape::BaseDirection::kRtl);
  REQUIRE(bidi.levels.size() == text.size());
  CHECK(bidi.levels[0] == 2);
  CHECK(bidi.levels[65] == 2);   // "b"
  CHECK(bidi.levels.back() == 1);  // a closer: unpaired, between L and the paragraph's end (R)
  // With fewer brackets they pair and take the embedding direction around them (N0): all L.
  std::string shallow = "a((b))";
  const auto paired = shape::resolve_bidi_levels(shallow, shape::BaseDirection::kRtl);
  CHECK(paired.levels == std::vector<uint8_t>{2, 2, 2, 2, 2, 2});
}
