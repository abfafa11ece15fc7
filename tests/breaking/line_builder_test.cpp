#include <catch2/catch.hpp>

#include "breaking/line_builder.h"
#include "synthetic_paragraph.h"

using namespace inkset;

namespace {

std::string placed_text(const breaking::PlacedLine& line) {
  std::string s;
  for (const uint32_t g : line.glyph_id) s += static_cast<char>(g);
  return s;
}

}  // namespace

TEST_CASE("line builder: justified lines are exactly the measure in 26.6", "[breaking][line-builder]") {
  const std::string text = "aaa bb cccc d ee fff gggg h iii jj kkkkk";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  // A measure that is not a multiple of the glue count: the remainder must be spread.
  const Fixed widths[] = {13 * test::kEm + 7};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  REQUIRE(r.lines.size() >= 3);
  breaking::LineBuilder builder;
  breaking::PlacedLine line;
  for (size_t i = 0; i < r.lines.size(); ++i) {
    builder.build(para, items, r.lines[i], {}, {}, line);
    const bool last = i + 1 == r.lines.size();
    if (!last) {
      CHECK(line.ink_left == 0);
      CHECK(line.ink_width == widths[0]);
      CHECK(line.x.back() + test::kEm == widths[0]);  // last glyph ends flush right
    } else {
      CHECK(line.ink_width == static_cast<Fixed>(line.glyph_id.size()) * test::kEm);  // ragged
    }
    // No trailing space is drawn.
    CHECK(placed_text(line).back() != ' ');
  }
}

TEST_CASE("line builder: alignment, hyphen glyph and trailing spaces", "[breaking][line-builder]") {
  breaking::HyphenatorSet set;
  const std::string text = "xx hyphenation";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para, set.for_language("en"));
  const Fixed widths[] = {10 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.alignment = breaking::Alignment::kRight;
  const auto r = breaking::break_lines(items, params);
  REQUIRE(r.lines.size() == 2);
  REQUIRE(r.lines[0].hyphenated);
  CHECK(r.lines[0].text_end == 9);  // "xx hyphen" + '-'
  const breaking::HyphenGlyph hyphen[] = {{'-', test::kEm}};
  breaking::LineBuilder builder;
  breaking::PlacedLine line;
  builder.build(para, items, r.lines[0], {breaking::Alignment::kRight, 0}, hyphen, line);
  CHECK(placed_text(line) == "xx hyphen-");
  CHECK(line.ink_left == 0);
  CHECK(line.ink_width == 10 * test::kEm);
  builder.build(para, items, r.lines[1], {breaking::Alignment::kRight, 0}, hyphen, line);
  CHECK(placed_text(line) == "ation");
  CHECK(line.ink_left == 5 * test::kEm);
  CHECK(line.x.front() == 5 * test::kEm);
  builder.build(para, items, r.lines[1], {breaking::Alignment::kCenter, 0}, hyphen, line);
  CHECK(line.ink_left == 5 * test::kEm / 2);
}

TEST_CASE("line builder: bidi reordering of LTR/RTL/LTR runs", "[breaking][line-builder]") {
  // "ab CDE fg": the middle run is RTL (level 1) in an LTR paragraph; glyphs are stored in logical
  // order, so visual order is a b ' ' E D C ' ' f g.
  const std::string text = "ab CDE fg";
  const auto para = test::synthetic_paragraph(text, {{3, 0}, {6, 1}, {9, 0}});
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {40 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  REQUIRE(r.lines.size() == 1);
  breaking::LineBuilder builder;
  breaking::PlacedLine line;
  builder.build(para, items, r.lines[0], {breaking::Alignment::kLeft, 0}, {}, line);
  CHECK(placed_text(line) == "ab EDC fg");
  REQUIRE(line.runs.size() == 3);
  CHECK(line.runs[1].shaped_run == 1);
  for (size_t i = 0; i < line.x.size(); ++i) CHECK(line.x[i] == static_cast<Fixed>(i) * test::kEm);

  // In an RTL paragraph the runs themselves go right to left: LTR runs at level 2.
  const auto rtl = test::synthetic_paragraph(text, {{3, 2}, {6, 1}, {9, 2}});
  const auto rtl_items = test::synthetic_items(rtl);
  const auto r2 = breaking::break_lines(rtl_items, params);
  builder.build(rtl, rtl_items, r2.lines[0], {breaking::Alignment::kLeft, 1}, {}, line);
  CHECK(placed_text(line) == " fgEDCab ");  // runs "ab ", "CDE", " fg" reversed as wholes
}

TEST_CASE("line builder: a last line admitted by shrinking is shrunk to the measure", "[breaking][line-builder]") {
  // 14 ems of text, two spaces that can shrink by 1/3 em each: the breaker keeps it on one line at
  // 13.5 ems, so the builder must shrink it although a last line is otherwise set at natural width.
  const std::string text = "aaaa bbbb cccc";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {13 * test::kEm + test::kEm / 2};
  breaking::BreakParams params;
  params.line_widths = widths;
  for (const auto& r : {breaking::break_lines(items, params), breaking::break_lines_greedy(items, params)}) {
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0].natural_width == 14 * test::kEm);
    breaking::LineBuilder builder;
    breaking::PlacedLine line;
    builder.build(para, items, r.lines[0], {}, {}, line);
    CHECK(line.ink_left == 0);
    CHECK(line.ink_width == widths[0]);
  }
  // A last line shorter than the measure keeps its natural spacing.
  const Fixed wide[] = {20 * test::kEm};
  params.line_widths = wide;
  const auto r = breaking::break_lines(items, params);
  breaking::LineBuilder builder;
  breaking::PlacedLine line;
  builder.build(para, items, r.lines[0], {}, {}, line);
  CHECK(line.ink_width == 14 * test::kEm);
}

