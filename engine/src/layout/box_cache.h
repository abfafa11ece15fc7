#pragma once
// The laid-out blocks a page assembly or a position lookup may need again, bounded in bytes.
// A block's full layout (shaped glyph arrays, placed lines) is some 20 times the size of what the
// paginator keeps of it, and re-laying a block out with the shaping cache warm is cheap and gives the
// same lines, so only the blocks of the last few pages are kept. Pages hold shared owners, so
// evicting a block never invalidates a page that is being drawn.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "layout/block_box.h"

namespace inkset::layout {

struct BoxCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  size_t bytes = 0;
  size_t entries = 0;
};

class BoxCache {
 public:
  static constexpr size_t kDefaultMaxBytes = size_t{1} << 20;

  explicit BoxCache(size_t max_bytes = kDefaultMaxBytes) : m_max_bytes(max_bytes) {}

  // nullptr when the block (at that looseness) is not held.
  std::shared_ptr<const BlockBox> find(uint32_t entry, int looseness);
  // Keeps the box, evicting the least recently used ones beyond the budget (never the one just added).
  void insert(uint32_t entry, int looseness, std::shared_ptr<BlockBox> box);
  // Evicts every box.
  void clear();
  // The boxes evicted since the caller last emptied this, for their buffers to be used again.
  std::vector<std::shared_ptr<BlockBox>>& evicted() { return m_evicted; }
  const BoxCacheStats& stats() const { return m_stats; }

 private:
  struct Slot {
    uint32_t entry = 0;
    int looseness = 0;
    uint64_t last_use = 0;
    size_t bytes = 0;
    std::shared_ptr<BlockBox> box;
  };

  size_t m_max_bytes;
  uint64_t m_clock = 0;
  // Few slots (a few pages' blocks): a linear scan beats any map at this size.
  std::vector<Slot> m_slots;
  std::vector<std::shared_ptr<BlockBox>> m_evicted;
  BoxCacheStats m_stats;
};

// Heap bytes a paragraph holds (capacities where they are known, else sizes).
size_t paragraph_bytes(const Paragraph& p);
// Heap bytes a laid-out block holds (capacities, not sizes: what the allocator really gave).
size_t box_bytes(const BlockBox& box);

}  // namespace inkset::layout
