#include "layout/box_cache.h"

#include <algorithm>

namespace inkset::layout {
namespace {

template <typename T>
size_t vector_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

size_t paragraph_bytes(const Paragraph& p) {
  size_t n = sizeof(Paragraph) + p.text.capacity();
  const auto& s = p.shaped;
  n += vector_bytes(s.runs) + vector_bytes(s.glyph_id) + vector_bytes(s.advance) + vector_bytes(s.x_offset) +
       vector_bytes(s.y_offset) + vector_bytes(s.cluster) + vector_bytes(s.flags);
  n += vector_bytes(p.run_color) + vector_bytes(p.run_decoration);
  // PlacedLines shows sizes, not capacities: its arrays are reserved exactly for the paragraph.
  for (const auto& l : p.lines)
    n += sizeof(breaking::PlacedLineView) + l.runs.size_bytes() + l.glyph_id.size_bytes() + l.x.size_bytes() +
         l.y.size_bytes();
  return n;
}

size_t box_bytes(const BlockBox& box) {
  size_t n = sizeof(BlockBox) + vector_bytes(box.rows) + vector_bytes(box.items) + vector_bytes(box.paragraphs) +
             vector_bytes(box.footnote_refs) + vector_bytes(box.flow.line_heights) + vector_bytes(box.flow.footnotes);
  for (const auto& p : box.paragraphs) n += paragraph_bytes(*p);
  return n;
}

std::shared_ptr<const BlockBox> BoxCache::find(uint32_t entry, int looseness) {
  for (Slot& s : m_slots) {
    if (s.entry != entry || s.looseness != looseness) continue;
    s.last_use = ++m_clock;
    ++m_stats.hits;
    return s.box;
  }
  ++m_stats.misses;
  return nullptr;
}

void BoxCache::insert(uint32_t entry, int looseness, std::shared_ptr<BlockBox> box) {
  const size_t bytes = box_bytes(*box);
  m_slots.push_back({entry, looseness, ++m_clock, bytes, std::move(box)});
  m_stats.bytes += bytes;
  while (m_stats.bytes > m_max_bytes && m_slots.size() > 1) {
    // The newest slot has the highest clock, so the minimum is never the box just added.
    auto oldest = std::min_element(m_slots.begin(), m_slots.end(),
                                   [](const Slot& a, const Slot& b) { return a.last_use < b.last_use; });
    m_stats.bytes -= oldest->bytes;
    m_evicted.push_back(std::move(oldest->box));
    *oldest = std::move(m_slots.back());
    m_slots.pop_back();
  }
  m_stats.entries = m_slots.size();
}

void BoxCache::clear() {
  for (Slot& s : m_slots) m_evicted.push_back(std::move(s.box));
  m_slots.clear();
  m_stats.bytes = 0;
  m_stats.entries = 0;
}

}  // namespace inkset::layout
