#include "layout/document_layout.h"

#include <algorithm>
#include <chrono>

namespace inkset::layout {

DocumentLayout::DocumentLayout(const doc::Article& article, const style::ResolvedLayout& resolved,
                               font::FontCollection& fonts, ParagraphBuilder& builder, ImageResolver images,
                               const BlockLayoutOptions& options, MoreBlocks more_blocks)
    : m_article(article),
      m_resolved(resolved),
      m_layouter(article, resolved, fonts, builder, std::move(images), options),
      m_more_blocks(std::move(more_blocks)),
      m_flow_builder(resolved.geometry),
      m_summaries(builder.take_summaries()),
      m_builder(builder),
      m_paginator(*this, px_to_fixed(resolved.geometry.content.height),
                  static_cast<int>(resolved.geometry.columns.size()),
                  resolved.style(style::ElementKind::kFootnote).line_height, builder.take_pages()) {
  extend_flow();
}

void DocumentLayout::extend_flow() {
  const auto first = static_cast<uint32_t>(m_flow.size());
  m_flow_builder.extend(m_article, m_flow);
  if (m_summaries.entries.size() < m_flow.size()) m_summaries.entries.resize(m_flow.size());
  for (uint32_t i = first; i < m_flow.size(); ++i) {
    if (m_flow[i].footnote == doc::kNone) continue;
    auto [it, inserted] = m_footnote_entries.try_emplace(m_flow[i].footnote, i, 0);
    ++it->second.second;
  }
}

bool DocumentLayout::reach(uint32_t entry) {
  while (entry >= m_flow.size()) {
    // The article may also have grown outside (its whole text was asked for).
    if (!m_flow_builder.has_unseen_blocks(m_article) && (!m_more_blocks || !m_more_blocks())) return false;
    extend_flow();
  }
  return true;
}

DocumentLayout::~DocumentLayout() {
  // The builder outlives this layout: the next layout of the document (at another font size) reuses
  // the cached blocks' buffers instead of allocating its own.
  m_cache.clear();
  reuse_evicted();
  m_builder.recycle(std::move(m_summaries));
  m_builder.recycle(m_paginator.take_pages());
}

std::shared_ptr<BlockBox> DocumentLayout::lay_out(uint32_t entry, int looseness) {
  std::shared_ptr<BlockBox> b = m_builder.take_box();
  // A variant reuses its block's first layout while the cache still holds it (it nearly always
  // does: the paginator asks for the variant right after placing the block fails).
  const std::shared_ptr<const BlockBox> base = looseness != 0 ? m_cache.find(entry, 0) : nullptr;
  m_layouter.layout(m_flow, entry, looseness, *b, base.get());
  link_footnotes(entry, *b);
  m_cache.insert(entry, looseness, b);
  reuse_evicted();
  return b;
}

void DocumentLayout::reuse_evicted() {
  for (std::shared_ptr<BlockBox>& b : m_cache.evicted()) m_builder.recycle(std::move(b));
  m_cache.evicted().clear();
}

const DocumentLayout::Summary* DocumentLayout::summary(uint32_t entry, int looseness) {
  if (!reach(entry)) return nullptr;
  std::unique_ptr<Summary>* found = nullptr;
  if (looseness == 0) {
    found = &m_summaries.entries[entry];
  } else {
    auto& vs = m_summaries.variants;
    const auto ready = static_cast<std::ptrdiff_t>(m_variants);
    const auto at = std::lower_bound(vs.begin(), vs.begin() + ready, std::pair(entry, looseness),
                                     [](const auto& v, const auto& key) { return std::pair(v.entry, v.looseness) < key; }) -
                    vs.begin();
    if (at == ready || vs[at].entry != entry || vs[at].looseness != looseness) {
      // The first spare (past the ready ones) moves into place; pagination asks in flow order, so
      // this is nearly always at the end.
      if (m_variants == vs.size()) vs.emplace_back();
      std::rotate(vs.begin() + at, vs.begin() + ready, vs.begin() + ready + 1);
      ++m_variants;
      vs[at].entry = entry;
      vs[at].looseness = looseness;
      if (vs[at].summary) vs[at].summary->ready = false;
    }
    found = &vs[at].summary;
  }
  std::unique_ptr<Summary>& slot = *found;
  if (slot && slot->ready) return slot.get();
  const auto start = std::chrono::steady_clock::now();
  const std::shared_ptr<BlockBox> b = lay_out(entry, looseness);
  if (looseness == 0) ++m_laid_out;
  m_spent_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!slot) slot = std::make_unique<Summary>();
  slot->ready = true;
  slot->row_offsets.clear();
  slot->greedy = m_layouter.greedy();
  if (!m_over_budget && m_budget_ms >= 0 && m_spent_ms > m_budget_ms) {
    m_over_budget = true;
    m_layouter.set_greedy(true);
  }
  slot->flow = b->flow;
  slot->can_vary = b->can_vary;
  for (const Row& row : b->rows) {
    uint32_t offset = 0;
    for (uint32_t i = row.item_begin; i < row.item_end; ++i) {
      const Item& it = b->items[i];
      if (it.kind != ItemKind::kLine) continue;
      const Paragraph& para = *b->paragraphs[it.paragraph];
      if (para.origin == Origin::kGenerated) continue;
      offset = para.text_offset + para.lines[it.line].text_begin;
      break;
    }
    slot->row_offsets.push_back(offset);
  }
  return slot.get();
}

