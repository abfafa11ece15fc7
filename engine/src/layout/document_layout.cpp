#include "layout/document_layout.h"

#include <algorithm>
#include <chrono>

namespace inkset::layout {

DocumentLayout::DocumentLayout(const doc::Article& article, const style::ResolvedLayout& resolved,
                               font::FontCollection& fonts, ParagraphBuilder& builder, ImageResolver images,
                               const BlockLayoutOptions& options)
    : m_article(article),
      m_resolved(resolved),
      m_layouter(article, resolved, fonts, builder, std::move(images), options),
      m_flow(build_flow(article, resolved.geometry)),
      m_boxes(m_flow.size()),
      m_paginator(*this, px_to_fixed(resolved.geometry.content.height),
                  static_cast<int>(resolved.geometry.columns.size())) {}

const BlockBox* DocumentLayout::box(uint32_t entry, int looseness) {
  if (entry >= m_flow.size()) return nullptr;
  auto& slot = looseness == 0 ? m_boxes[entry] : m_variants[{entry, looseness}];
  if (slot) return slot.get();
  const auto start = std::chrono::steady_clock::now();
  slot = m_layouter.layout(m_flow, entry, looseness);
  if (looseness == 0) ++m_laid_out;
  m_spent_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!m_over_budget && m_budget_ms >= 0 && m_spent_ms > m_budget_ms) {
    m_over_budget = true;
    m_layouter.use_greedy();
  }
  return slot.get();
}

const paginate::FlowBlock* DocumentLayout::block(uint32_t index) {
  const BlockBox* b = box(index, 0);
  return b ? &b->flow : nullptr;
}

const paginate::FlowBlock* DocumentLayout::variant(uint32_t index, int looseness) {
  const BlockBox* base = box(index, 0);
  if (!base || !base->can_vary || base->flow.kind != paginate::FlowKind::kLines) return nullptr;
  const BlockBox* v = box(index, looseness);
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
    const BlockBox* b = box(p.block, p.looseness);
    const auto& col = g.columns[std::min<size_t>(p.column, g.columns.size() - 1)];
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
        pi.width = it.width;
        pi.height = it.height;
        pi.baseline = pi.y + it.baseline;
        pi.paragraph = it.kind == ItemKind::kLine ? b->paragraphs[it.paragraph].get() : nullptr;
        pi.line = it.line;
        pi.image = it.image;
        pi.block = it.block;
        pi.gray = it.gray;
        pi.column = p.column;
        page.items.push_back(pi);
      }
      y += row.height;
    }
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
  if (g.header && !m_article.front.title.empty())
    add_generated(m_article.front.title, style::ElementKind::kHeader, *g.header, Role::kHeader);
  if (g.footer) {
    const std::string number = complete() ? std::to_string(page.number) + " / " + std::to_string(pages_so_far())
                                          : std::to_string(page.number);
    add_generated(number, style::ElementKind::kFooter, *g.footer, Role::kFooter);
  }
  return page;
}

uint64_t DocumentLayout::first_key(int page) {
  uint64_t best = UINT64_MAX;
  uint64_t best_float = UINT64_MAX;
  for (const auto& p : m_paginator.pages()[page].placements) {
    if (p.repeated_header) continue;
    const BlockBox* b = box(p.block, p.looseness);
    if (b->flow.kind == paginate::FlowKind::kFloat) {
      // A figure that floated past the text after it would make page starts go backwards.
      best_float = std::min(best_float, position_key(m_flow[p.block].block, 0));
      continue;
    }
    uint32_t offset = 0;
    const uint32_t row = b->flow.kind == paginate::FlowKind::kLines ? p.first_line : 0;
    if (row < b->rows.size()) {
      for (uint32_t i = b->rows[row].item_begin; i < b->rows[row].item_end; ++i) {
        const Item& it = b->items[i];
        if (it.kind != ItemKind::kLine) continue;
        const Paragraph& para = *b->paragraphs[it.paragraph];
        if (para.origin == Origin::kGenerated) continue;
        offset = para.lines[it.line].text_begin;
        break;
      }
    }
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
  const auto pos = decode_position(m_article, position);
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
