#include <catch2/catch.hpp>

#include "breaking/line_breaker.h"
#include "synthetic_paragraph.h"

using namespace inkset;

namespace {

breaking::ItemList items_of(const std::string& text) { return test::synthetic_items(test::synthetic_paragraph(text)); }

std::vector<std::string> line_texts(const breaking::LineBreakResult& r, const std::string& text) {
  std::vector<std::string> lines;
  for (const auto& line : r.lines) lines.push_back(text.substr(line.text_begin, line.text_end - line.text_begin));
  return lines;
}

// A result of two lines for rescore: the first ends at the glue that starts at byte `space`.
breaking::LineBreakResult first_line_until(const breaking::ItemList& items, uint32_t space) {
  breaking::LineBreakResult r;
  r.lines.resize(2);
  for (uint32_t i = 0; i < items.items.size(); ++i) {
    if (items.items[i].kind == breaking::ItemKind::kGlue && items.items[i].text_begin == space) r.lines[0].item_end = i + 1;
  }
  REQUIRE(r.lines[0].item_end > 0);
  r.lines[1].item_end = static_cast<uint32_t>(items.items.size());
  return r;
}

}  // namespace

TEST_CASE("loose steps: a hard spot's white stays on one line instead of spreading", "[breaking][knuth-plass]") {
  // Every glyph and space 1 em; a space stretches by half an em. "eeeeeeee" cannot end the first
  // line, so some line must be loose. TeX's demerits (the squared cube of the ratio) prefer two
  // loose lines, "aa bb c dd" at ratio 2 and "eeeeeeee f" at ratio 6, over one at ratio 6 and one
  // set exactly; the loose steps count the lines a reader sees as loose and take the second.
  const std::string text = "aa bb c dd eeeeeeee f ggg";
  const auto items = items_of(text);
  const Fixed widths[] = {13 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  CHECK(line_texts(r, text) == std::vector<std::string>{"aa bb c ", "dd eeeeeeee f ", "ggg"});
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0].ratio == 6.0);
  CHECK(r.lines[1].ratio == 0.0);
  CHECK(breaking::measure_quality(r, items).loose_lines == 1);
  // Past twice its stretch: two steps.
  CHECK(r.loose_demerits == 2 * params.loose_step_demerits);

  breaking::BreakParams tex = params;
  tex.loose_step_demerits = 0;
  const auto spread = breaking::break_lines(items, tex);
  CHECK(line_texts(spread, text) == std::vector<std::string>{"aa bb c dd ", "eeeeeeee f ", "ggg"});
  CHECK(breaking::measure_quality(spread, items).loose_lines == 2);
  // Under the breaker's own formula TeX's choice costs more: three steps.
  CHECK(breaking::rescore(items, spread, params, r.pass).demerits > r.demerits);

  // Ragged lines keep TeX's demerits: their white is at the end of the line.
  params.alignment = tex.alignment = breaking::Alignment::kLeft;
  const auto ragged = breaking::break_lines(items, params);
  CHECK(ragged.loose_demerits == 0);
  CHECK(line_texts(ragged, text) == line_texts(breaking::break_lines(items, tex), text));
}

TEST_CASE("loose steps: past the stretch, past twice it, and per multiple past eight times", "[breaking][knuth-plass]") {
  // The first line, "aaaa bbbb" (9 em, one space of stretch 1/2 em), set on measures that leave
  // it at a chosen ratio; the second line ends the paragraph and pays nothing.
  const auto items = items_of("aaaa bbbb cc");
  const auto two_words = first_line_until(items, 9);
  const auto lone_word = first_line_until(items, 4);
  const Fixed half = test::kEm / 2;
  struct Case {
    const breaking::LineBreakResult& lines;
    Fixed measure;
    int64_t steps;
  };
  const Case cases[] = {
      {two_words, 9 * test::kEm + half / 2, 0},       // ratio 0.5
      {two_words, 9 * test::kEm + half, 0},           // ratio 1: all the stretch, no more
      {two_words, 9 * test::kEm + 3 * half / 2, 1},   // 1.5
      {two_words, 9 * test::kEm + 2 * half, 1},       // 2
      {two_words, 9 * test::kEm + 5 * half / 2, 2},   // 2.5
      {two_words, 9 * test::kEm + 8 * half, 2},       // 8
      {two_words, 9 * test::kEm + 17 * half / 2, 3},  // 8.5
      {two_words, 9 * test::kEm + 19 * half / 2, 4},  // 9.5
      {two_words, 9 * test::kEm + 22 * half, 16},     // 22: at the cap
      {two_words, 9 * test::kEm + 40 * half, 16},     // 40
      {lone_word, 9 * test::kEm, 16},                 // no glue at all
  };
  for (const Case& c : cases) {
    const Fixed widths[] = {c.measure};
    breaking::BreakParams params;
    params.line_widths = widths;
    INFO("measure " << c.measure << " first line ends at item " << c.lines.lines[0].item_end);
    const auto scored = breaking::rescore(items, c.lines, params, 2);
    CHECK(scored.loose_demerits == c.steps * params.loose_step_demerits);
    breaking::BreakParams ragged = params;
    ragged.alignment = breaking::Alignment::kCenter;
    CHECK(breaking::rescore(items, c.lines, ragged, 2).loose_demerits == 0);
    params.loose_step_demerits = 0;
    CHECK(breaking::rescore(items, c.lines, params, 2).demerits == scored.demerits - scored.loose_demerits);
  }
}