std::shared_ptr<const BlockBox> DocumentLayout::box(uint32_t entry, int looseness) {
  // A block never laid out is laid out (and counted) as the paginator would have done it.
  if (!summary(entry, looseness)) return nullptr;
  if (auto cached = m_cache.find(entry, looseness)) return cached;
  // Only the first layout of a block counts in the builder's figures; this one repeats it exactly,
  // with the breaker it had then.
  const bool greedy_now = m_layouter.greedy();
  m_layouter.set_greedy(summary(entry, looseness)->greedy);
  m_builder.set_counting(false);
  auto b = lay_out(entry, looseness);
  m_builder.set_counting(true);
  m_layouter.set_greedy(greedy_now);
  return b;
}

void DocumentLayout::link_footnotes(uint32_t entry, BlockBox& box) {
  if (m_flow[entry].footnote != doc::kNone) box.flow.footnote_of = m_footnote_entries[m_flow[entry].footnote].first;
  for (const auto& [row, footnote] : box.footnote_refs) {
    auto it = m_footnote_entries.find(footnote);
    if (it == m_footnote_entries.end()) continue;
    const uint32_t line = box.flow.kind == paginate::FlowKind::kLines ? row : 0;
    box.flow.footnotes.push_back({line, it->second.first, it->second.second});
  }
}

const paginate::FlowBlock* DocumentLayout::block(uint32_t index) {
  const Summary* s = summary(index, 0);
  return s ? &s->flow : nullptr;
}

const paginate::FlowBlock* DocumentLayout::variant(uint32_t index, int looseness) {
  const Summary* base = summary(index, 0);
  if (!base || !base->can_vary || base->flow.kind != paginate::FlowKind::kLines) return nullptr;
  const Summary* v = summary(index, looseness);
  // A variant with as many lines as the original is no alternative.
  return v->flow.line_heights.size() == base->flow.line_heights.size() ? nullptr : &v->flow;
}

bool DocumentLayout::ensure_page(int index) { return index >= 0 && m_paginator.ensure_page(static_cast<uint32_t>(index)); }

int DocumentLayout::pages_so_far() const { return static_cast<int>(m_paginator.pages().size()); }

int DocumentLayout::page_count() {
  while (!m_paginator.finished()) m_paginator.ensure_page(static_cast<uint32_t>(m_paginator.pages().size()));
  return pages_so_far();
}

