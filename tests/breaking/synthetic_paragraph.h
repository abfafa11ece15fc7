#pragma once
// Hand-built ShapedParagraphs for breaking tests: one glyph per byte, every glyph `em` wide, so
// expected widths are exact integers. Glyph ids are the byte values.
#include <string>
#include <vector>

#include "breaking/items.h"
#include "breaking/line_breaker.h"
#include "breaking/line_break_opportunities.h"
#include "shape/shaped_paragraph.h"

namespace inkset::test {

inline constexpr Fixed kEm = 64 * 10;

struct RunSpec {
  uint32_t text_end;
  uint8_t bidi_level;
};

// `runs` splits the text (ends in increasing order); default: one LTR run.
inline shape::ShapedParagraph synthetic_paragraph(const std::string& text, std::vector<RunSpec> runs = {}) {
  shape::ShapedParagraph p;
  p.text = text;
  if (runs.empty()) runs.push_back({static_cast<uint32_t>(text.size()), 0});
  uint32_t begin = 0;
  for (const RunSpec& r : runs) {
    shape::ShapedRun run;
    run.text_begin = run.glyph_begin = begin;
    run.text_end = run.glyph_end = r.text_end;
    run.bidi_level = r.bidi_level;
    p.runs.push_back(run);
    begin = r.text_end;
  }
  for (uint32_t i = 0; i < text.size(); ++i) {
    p.glyph_id.push_back(static_cast<unsigned char>(text[i]));
    p.advance.push_back(kEm);
    p.x_offset.push_back(0);
    p.y_offset.push_back(0);
    p.cluster.push_back(i);
    p.flags.push_back(0);
  }
  return p;
}

// Items for `para` with ICU's break opportunities; hyphen glyphs are 1 em wide.
inline breaking::ItemList synthetic_items(const shape::ShapedParagraph& para, const breaking::Hyphenator* hyphenator = nullptr,
                                          const breaking::ItemParams& params = {}) {
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> breaks;
  const bool ok = finder.find(para.text, "en", breaks).ok();
  (void)ok;
  const std::vector<Fixed> hyphen(para.runs.size(), kEm);
  breaking::ItemList items;
  breaking::build_items(para, breaks, hyphenator, hyphen, params, items);
  return items;
}

// Knuth–Plass over the items, justified to one measure for every line.
inline breaking::LineBreakResult break_justified(const breaking::ItemList& items, Fixed measure) {
  const Fixed widths[] = {measure};
  breaking::BreakParams params;
  params.line_widths = widths;
  return breaking::break_lines(items, params);
}

}  // namespace inkset::test
