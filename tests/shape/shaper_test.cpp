#include <catch2/catch.hpp>

#include "shape_fixture.h"

using namespace inkset;
using inkset::test::fonts;
using inkset::test::shape_one;
using inkset::test::style;

namespace {

uint32_t glyph_by_name(font::FaceId face, const char* name) {
  hb_codepoint_t g = 0;
  hb_font_get_glyph_from_name(fonts().hb_font(face, px_to_fixed(24)), name, -1, &g);
  return g;
}

}  // namespace

TEST_CASE("shape: fi ligature in office with Charis SIL", "[shape]") {
  const auto p = shape_one("office", style("Charis SIL"));
  const font::FaceId charis = test::face_of("Charis SIL");
  REQUIRE(p.runs.size() == 1);
  CHECK(p.runs[0].face == charis);
  // o, ffi (or f + fi): fewer glyphs than the six characters.
  CHECK(p.glyph_count() < 6);
  const uint32_t fi = glyph_by_name(charis, "fi");
  const uint32_t ffi = glyph_by_name(charis, "f_f_i");
  REQUIRE((fi != 0 || ffi != 0));
  bool has_ligature = false;
  for (const uint32_t g : p.glyph_id) has_ligature |= (g == fi || g == ffi) && g != 0;
  CHECK(has_ligature);
  CHECK(p.missing_glyphs == 0);
}

TEST_CASE("shape: liga=0 turns the ligature off", "[shape][features]") {
  auto s = style("Charis SIL");
  s.features = shape::parse_features("liga=0").value();
  const auto p = shape_one("office", s);
  CHECK(p.glyph_count() == 6);
}

TEST_CASE("shape: feature lists parse", "[shape][features]") {
  const auto f = shape::parse_features(" onum, smcp ,liga=0,-kern");
  REQUIRE(f.ok());
  REQUIRE(f->size() == 4);
  CHECK(f.value()[0].tag == HB_TAG('o', 'n', 'u', 'm'));
  CHECK(f.value()[0].value == 1);
  CHECK(f.value()[2].tag == HB_TAG('l', 'i', 'g', 'a'));
  CHECK(f.value()[2].value == 0);
  CHECK(f.value()[3].tag == HB_TAG('k', 'e', 'r', 'n'));
  CHECK(f.value()[3].value == 0);
  CHECK(shape::parse_features("").value().empty());
  const auto bad = shape::parse_features("onum,=3");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kBadArguments);
}

TEST_CASE("shape: Arabic letters take joining forms", "[shape][arabic]") {
  const auto p = shape_one("\u0628\u064A\u062A", style("Charis SIL", px_to_fixed(24), "ar"));  // بيت
  REQUIRE(p.runs.size() == 1);
  CHECK(p.base_level == 1);
  CHECK(p.runs[0].bidi_level == 1);
  CHECK(p.runs[0].script == HB_SCRIPT_ARABIC);
  CHECK(fonts().info(p.runs[0].face).family == "Noto Sans Arabic");
  REQUIRE(p.glyph_count() == 3);
  // Logical order: clusters never decrease, the beh comes first.
  CHECK(p.cluster[0] == 0);
  CHECK(p.cluster[1] == 2);
  CHECK(p.cluster[2] == 4);
  const uint32_t isolated_beh = test::nominal_glyph(p.runs[0].face, U'\u0628');
  const uint32_t isolated_yeh = test::nominal_glyph(p.runs[0].face, U'\u064A');
  CHECK(p.glyph_id[0] != isolated_beh);  // initial form
  CHECK(p.glyph_id[1] != isolated_yeh);  // medial form
}

TEST_CASE("shape: Devanagari conjunct and reordered i-matra", "[shape][indic]") {
  const auto conjunct = shape_one("\u0915\u094D\u0937", style("Charis SIL"));  // क्ष
  REQUIRE(conjunct.runs.size() == 1);
  CHECK(fonts().info(conjunct.runs[0].face).family == "Noto Sans Devanagari");
  CHECK(conjunct.glyph_count() == 1);

  const auto ki = shape_one("\u0915\u093F", style("Charis SIL"));  // कि
  REQUIRE(ki.glyph_count() == 2);
  const uint32_t ka = test::nominal_glyph(ki.runs[0].face, U'\u0915');
  CHECK(ki.glyph_id[0] != ka);  // the matra is drawn first, to the left of the consonant
  CHECK(ki.glyph_id[1] == ka);
  CHECK(ki.cluster[0] == 0);
  CHECK(ki.cluster[1] == 0);
}