AssembledPage DocumentLayout::assemble(int index) {
  AssembledPage page;
  page.number = index + 1;
  if (!ensure_page(index)) return page;
  const auto& g = m_resolved.geometry;
  for (const auto& p : m_paginator.pages()[index].placements) {
    const auto& col = g.columns[std::min<size_t>(p.column, g.columns.size() - 1)];
    if (p.footnote_rule) {
      // A short rule in the middle of the separator space sets the footnotes off from the text.
      const Fixed separator = m_resolved.style(style::ElementKind::kFootnote).line_height;
      PageItem rule;
      rule.kind = ItemKind::kRule;
      rule.x = px_to_fixed(col.x);
      rule.y = fixed_floor(px_to_fixed(g.content.y) + p.y + separator / 2) * kFixedOne;
      rule.width = fixed_floor(px_to_fixed(col.width) / 4) * kFixedOne;
      rule.height = std::max<Fixed>(g.rule_thickness, kFixedOne);
      rule.column = p.column;
      page.items.push_back(rule);
      continue;
    }
    std::shared_ptr<const BlockBox> b = box(p.block, p.looseness);
    const bool whole = b->flow.kind != paginate::FlowKind::kLines;
    const uint32_t first = whole ? 0 : p.first_line;
    const uint32_t last = whole ? static_cast<uint32_t>(b->rows.size()) : p.first_line + p.line_count;
    Fixed y = px_to_fixed(g.content.y) + p.y;
    for (uint32_t r = first; r < last && r < b->rows.size(); ++r) {
      const Row& row = b->rows[r];
      for (uint32_t i = row.item_begin; i < row.item_end; ++i) {
        const Item& it = b->items[i];
        PageItem pi;
        pi.kind = it.kind;
        pi.x = px_to_fixed(col.x) + it.x;
        pi.y = y + it.y;
        // Rules snap to whole pixels: a 1-pixel rule must be one row of black, not two rows of gray.
        if (it.kind == ItemKind::kRule) {
          pi.x = fixed_round(pi.x) * kFixedOne;
          pi.y = fixed_round(pi.y) * kFixedOne;
        }
        pi.width = it.width;
        pi.height = it.height;
        pi.baseline = pi.y + it.baseline;
        pi.paragraph = it.kind == ItemKind::kLine ? b->paragraphs[it.paragraph].get() : nullptr;
        pi.line = it.line;
        pi.image = it.image;
        pi.block = it.block;
        pi.gray = it.gray;
        pi.column = p.column;
        pi.repeated = p.repeated_header;
        page.items.push_back(pi);
      }
      y += row.height;
    }
    page.boxes.push_back(std::move(b));
  }
  auto add_generated = [&](const std::string& text, style::ElementKind element, const style::Box& where, Role role) {
    auto para = m_layouter.generated_line(text, element, px_to_fixed(where.width), style::Align::kCenter);
    para->role = role;
    const Fixed line_height = m_resolved.style(element).line_height;
    for (uint32_t i = 0; i < para->lines.size() && i < 1; ++i) {
      PageItem pi;
      pi.kind = ItemKind::kLine;
      pi.x = px_to_fixed(where.x);
      pi.y = px_to_fixed(where.y) + (px_to_fixed(where.height) - line_height) / 2;
      pi.width = px_to_fixed(where.width);
      pi.height = line_height;
      pi.baseline = pi.y + m_layouter.baseline_offset(element);
      pi.paragraph = para.get();
      pi.line = i;
      page.items.push_back(pi);
    }
    page.generated.push_back(std::move(para));
  };
  // The first page shows the title in full; later pages carry it as a running head.
  if (g.header && index > 0 && !m_article.front.title.empty())
    add_generated(m_layouter.fit_with_ellipsis(m_article.front.title, style::ElementKind::kHeader,
                                               px_to_fixed(g.header->width)),
                  style::ElementKind::kHeader, *g.header, Role::kHeader);
  // The folio is the page number alone: a page must look the same whether or not the pages after it
  // have been laid out yet, so the first page of a long article can be shown at once.
  if (g.footer) add_generated(std::to_string(page.number), style::ElementKind::kFooter, *g.footer, Role::kFooter);
  return page;
}

uint64_t DocumentLayout::first_key(int page) {
  uint64_t best = UINT64_MAX;
  uint64_t best_float = UINT64_MAX;
  for (const auto& p : m_paginator.pages()[page].placements) {
    if (p.repeated_header || p.footnote || p.footnote_rule) continue;
    const Summary* s = summary(p.block, p.looseness);
    if (s->flow.kind == paginate::FlowKind::kFloat) {
      // A figure that floated past the text after it would make page starts go backwards.
      best_float = std::min(best_float, position_key(m_flow[p.block].block, 0));
      continue;
    }
    const uint32_t row = s->flow.kind == paginate::FlowKind::kLines ? p.first_line : 0;
    const uint32_t offset = row < s->row_offsets.size() ? s->row_offsets[row] : 0;
    best = std::min(best, position_key(m_flow[p.block].block, offset));
  }
  return best == UINT64_MAX ? best_float : best;
}

std::string DocumentLayout::position_of_page(int index) {
  if (!ensure_page(index)) return {};
  const uint64_t key = first_key(index);
  if (key == UINT64_MAX) return {};
  const uint32_t hi = static_cast<uint32_t>(key >> 32);
  return encode_position(m_article, hi == 0 ? doc::kNone : hi - 1, static_cast<uint32_t>(key));
}

int DocumentLayout::page_of_position(std::string_view position) {
  auto pos = decode_position(m_article, position);
  // A position past what is parsed yet names a block of a later piece.
  while (!pos && m_more_blocks && m_more_blocks()) {
    extend_flow();
    pos = decode_position(m_article, position);
  }
  if (!pos) return -1;
  const uint64_t key = position_key(pos->block, pos->offset);
  // The page is the last one starting at or before the position; lay out until a later page starts.
  int found = -1;
  for (int page = 0; ensure_page(page); ++page) {
    if (first_key(page) > key) break;
    found = page;
  }
  return found;
}

std::string_view line_text(const Paragraph& p, uint32_t line) {
  const auto& l = p.lines[line];
  std::string_view text(p.text);
  text = text.substr(l.text_begin, l.text_end - l.text_begin);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace inkset::layout
