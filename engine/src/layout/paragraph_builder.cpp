#include "layout/paragraph_builder.h"

#include "layout/box_cache.h"

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
  m_shaper.shape_into(p.text, spec.ranges, spec.styles, shape::BaseDirection::kAuto, p.shaped);
  itemize_shaped(p, spec, true);
  return m_items;
}

const breaking::Hyphenator* ParagraphBuilder::hyphenator(const ParagraphSpec& spec) {
  return spec.hyphenate ? m_hyphenators.for_language(spec.language) : nullptr;
}

void ParagraphBuilder::add_dictionary_points(const Paragraph& p, const ParagraphSpec& spec) {
  if (m_items.dictionary || !spec.hyphenate) return;
  if (const breaking::Hyphenator* h = hyphenator(spec))
    breaking::add_dictionary_points(p.shaped, *h, m_hyphen_advance, item_params(spec), m_items);
}

breaking::ItemParams ParagraphBuilder::item_params(const ParagraphSpec& spec) {
  breaking::ItemParams params;
  params.first_line_indent = spec.first_indent;
  return params;
}

void ParagraphBuilder::itemize_shaped(Paragraph& p, const ParagraphSpec& spec, bool with_dictionary) {
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
  breaking::build_items(p.shaped, m_breaks, with_dictionary ? hyphenator(spec) : nullptr, m_hyphen_advance,
                        item_params(spec), m_items);
}

void ParagraphBuilder::recycle(std::unique_ptr<Paragraph> p) {
  if (!p) return;
  const size_t bytes = paragraph_bytes(*p);
  if (m_spare_bytes + bytes > kMaxSpareBytes) return;
  m_spare_bytes += bytes;
  m_spare.push_back(std::move(p));
}

std::shared_ptr<BlockBox> ParagraphBuilder::take_box() {
  if (m_spare_boxes.empty()) return std::make_shared<BlockBox>();
  std::shared_ptr<BlockBox> b = std::move(m_spare_boxes.back());
  m_spare_boxes.pop_back();
  return b;
}

void ParagraphBuilder::recycle(std::shared_ptr<BlockBox> box) {
  // A page still being drawn shares the box: it is simply freed when the page goes.
  if (!box || box.use_count() != 1) return;
  for (auto& p : box->paragraphs) recycle(std::move(p));
  box->clear();
  if (m_spare_boxes.size() < kMaxSpareBoxes) m_spare_boxes.push_back(std::move(box));
}

BlockSummaries ParagraphBuilder::take_summaries() { return std::move(m_spare_summaries); }

void ParagraphBuilder::recycle(BlockSummaries summaries) {
  if (summaries.entries.size() + summaries.variants.size() > kMaxSpareSummaries) return;
  for (auto& s : summaries.entries)
    if (s) s->ready = false;
  for (auto& v : summaries.variants) v.summary->ready = false;
  m_spare_summaries = std::move(summaries);
}

void ParagraphBuilder::recycle(std::vector<paginate::PageFlow> pages) {
  if (pages.size() <= kMaxSparePages) m_spare_pages = std::move(pages);
}

std::unique_ptr<Paragraph> ParagraphBuilder::build(const ParagraphSpec& spec, const Paragraph* same) {
  std::unique_ptr<Paragraph> p;
  // Best fit: the spare with the least room that still holds the text, whose arrays (sized by an
  // earlier paragraph of about as much text) are then most likely large enough too. Taking any
  // spare would let every spare's arrays grow towards the longest paragraph's.
  size_t best = m_spare.size();
  for (size_t i = 0; i < m_spare.size(); ++i) {
    const size_t room = m_spare[i]->text.capacity();
    if (room < spec.text.size()) continue;
    if (best == m_spare.size() || room < m_spare[best]->text.capacity()) best = i;
  }
  if (best == m_spare.size() && !m_spare.empty()) best = 0;
  if (best == m_spare.size()) {
    p = std::make_unique<Paragraph>();
  } else {
    p = std::move(m_spare[best]);
    m_spare[best] = std::move(m_spare.back());
    m_spare.pop_back();
    m_spare_bytes -= paragraph_bytes(*p);
    p->lines.clear();
    p->block_id = 0;
    p->text_offset = 0;
    p->role = Role::kParagraph;
    p->origin = Origin::kBody;
  }
  p->text.assign(spec.text);
  // Most paragraphs of a novel break well in the first Knuth–Plass pass, which uses no dictionary
  // hyphens: their items are built without asking the dictionary, and the points are added only
  // when a later pass needs them (a fifth of the time of a cold layout is the dictionary's).
  const bool first_pass_may_do = !spec.greedy && spec.looseness == 0;
  if (same && same->text == spec.text) {
    // The items of the last paragraph built stay valid until the next build: if that was `same`,
    // they are this paragraph's too (items do not depend on looseness).
    const bool items_at_hand = m_items.shaped == &same->shaped;
    p->shaped = same->shaped;
    p->shaped.text = p->text;
    if (items_at_hand) {
      p->run_color = same->run_color;
      p->run_decoration = same->run_decoration;
      m_items.shaped = &p->shaped;
    } else {
      itemize_shaped(*p, spec, !first_pass_may_do);
    }
  } else {
    m_shaper.shape_into(p->text, spec.ranges, spec.styles, shape::BaseDirection::kAuto, p->shaped);
    itemize_shaped(*p, spec, !first_pass_may_do);
  }

  const Fixed widths[1] = {spec.width};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.alignment = to_alignment(spec.align);
  params.looseness = spec.looseness;
  const breaking::LineBreakResult* first =
      first_pass_may_do && !m_items.dictionary ? m_breaker.break_lines_first_pass(m_items, params) : nullptr;
  if (!first && !m_items.dictionary && !spec.greedy) {
    add_dictionary_points(*p, spec);
    if (first_pass_may_do) params.pretolerance = -1;  // it failed just now
  }
  const auto& result = first              ? *first
                       : spec.greedy      ? m_breaker.break_lines_greedy(m_items, params)
                                          : m_breaker.break_lines(m_items, params);

  breaking::LineLayoutParams line_params;
  line_params.alignment = params.alignment;
  line_params.paragraph_level = p->shaped.base_level;
  line_params.protrude_margins = spec.hanging_punctuation;
  p->lines.clear();
  // Exact for a fresh paragraph (PlacedLines::reserve's bounds), so its lines take one allocation per array.
  const size_t line_count = result.lines.size();
  p->lines.reserve(line_count, p->shaped.runs.size() + 2 * line_count, p->shaped.glyph_count() + line_count);
  for (const auto& line : result.lines)
    m_line_builder.build(p->shaped, m_items, line, line_params, m_hyphen_glyphs, p->lines);

  if (m_counting) {
    ++m_stats.paragraphs;
    m_stats.lines += p->lines.size();
    m_stats.missing_glyphs += p->shaped.missing_glyphs;
  }
  return p;
}

Fixed ParagraphBuilder::natural_width(const ParagraphSpec& spec) {
  m_measure.text.assign(spec.text);
  shape_and_itemize(m_measure, spec);
  Fixed width = 0;
  for (Fixed a : m_measure.shaped.advance) width += a;
  return width;
}

}  // namespace inkset::layout