TEST_CASE("shape: a combining acute attaches to its base", "[shape][marks]") {
  const auto p = shape_one("e\u0301", style("Charis SIL"));
  REQUIRE(p.runs.size() == 1);
  REQUIRE(p.glyph_count() >= 1);
  for (const uint32_t c : p.cluster) CHECK(c == 0);
  if (p.glyph_count() == 2) CHECK((p.advance[1] == 0 || p.x_offset[1] != 0 || p.y_offset[1] != 0));
}

TEST_CASE("shape: an emoji ZWJ family is one cluster in the emoji face", "[shape][emoji]") {
  const std::string text = "a \U0001F468\u200D\U0001F469\u200D\U0001F467 b";
  const auto p = shape_one(text, style("Charis SIL"));
  REQUIRE(p.runs.size() == 3);
  CHECK(p.runs[1].face == fonts().emoji_face());
  CHECK(p.runs[1].text_begin == 2);
  CHECK(p.runs[1].text_end == 2 + 4 + 3 + 4 + 3 + 4);
  CHECK(p.runs[1].glyph_end - p.runs[1].glyph_begin == 1);
  CHECK(p.glyph_id[p.runs[1].glyph_begin] != 0);
  CHECK(p.advance[p.runs[1].glyph_begin] > px_to_fixed(20));
  CHECK(p.missing_glyphs == 0);
}

TEST_CASE("shape: bidi gives LTR, RTL, LTR runs", "[shape][bidi]") {
  const auto p = shape_one("abc \u05D0\u05D1\u05D2 def", style("Charis SIL"));
  REQUIRE(p.runs.size() == 3);
  CHECK(p.base_level == 0);
  CHECK(p.runs[0].bidi_level == 0);
  CHECK(p.runs[1].bidi_level == 1);
  CHECK(p.runs[2].bidi_level == 0);
  CHECK(p.runs[1].text_begin == 4);
  CHECK(p.runs[1].text_end == 10);
  CHECK(fonts().info(p.runs[1].face).family == "Noto Sans Hebrew");
  CHECK(p.runs[1].script == HB_SCRIPT_HEBREW);
  // Logical order inside the RTL run.
  CHECK(p.cluster[p.runs[1].glyph_begin] == 4);
  CHECK(p.cluster[p.runs[1].glyph_end - 1] == 8);
}

TEST_CASE("shape: an explicit RTL base direction", "[shape][bidi]") {
  const auto p = shape_one("abc", style("Charis SIL"), shape::BaseDirection::kRtl);
  CHECK(p.base_level == 1);
  REQUIRE(p.runs.size() == 1);
  CHECK(p.runs[0].bidi_level == 2);
}

TEST_CASE("shape: script itemization of Latin, Greek and Cyrillic", "[shape][script]") {
  const std::string text = "Hello \u03B1\u03B2\u03B3 (\u03B4) \u043C\u0438\u0440!";
  const auto p = shape_one(text, style("Charis SIL"));
  REQUIRE(p.runs.size() == 3);
  CHECK(p.runs[0].script == HB_SCRIPT_LATIN);
  CHECK(p.runs[1].script == HB_SCRIPT_GREEK);
  CHECK(p.runs[2].script == HB_SCRIPT_CYRILLIC);
  CHECK(p.runs[0].text_end == 6);
  // The parenthesis and the spaces stay with the Greek text they follow.
  CHECK(text.substr(p.runs[1].text_begin, p.runs[1].text_end - p.runs[1].text_begin) ==
        "\u03B1\u03B2\u03B3 (\u03B4) ");
  for (const auto& run : p.runs) CHECK(fonts().info(run.face).family == "Charis SIL");
}

TEST_CASE("shape: a closing bracket takes the script of its opening bracket", "[shape][script]") {
  const std::string text = "\u03B1 (abc) x";
  const auto p = shape_one(text, style("Charis SIL"));
  REQUIRE(p.runs.size() >= 3);
  CHECK(p.runs[0].script == HB_SCRIPT_GREEK);
  CHECK(p.runs[1].script == HB_SCRIPT_LATIN);
  CHECK(p.runs[2].script == HB_SCRIPT_GREEK);
  CHECK(p.runs[2].text_begin == text.find(')'));
}

