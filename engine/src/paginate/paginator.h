#pragma once
// Fills columns and pages with laid-out blocks, line by line, under the rules a typographer expects:
// no widows or orphans, headings kept with what follows, figures kept whole (a figure that does not fit
// floats to the next column while the text after it flows up), table header rows repeated.
//
// Page-aware line breaking: before giving up space to avoid a widow, the paginator asks for the same
// paragraph re-broken with Knuth–Plass looseness -1 or +1 (one line fewer or more), as TeX users do by
// hand with \looseness.
//
// The paginator pulls blocks from a FlowSource, which lays them out lazily, so page k is produced
// after laying out only what comes before it (plus the lookahead that the keep rules need).
#include <cstdint>
#include <deque>
#include <vector>

#include "support/fixed.h"

namespace inkset::paginate {

inline constexpr uint32_t kNoBlock = UINT32_MAX;

enum class FlowKind : uint8_t {
  kLines,        // may break between lines (paragraphs, code, list items)
  kUnbreakable,  // one piece that must not be split (a table row, a rule, a heading's own lines)
  kFloat,        // a figure with its caption: whole, and may move past the text that follows it
};

struct FlowBlock {
  FlowKind kind = FlowKind::kLines;
  std::vector<Fixed> line_heights;  // kLines: per line; otherwise one entry, the whole height
  Fixed space_before = 0;
  Fixed space_after = 0;
  bool keep_with_next = false;      // headings: never the last thing in a column
  uint8_t orphans = 2;              // minimum lines left at the bottom of a column
  uint8_t widows = 2;               // minimum lines carried to the top of the next column
  uint32_t repeat_header = kNoBlock;  // table rows: the header row to repeat at the top of a column

  Fixed total_height() const {
    Fixed h = 0;
    for (Fixed l : line_heights) h += l;
    return h;
  }
};

// Supplies laid-out blocks by index, laying them out on first request.
class FlowSource {
 public:
  virtual ~FlowSource() = default;
  // nullptr past the last block. The pointer stays valid until the source is destroyed.
  virtual const FlowBlock* block(uint32_t index) = 0;
  // The block re-broken with the given looseness (-1 or +1); nullptr when it has no such variant
  // (not a paragraph, or the breaker found no feasible solution with that many lines).
  virtual const FlowBlock* variant(uint32_t index, int looseness) = 0;
};

// One block's lines placed in a column.
struct Placement {
  uint32_t block = kNoBlock;
  int8_t looseness = 0;       // which variant of the block these lines come from
  bool repeated_header = false;
  uint16_t column = 0;
  uint32_t first_line = 0;
  uint32_t line_count = 0;
  Fixed y = 0;                // top of the first line, from the column's top
};

struct PageFlow {
  std::vector<Placement> placements;
};

struct PaginatorStats {
  int widows_fixed_by_looseness = 0;
  int widows_fixed_by_moving_lines = 0;
  int orphans_moved = 0;
  int floats_deferred = 0;
};

class Paginator {
 public:
  // column_height: usable height of each column; columns: per page.
  Paginator(FlowSource& source, Fixed column_height, int columns);

  // Produces pages until `page` (0-based) is complete or the flow ends. Returns false past the end.
  bool ensure_page(uint32_t page);
  bool finished() const { return m_finished; }
  const std::vector<PageFlow>& pages() const { return m_pages; }
  const PaginatorStats& stats() const { return m_stats; }
  // The variant of each block that was used (0 unless looseness fixed a widow).
  int looseness_of(uint32_t block) const;

 private:
  void step();
  void place_block(uint32_t index, const FlowBlock& block);
  void place_lines(uint32_t index, const FlowBlock& block, int looseness);
  uint32_t split_count(const FlowBlock& block, uint32_t first, Fixed y, Fixed gap, bool* widow) const;
  bool leaves_widow(const FlowBlock& block) const;
  void place_whole(uint32_t index, const FlowBlock& block, int looseness, bool repeated_header = false);
  void next_column();
  void place_deferred_floats();
  bool heading_fits_with_next(uint32_t index, const FlowBlock& block);
  Fixed remaining() const { return m_column_height - m_y; }
  Fixed gap_before(const FlowBlock& block) const;
  PageFlow& current_page();

  FlowSource& m_source;
  Fixed m_column_height;
  int m_columns;
  std::vector<PageFlow> m_pages;
  uint32_t m_next_block = 0;
  int m_column = 0;
  Fixed m_y = 0;
  Fixed m_pending_space = 0;  // space_after of the last placed block, collapsed with the next space_before
  uint32_t m_current_header = kNoBlock;  // the table header to repeat, while inside a table
  std::deque<uint32_t> m_deferred;  // floats waiting for a column with room
  std::vector<std::pair<uint32_t, int8_t>> m_looseness;  // blocks placed with a variant
  bool m_finished = false;
  bool m_page_open = false;
  PaginatorStats m_stats;
};

}  // namespace inkset::paginate
