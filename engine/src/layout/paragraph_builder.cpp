#include "layout/paragraph_builder.h"

namespace inkset::layout {

breaking::Alignment to_alignment(style::Align align) {
  switch (align) {
    case style::Align::kJustify: return breaking::Alignment::kJustified;
    case style::Align::kLeft: return breaking::Alignment::kLeft;
    case style::Align::kRight: return breaking::Alignment::kRight;
    case style::Align::kCenter: return breaking::Alignment::kCenter;
  }
  return breaking::Alignment::kLeft;
}

ParagraphBuilder::ParagraphBuilder(font::FontCollection& fonts, shape::Shaper& shaper,
                                   breaking::HyphenatorSet& hyphenators)
    : m_fonts(fonts), m_shaper(shaper), m_hyphenators(hyphenators) {}

const breaking::ItemList& ParagraphBuilder::shape_and_itemize(Paragraph& p, const ParagraphSpec& spec) {
  p.shaped = m_shaper.shape(p.text, spec.ranges, spec.styles, shape::BaseDirection::kAuto);
  const auto& runs = p.shaped.runs;
  p.run_color.resize(runs.size());
  p.run_decoration.resize(runs.size());
  m_hyphen_advance.resize(runs.size());
  m_hyphen_glyphs.resize(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    const uint16_t s = runs[i].style;
    p.run_color[i] = s < spec.style_color.size() ? spec.style_color[s] : 0;
    p.run_decoration[i] = s < spec.style_decoration.size() ? spec.style_decoration[s] : 0;
    const auto hyphen = m_shaper.hyphen(runs[i]);
    m_hyphen_advance[i] = hyphen.advance;
    m_hyphen_glyphs[i] = {hyphen.glyph, hyphen.advance};
  }
  // A failure of the break iterator leaves only the paragraph end; emergency breaks still keep
  // every line inside the measure.
  m_breaks.clear();
  if (!m_finder.find(p.text, spec.language, m_breaks).ok()) m_breaks.clear();
  if (!spec.keep_together.empty()) {
    std::erase_if(m_breaks, [&](const breaking::BreakOpportunity& b) {
      if (b.kind == breaking::BreakKind::kMandatory) return false;
      for (const auto& [begin, end] : spec.keep_together)
        if (b.offset > begin && b.offset < end) return true;
      return false;
    });
  }
  const breaking::Hyphenator* hyphenator = spec.hyphenate ? m_hyphenators.for_language(spec.language) : nullptr;
  breaking::ItemParams params;
  params.first_line_indent = spec.first_indent;
  breaking::build_items(p.shaped, m_breaks, hyphenator, m_hyphen_advance, params, m_items);
  return m_items;
}

void ParagraphBuilder::recycle(std::unique_ptr<Paragraph> p) {
  if (!p) return;
  // Lines are pooled apart from paragraphs: a paragraph is rarely rebuilt with as many lines as before.
  for (auto& line : p->lines) {
    if (m_spare_lines.size() >= kMaxSpareLines) break;
    m_spare_lines.push_back(std::move(line));
  }
  p->lines.clear();
  if (m_spare.size() < kMaxSpare) m_spare.push_back(std::move(p));
}

std::unique_ptr<Paragraph> ParagraphBuilder::build(const ParagraphSpec& spec) {
  std::unique_ptr<Paragraph> p;
  if (m_spare.empty()) {
    p = std::make_unique<Paragraph>();
  } else {
    p = std::move(m_spare.back());
    m_spare.pop_back();
    p->block_id = 0;
    p->text_offset = 0;
    p->role = Role::kParagraph;
    p->origin = Origin::kBody;
  }
  p->text.assign(spec.text);
  shape_and_itemize(*p, spec);

  const Fixed widths[1] = {spec.width};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.alignment = to_alignment(spec.align);
  params.looseness = spec.looseness;
  const auto& result = spec.greedy ? m_breaker.break_lines_greedy(m_items, params) : m_breaker.break_lines(m_items, params);

  breaking::LineLayoutParams line_params;
  line_params.alignment = params.alignment;
  line_params.paragraph_level = p->shaped.base_level;
  line_params.protrude_margins = spec.hanging_punctuation;
  p->lines.clear();
  for (const auto& line : result.lines) {
    if (m_spare_lines.empty()) {
      p->lines.emplace_back();
    } else {
      p->lines.push_back(std::move(m_spare_lines.back()));
      m_spare_lines.pop_back();
    }
    m_line_builder.build(p->shaped, m_items, line, line_params, m_hyphen_glyphs, p->lines.back());
  }

  if (m_counting) {
    ++m_stats.paragraphs;
    m_stats.lines += p->lines.size();
    m_stats.missing_glyphs += p->shaped.missing_glyphs;
  }
  return p;
}

Fixed ParagraphBuilder::natural_width(const ParagraphSpec& spec) {
  Paragraph p;
  p.text = spec.text;
  shape_and_itemize(p, spec);
  Fixed width = 0;
  for (Fixed a : p.shaped.advance) width += a;
  return width;
}

}  // namespace inkset::layout
