// The itemizer's fast paths (no bidi or break iterator for simple text, a property table for common
// characters) must give exactly what the general path gives.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "shape/itemizer.h"
#include "shape_fixture.h"

using namespace inkset;

namespace {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Itemizes text both ways with two styles (the second from the middle on) and compares every field.
void check_same(const std::string& text, shape::BaseDirection dir) {
  const shape::ItemStyle styles[] = {{test::face_of("Charis SIL"), "en"}, {test::face_of("Noto Sans"), "ja"}};
  const auto middle = static_cast<uint32_t>(text.size() / 2);
  std::vector<shape::StyleRange> ranges;
  size_t cut = middle;
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  ranges.push_back({0, static_cast<uint32_t>(cut), 0});
  if (cut < text.size()) ranges.push_back({static_cast<uint32_t>(cut), static_cast<uint32_t>(text.size()), 1});
  shape::ItemizerScratch fast, slow;
  slow.fast_paths = false;
  shape::Itemization a, b;
  shape::itemize(text, ranges, styles, dir, test::fonts(), fast, a);
  shape::itemize(text, ranges, styles, dir, test::fonts(), slow, b);
  INFO("text: " << text << " direction " << static_cast<int>(dir));
  REQUIRE(a.items.size() == b.items.size());
  CHECK(a.base_level == b.base_level);
  for (size_t i = 0; i < a.items.size(); ++i) {
    INFO("item " << i);
    CHECK(a.items[i].begin == b.items[i].begin);
    CHECK(a.items[i].end == b.items[i].end);
    CHECK(a.items[i].bidi_level == b.items[i].bidi_level);
    CHECK(a.items[i].script == b.items[i].script);
    CHECK(a.items[i].style == b.items[i].style);
    CHECK(a.items[i].face == b.items[i].face);
  }
  const auto fast_levels = shape::resolve_bidi_levels(text, dir);
  CHECK(fast_levels.base_level == b.base_level);
}

}  // namespace

TEST_CASE("itemizer: fast and general paths agree on mixed text", "[shape][itemizer]") {
  const std::vector<std::string> texts = {
      "",
      "Emma Woodhouse, handsome, clever, and rich \xE2\x80\x94 with a comfortable home (and happy) disposition.",
      "caf\xC3\xA9 cafe\xCC\x81 na\xC3\xAFve \xE1\xBA\xA1\xCC\x82 \xCC\x81leading mark",
      "line\r\nbreak\rcr\nlf\x01\x02 soft\xC2\xADhyphen \xE2\x80\x8B zwsp \xE2\x80\x8C zwnj",
      "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x98single\xE2\x80\x99 12.50 $3 #1 *bold* \xC2\xA9 \xC2\xAE 1st",
      "Greek \xCE\xB1\xCE\xB2\xCE\xB3 Cyrillic \xD0\xB4\xD0\xB0 Armenian \xD5\xA1\xD5\xA2",
      "Hebrew \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D (world) end",
      "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 123 \xD9\xA1\xD9\xA2 text [x]",
      "LRM\xE2\x80\x8E RLM\xE2\x80\x8F LRE\xE2\x80\xAA x \xE2\x80\xAC RLI\xE2\x81\xA7 y \xE2\x81\xA9",
      "emoji \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 flag \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 "
      "\xE2\x9D\xA4\xEF\xB8\x8F \xE2\x98\xBA\xEF\xB8\x8E",
      "\xE4\xB8\xAD\xE6\x96\x87 \xE3\x81\x8B\xE3\x81\xAA \xED\x95\x9C\xEA\xB8\x80 mixed",
      "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7 \xE0\xA4\x95\xE0\xA4\xBF \xE0\xB8\x81\xE0\xB8\xB3",
  };
  for (const auto& t : texts)
    for (const auto dir : {shape::BaseDirection::kAuto, shape::BaseDirection::kLtr, shape::BaseDirection::kRtl})
      check_same(t, dir);
}

TEST_CASE("itemizer: fast and general paths agree on random text", "[shape][itemizer]") {
  // Characters at the edges of the fast paths: table ranges, combining marks, controls, joiners,
  // brackets, right-to-left and bidi controls, emoji parts.
  const std::vector<char32_t> pool = {
      'a', 'Z', ' ', '(', ')', '[', ']', '1', '#', '\r', '\n', '\t', 0x01, 0x7F, 0xAD, 0xE9, 0x300, 0x301, 0x36F,
      0x3B1, 0x430, 0x483, 0x561, 0x58F, 0x5D0, 0x5B4, 0x627, 0x660, 0x915, 0x94D, 0x200B, 0x200C, 0x200D, 0x200E,
      0x200F, 0x2014, 0x201C, 0x202B, 0x202C, 0x2066, 0x2069, 0x2329, 0x232A, 0x3008, 0x3009, 0x4E2D, 0xFE0F,
      0x1F44D, 0x1F3FD, 0x1F1EB, 0x1F1F7, 0xFFFD};
  std::mt19937 rng(7);
  for (int n = 0; n < 300; ++n) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 24);
    // Half the texts stay within the fast paths' characters, half draw from the whole pool.
    const bool complex = rng() % 2 == 0;
    for (int i = 0; i < length; ++i) {
      const size_t limit = complex ? pool.size() : 23;  // the first 23 are all below U+0590
      append_utf8(text, pool[rng() % limit]);
    }
    const auto dir = static_cast<shape::BaseDirection>(rng() % 3);
    check_same(text, dir);
  }
}

TEST_CASE("itemizer: what a face was found to cover is kept per face, not carried to another",
          "[shape][itemizer]") {
  // One scratch for paragraph after paragraph, as the shaper keeps it: the ASCII characters found to
  // be drawn in Charis must not be taken as drawn in the Arabic face, which has no Latin letters.
  const font::FaceId charis = test::face_of("Charis SIL");
  const font::FaceId arabic = test::fonts().match("Noto Sans Arabic", 400, false).face;
  REQUIRE(arabic != font::kNoFace);
  REQUIRE_FALSE(test::fonts().covers(arabic, U'a'));
  const std::string text = "plain words, in Latin";
  const std::vector<shape::StyleRange> ranges = {{0, static_cast<uint32_t>(text.size()), 0}};
  shape::ItemizerScratch kept;
  for (const font::FaceId preferred : {charis, arabic, charis, arabic}) {
    const shape::ItemStyle styles[] = {{preferred, "en"}};
    shape::ItemizerScratch fresh;
    shape::Itemization a, b;
    shape::itemize(text, ranges, styles, shape::BaseDirection::kLtr, test::fonts(), kept, a);
    shape::itemize(text, ranges, styles, shape::BaseDirection::kLtr, test::fonts(), fresh, b);
    INFO("preferred face " << preferred);
    REQUIRE(a.items.size() == b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) CHECK(a.items[i].face == b.items[i].face);
    CHECK(a.items.front().face != arabic);
  }
}