TEST_CASE("line builder: a paragraph's lines in one PlacedLines block equal lines built alone", "[breaking][line-builder]") {
  breaking::HyphenatorSet set;
  // Bidi runs, hyphenated breaks and several alignments, all appended to one block.
  const std::string text = "ab CDE fg hyphenation representation xx yy zzz characteristically qq";
  const auto para = test::synthetic_paragraph(text, {{3, 0}, {6, 1}, {static_cast<uint32_t>(text.size()), 0}});
  const auto items = test::synthetic_items(para, set.for_language("en"));
  const breaking::HyphenGlyph hyphen[] = {{'-', test::kEm}, {'-', test::kEm}, {'-', test::kEm}};
  const Fixed widths[] = {11 * test::kEm};
  breaking::LineBuilder builder;
  breaking::PlacedLines lines;
  for (const auto alignment : {breaking::Alignment::kJustified, breaking::Alignment::kLeft, breaking::Alignment::kRight,
                               breaking::Alignment::kCenter}) {
    breaking::BreakParams params;
    params.line_widths = widths;
    params.alignment = alignment;
    const auto r = breaking::break_lines(items, params);
    REQUIRE(r.lines.size() >= 5);
    bool any_hyphen = false;
    lines.clear();
    lines.reserve(r.lines.size(), r.lines.size() * 3, para.glyph_count() + r.lines.size());
    for (const auto& l : r.lines) builder.build(para, items, l, {alignment, 0}, hyphen, lines);
    REQUIRE(lines.size() == r.lines.size());
    CHECK_FALSE(lines.empty());
    for (size_t i = 0; i < r.lines.size(); ++i) {
      breaking::PlacedLine alone;
      builder.build(para, items, r.lines[i], {alignment, 0}, hyphen, alone);
      const breaking::PlacedLineView v = lines[i];
      any_hyphen |= alone.hyphenated;
      CHECK(v.text_begin == alone.text_begin);
      CHECK(v.text_end == alone.text_end);
      CHECK(v.hyphenated == alone.hyphenated);
      CHECK(v.ratio == alone.ratio);
      CHECK(v.ink_left == alone.ink_left);
      CHECK(v.ink_width == alone.ink_width);
      CHECK(std::vector<uint32_t>(v.glyph_id.begin(), v.glyph_id.end()) == alone.glyph_id);
      CHECK(std::vector<Fixed>(v.x.begin(), v.x.end()) == alone.x);
      CHECK(std::vector<Fixed>(v.y.begin(), v.y.end()) == alone.y);
      REQUIRE(v.runs.size() == alone.runs.size());
      for (size_t k = 0; k < v.runs.size(); ++k) {
        CHECK(v.runs[k].shaped_run == alone.runs[k].shaped_run);
        CHECK(v.runs[k].glyph_first == alone.runs[k].glyph_first);
        CHECK(v.runs[k].glyph_count == alone.runs[k].glyph_count);
      }
    }
    CHECK(any_hyphen);
  }
  lines.clear();
  CHECK(lines.empty());
}

TEST_CASE("line builder: hanging punctuation stands in the margins only when asked", "[breaking][line-builder]") {
  // Every glyph of the synthetic paragraph is one em wide: a hanging mark shows exactly its share.
  const std::string text = "\"aa bbb. ccc dd, eee ffff gg hhh, iii jjj kk lll.";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  const Fixed measure = 9 * test::kEm;
  const auto r = test::break_justified(items, measure);
  REQUIRE(r.lines.size() >= 3);
  breaking::LineBuilder builder;
  breaking::PlacedLine line;
  breaking::LineLayoutParams hanging;
  hanging.protrude_margins = true;
  const Fixed quote_hang = test::kEm * breaking::left_protrusion(U'"') / 1000;
  int hung_right = 0;
  for (size_t i = 0; i + 1 < r.lines.size(); ++i) {
    builder.build(para, items, r.lines[i], {}, {}, line);
    CHECK(line.x.front() == 0);
    CHECK(line.x.back() + test::kEm == measure);
    const char last = static_cast<char>(line.glyph_id.back());
    const char first = static_cast<char>(line.glyph_id.front());
    builder.build(para, items, r.lines[i], hanging, {}, line);
    const Fixed left = first == '"' ? -quote_hang : 0;
    const Fixed right = test::kEm * breaking::right_protrusion(static_cast<char32_t>(last)) / 1000;
    CHECK(line.x.front() == left);
    CHECK(line.x.back() + test::kEm == measure + right);
    hung_right += right > 0;
  }
  CHECK(hung_right > 0);
  // The quote opens the paragraph, so the first line hangs left; some line ends in a stop or comma.
  builder.build(para, items, r.lines[0], hanging, {}, line);
  CHECK(line.x.front() == -quote_hang);
  CHECK(breaking::right_protrusion(U'.') == 700);
  CHECK(breaking::right_protrusion(U'a') == 0);
  CHECK(breaking::left_protrusion(U'\u201C') == 700);
}