TEST_CASE("shape: fallback to Thai and CJK faces", "[shape][fallback]") {
  const auto thai = shape_one("\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35", style("Charis SIL"));
  REQUIRE(thai.runs.size() == 1);
  CHECK(fonts().info(thai.runs[0].face).family == "Noto Sans Thai");
  CHECK(thai.missing_glyphs == 0);
  const auto cjk = shape_one("\u4E2D\u6587", style("Charis SIL", px_to_fixed(24), "zh-Hant"));
  REQUIRE(cjk.runs.size() == 1);
  CHECK(fonts().info(cjk.runs[0].face).family == "Noto Sans CJK TC");
  CHECK(cjk.glyph_count() == 2);
  CHECK(cjk.missing_glyphs == 0);
}

TEST_CASE("shape: a character no face covers is kept as .notdef and counted", "[shape][fallback]") {
  const std::string text = "a\U000FFFFDb";
  const auto p = shape_one(text, style("Charis SIL"));
  REQUIRE(p.glyph_count() == 3);
  CHECK(p.missing_glyphs == 1);
  CHECK(p.glyph_id[1] == 0);
  CHECK(p.cluster[1] == 1);
  CHECK((p.flags[1] & shape::kMissing) != 0);
  CHECK((p.flags[0] & shape::kMissing) == 0);
  CHECK(p.advance[1] > 0);
}

TEST_CASE("shape: style ranges split runs and select faces", "[shape][style]") {
  const std::string text = "plain bold";
  std::vector<shape::TextStyle> styles{style("Charis SIL"), style("Charis SIL")};
  styles[1].weight = 700;
  const std::vector<shape::StyleRange> ranges{{0, 6, 0}, {6, 10, 1}};
  shape::ShapeCache cache;
  shape::Shaper shaper(fonts(), cache);
  const auto p = shaper.shape(text, ranges, styles, shape::BaseDirection::kAuto);
  REQUIRE(p.runs.size() == 2);
  CHECK(p.runs[1].style == 1);
  CHECK(fonts().info(p.runs[1].face).weight == 700);
  CHECK_FALSE(p.runs[1].synthetic_bold);
}

TEST_CASE("shape: synthetic italic when the fallback face has no italic", "[shape][style]") {
  auto s = style("Charis SIL");
  s.italic = true;
  const auto p = shape_one("\u05D0\u05D1", s);
  REQUIRE(p.runs.size() == 1);
  CHECK(p.runs[0].synthetic_italic);
}

TEST_CASE("shape: hyphen advance in the run's face", "[shape]") {
  const auto p = shape_one("word", style("Charis SIL"));
  shape::ShapeCache cache;
  shape::Shaper shaper(fonts(), cache);
  const auto h = shaper.hyphen(p.runs[0]);
  CHECK(h.glyph != 0);
  CHECK(h.advance > px_to_fixed(4));
  CHECK(h.advance < px_to_fixed(16));
  CHECK(shaper.hyphen_advance(p.runs[0]) == h.advance);
}

TEST_CASE("shape: every byte belongs to one run and clusters never decrease", "[shape]") {
  const std::string text = "Emma \u05E9\u05DC\u05D5\u05DD, \u0645\u0631\u062D\u0628\u0627 \u4E2D\u6587 \U0001F600 e\u0301 ok";
  const auto p = shape_one(text, style("Charis SIL"));
  uint32_t expect = 0;
  for (const auto& run : p.runs) {
    CHECK(run.text_begin == expect);
    expect = run.text_end;
    for (uint32_t g = run.glyph_begin; g + 1 < run.glyph_end; ++g) CHECK(p.cluster[g] <= p.cluster[g + 1]);
    for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g) {
      CHECK(p.cluster[g] >= run.text_begin);
      CHECK(p.cluster[g] < run.text_end);
    }
  }
  CHECK(expect == text.size());
  CHECK(p.missing_glyphs == 0);
}

TEST_CASE("shape: flags and emoji presentation sequences use the emoji face", "[shape][emoji]") {
  const auto flag = shape_one("\U0001F1EB\U0001F1F7", style("Charis SIL"));  // regional indicators F R
  REQUIRE(flag.runs.size() == 1);
  CHECK(flag.runs[0].face == fonts().emoji_face());
  CHECK(flag.glyph_count() == 1);
  const auto heart = shape_one("\u2764\uFE0F", style("Noto Sans"));  // text-default heart + VS16
  REQUIRE(heart.runs.size() == 1);
  CHECK(heart.runs[0].face == fonts().emoji_face());
  CHECK(heart.missing_glyphs == 0);
}
