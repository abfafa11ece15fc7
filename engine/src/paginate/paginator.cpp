#include "paginate/paginator.h"

#include <algorithm>

namespace inkset::paginate {
namespace {

// A footnote longer than this share of a column may continue in the next one after two lines.
constexpr int kLongFootnoteDivisor = 3;

}  // namespace

Paginator::Paginator(FlowSource& source, Fixed column_height, int columns, Fixed footnote_separator,
                     std::vector<PageFlow> spare_pages)
    : m_source(source),
      m_column_height(column_height),
      m_columns(std::max(1, columns)),
      m_spare_pages(std::move(spare_pages)),
      m_footnote_separator(footnote_separator) {
  // Page k takes the arrays page k had, which held about as many placements.
  std::reverse(m_spare_pages.begin(), m_spare_pages.end());
  m_pages.reserve(m_spare_pages.size());
}

std::vector<PageFlow> Paginator::take_pages() {
  std::vector<PageFlow> pages = std::move(m_pages);
  m_pages.clear();
  for (auto it = m_spare_pages.rbegin(); it != m_spare_pages.rend(); ++it) pages.push_back(std::move(*it));
  m_spare_pages.clear();
  return pages;
}

bool Paginator::footnote_placed(uint32_t first) const {
  return std::find(m_footnotes_done.begin(), m_footnotes_done.end(), first) != m_footnotes_done.end();
}

Fixed Paginator::footnote_minimum(const FlowBlock::FootnoteRef& ref) const {
  Fixed total = 0;
  Fixed first_two = 0;
  int lines = 0;
  for (uint32_t b = ref.first; b < ref.first + ref.count; ++b) {
    const FlowBlock* fb = m_source.block(b);
    if (!fb) break;
    for (Fixed h : fb->line_heights) {
      total += h;
      if (lines++ < 2) first_two += h;
    }
  }
  return total <= m_column_height / kLongFootnoteDivisor ? total : first_two;
}

uint32_t Paginator::lines_fitting(const FlowBlock& block, uint32_t first, Fixed avail, bool foot_started) const {
  const auto& heights = block.line_heights;
  uint32_t m = 0;
  for (uint32_t i = first; i < heights.size(); ++i, ++m) {
    Fixed need = heights[i];
    for (const auto& ref : block.footnotes) {
      if (ref.line != i || footnote_placed(ref.first)) continue;
      need += footnote_minimum(ref) + (foot_started ? 0 : m_footnote_separator);
      foot_started = true;
    }
    if (need > avail) break;
    avail -= need;
  }
  return m;
}

void Paginator::place_footnote_lines(uint32_t entry, uint32_t first_line) {
  const FlowBlock* fb = m_source.block(entry);
  if (!fb) return;
  const bool first_in_column = m_foot.empty();
  const Fixed separator = first_in_column ? m_footnote_separator : 0;
  const auto& heights = fb->line_heights;
  uint32_t i = first_line;
  Fixed h = 0;
  for (; i < heights.size(); ++i) {
    // An empty column takes at least one line, so a footnote always makes progress.
    const bool forced = i == first_line && m_y == 0 && first_in_column;
    if (!forced && m_y + m_foot_used + separator + h + heights[i] > m_column_height) break;
    h += heights[i];
  }
  if (i == first_line && i < heights.size()) {
    m_foot_carry.emplace_back(entry, first_line);
    return;
  }
  Placement p;
  p.block = entry;
  p.footnote = true;
  p.column = static_cast<uint16_t>(m_column);
  p.first_line = first_line;
  p.line_count = i - first_line;
  p.y = m_foot_used + separator - m_footnote_separator;  // below the separator
  m_foot_used += separator + h;
  m_foot.push_back(p);
  if (i < heights.size()) m_foot_carry.emplace_back(entry, i);
}

void Paginator::place_footnotes(const FlowBlock& block, uint32_t first_line, uint32_t line_count) {
  for (const auto& ref : block.footnotes) {
    if (ref.line < first_line || ref.line >= first_line + line_count || footnote_placed(ref.first)) continue;
    m_footnotes_done.push_back(ref.first);
    const size_t carried_before = m_foot_carry.size();
    for (uint32_t b = ref.first; b < ref.first + ref.count; ++b) {
      if (m_foot_carry.size() > carried_before) {
        m_foot_carry.emplace_back(b, 0);  // the rest of this footnote follows in the next column
        continue;
      }
      place_footnote_lines(b, 0);
    }
  }
}

void Paginator::finish_column_footnotes() {
  if (m_foot.empty()) return;
  const Fixed top = m_column_height - m_foot_used;
  Placement rule;
  rule.footnote_rule = true;
  rule.column = static_cast<uint16_t>(m_column);
  rule.y = top;
  current_page().placements.push_back(rule);
  for (Placement p : m_foot) {
    p.y += top + m_footnote_separator;
    current_page().placements.push_back(p);
  }
  m_foot.clear();
  m_foot_used = 0;
}

bool Paginator::ensure_page(uint32_t page) {
  // Page p is complete once page p+1 has been started or the flow has ended.
  while (!m_finished && m_pages.size() <= page + 1) step();
  return page < m_pages.size();
}

int Paginator::looseness_of(uint32_t block) const {
  for (const auto& [b, l] : m_looseness)
    if (b == block) return l;
  return 0;
}

PageFlow& Paginator::current_page() {
  if (!m_page_open) {
    if (m_spare_pages.empty()) {
      m_pages.emplace_back();
    } else {
      m_pages.push_back(std::move(m_spare_pages.back()));
      m_spare_pages.pop_back();
      m_pages.back().placements.clear();
    }
    m_page_open = true;
  }
  return m_pages.back();
}

Fixed Paginator::gap_before(const FlowBlock& block) const {
  // Vertical space collapses like CSS margins, and vanishes at the top of a column.
  return m_y == 0 ? 0 : std::max(m_pending_space, block.space_before);
}

void Paginator::next_column() {
  finish_column_footnotes();
  m_y = 0;
  m_pending_space = 0;
  if (++m_column >= m_columns) {
    m_column = 0;
    m_page_open = false;
  }
  // Footnotes continued from the previous column come first in this column's footnote area.
  // Placing them may carry some again: the list being read is a swapped-out copy.
  m_carry_scratch.swap(m_foot_carry);
  m_foot_carry.clear();
  for (const auto& [entry, line] : m_carry_scratch) {
    if (!m_foot_carry.empty()) m_foot_carry.emplace_back(entry, line);
    else place_footnote_lines(entry, line);
  }
  place_deferred_floats();
}

void Paginator::place_deferred_floats() {
  while (!m_deferred.empty()) {
    const uint32_t index = m_deferred.front();
    const FlowBlock* block = m_source.block(index);
    if (m_y > 0 && gap_before(*block) + block->total_height() > remaining()) return;
    m_deferred.pop_front();
    place_whole(index, *block, 0);
  }
}

void Paginator::step() {
  const FlowBlock* block = m_source.block(m_next_block);
  if (!block) {
    // Floats still waiting go on fresh columns; a float never disappears.
    while (!m_deferred.empty()) {
      if (m_y > 0) next_column();
      else place_deferred_floats();
    }
    while (!m_foot_carry.empty()) next_column();
    finish_column_footnotes();
    m_finished = true;
    return;
  }
  place_block(m_next_block++, *block);
}

void Paginator::place_whole(uint32_t index, const FlowBlock& block, int looseness, bool repeated_header) {
  const Fixed gap = gap_before(block);
  Placement p;
  p.block = index;
  p.looseness = static_cast<int8_t>(looseness);
  p.repeated_header = repeated_header;
  p.column = static_cast<uint16_t>(m_column);
  p.first_line = 0;
  p.line_count = static_cast<uint32_t>(block.line_heights.size());
  p.y = m_y + gap;
  current_page().placements.push_back(p);
  m_y = p.y + block.total_height();
  m_pending_space = block.space_after;
  place_footnotes(block, 0, static_cast<uint32_t>(block.line_heights.size()));
}

bool Paginator::heading_fits_with_next(uint32_t index, const FlowBlock& block) {
  // Room for the heading (and any headings chained to it) plus the first lines of what follows.
  Fixed need = gap_before(block) + block.total_height();
  Fixed pending = block.space_after;
  uint32_t next = index + 1;
  for (int chained = 0; chained < 4; ++chained, ++next) {
    const FlowBlock* after = m_source.block(next);
    if (!after) break;
    if (after->kind == FlowKind::kFloat) {
      // A figure that fits right under the heading keeps it company; one that does not will float
      // to the next column, and the text after it must then follow the heading.
      if (need + std::max(pending, after->space_before) + after->total_height() <= remaining()) return true;
      continue;
    }
    need += std::max(pending, after->space_before);
    if (after->kind == FlowKind::kLines) {
      // A paragraph too short to split without a widow or an orphan must fit whole under the heading.
      const size_t n = after->line_heights.size();
      const size_t keep = n < static_cast<size_t>(after->orphans + after->widows) ? n : std::max<uint8_t>(after->orphans, 1);
      for (size_t i = 0; i < keep; ++i) {
        need += after->line_heights[i];
        for (const auto& ref : after->footnotes)
          if (ref.line == i && !footnote_placed(ref.first))
            need += footnote_minimum(ref) + (m_foot.empty() ? m_footnote_separator : 0);
      }
      break;
    }
    need += after->total_height();
    if (!after->keep_with_next) break;
    pending = after->space_after;
  }
  return need <= remaining();
}

void Paginator::place_block(uint32_t index, const FlowBlock& block) {
  if (block.footnote_of != kNoBlock && footnote_placed(block.footnote_of)) return;  // already at a column's foot
  if (block.repeat_header == kNoBlock) m_current_header = kNoBlock;

  if (block.kind == FlowKind::kFloat) {
    const bool fits = gap_before(block) + block.total_height() <= remaining();
    if (fits || m_y == 0) {
      place_whole(index, block, 0);
    } else {
      m_deferred.push_back(index);
      ++m_stats.floats_deferred;
    }
    return;
  }

  // A new column may open with deferred figures, so the check is repeated until it holds or the
  // heading starts a column (each pass places at least one waiting figure, so this ends).
  while (block.keep_with_next && m_y > 0 && !heading_fits_with_next(index, block)) next_column();

  if (block.kind == FlowKind::kUnbreakable) {
    if (m_y > 0 && gap_before(block) + block.total_height() > remaining()) next_column();
    if (block.repeat_header != kNoBlock && m_y == 0 && m_current_header != kNoBlock) {
      if (const FlowBlock* header = m_source.block(block.repeat_header))
        place_whole(block.repeat_header, *header, 0, true);
    }
    if (block.repeat_header != kNoBlock) m_current_header = block.repeat_header;
    place_whole(index, block, 0);
    if (block.keep_with_next && block.repeat_header == kNoBlock) m_current_header = index;
    place_deferred_floats();
    return;
  }

  // Lines: the natural breaking first; if it would leave a widow, the same paragraph re-broken one
  // line shorter or longer; only when neither works are lines moved to the next column.
  if (leaves_widow(block)) {
    for (int looseness : {-1, 1}) {
      const FlowBlock* variant = m_source.variant(index, looseness);
      if (variant && !leaves_widow(*variant)) {
        m_looseness.emplace_back(index, static_cast<int8_t>(looseness));
        ++m_stats.widows_fixed_by_looseness;
        place_lines(index, *variant, looseness);
        place_deferred_floats();
        return;
      }
    }
    ++m_stats.widows_fixed_by_moving_lines;
  }
  place_lines(index, block, 0);
  place_deferred_floats();
}

// How many lines of a split go in the current column: as many as fit, but an orphan moves the
// whole paragraph on and a widow takes lines with it. 0 means "start in the next column".
uint32_t Paginator::split_count(const FlowBlock& block, uint32_t first, Fixed y, Fixed gap, bool* widow) const {
  const auto& heights = block.line_heights;
  const uint32_t rest = static_cast<uint32_t>(heights.size()) - first;
  const uint32_t orphans = std::max<uint8_t>(block.orphans, 1);
  const uint32_t widows = std::max<uint8_t>(block.widows, 1);
  const bool current_column = y == m_y;
  const Fixed foot = current_column ? m_foot_used : 0;
  uint32_t m = lines_fitting(block, first, m_column_height - y - gap - foot, current_column && !m_foot.empty());
  if (m >= rest) return rest;
  if (m < orphans && y > 0) return 0;
  if (rest - m < widows) {
    if (widow) *widow = true;
    const uint32_t moved = m - (widows - (rest - m));
    if (m > widows - (rest - m) && moved >= orphans) m = moved;
    else if (y > 0) return 0;  // too short to split without a widow or an orphan: move it whole
  }
  return std::clamp<uint32_t>(m, 1, rest);  // a line taller than a column still goes somewhere
}

bool Paginator::leaves_widow(const FlowBlock& block) const {
  bool widow = false;
  Fixed y = m_y;
  Fixed gap = gap_before(block);
  const uint32_t n = static_cast<uint32_t>(block.line_heights.size());
  for (uint32_t first = 0; first < n && !widow;) {
    const uint32_t m = split_count(block, first, y, first == 0 ? gap : 0, &widow);
    if (m == 0) {
      y = 0;
      gap = 0;
      continue;
    }
    first += m;
    y = 0;  // any remainder starts a fresh column
  }
  return widow;
}

void Paginator::place_lines(uint32_t index, const FlowBlock& block, int looseness) {
  const auto& heights = block.line_heights;
  const uint32_t n = static_cast<uint32_t>(heights.size());
  for (uint32_t first = 0; first < n;) {
    const Fixed gap = first == 0 ? gap_before(block) : 0;
    const uint32_t m = split_count(block, first, m_y, gap, nullptr);
    if (m == 0) {
      if (first == 0 && lines_fitting(block, 0, remaining() - gap, !m_foot.empty()) > 0) ++m_stats.orphans_moved;
      next_column();
      continue;
    }
    Placement p;
    p.block = index;
    p.looseness = static_cast<int8_t>(looseness);
    p.column = static_cast<uint16_t>(m_column);
    p.first_line = first;
    p.line_count = m;
    p.y = m_y + gap;
    current_page().placements.push_back(p);
    Fixed h = 0;
    for (uint32_t i = first; i < first + m; ++i) h += heights[i];
    m_y = p.y + h;
    m_pending_space = block.space_after;
    place_footnotes(block, first, m);
    first += m;
    if (first < n) next_column();
  }
}

}  // namespace inkset::paginate
