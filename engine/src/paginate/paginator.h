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

  // Footnotes referenced from this block: set at the foot of the column that shows the referencing
  // line. A footnote is the consecutive blocks [first, first + count) of the flow.
  struct FootnoteRef {
    uint32_t line = 0;  // index into line_heights
    uint32_t first = kNoBlock;
    uint32_t count = 0;
  };
  std::vector<FootnoteRef> footnotes;
  // For a block that is part of a footnote's text: the footnote's first block. Once the footnote has
  // been set at the foot of a column, the block is skipped where it stands in the flow.
  uint32_t footnote_of = kNoBlock;

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
  bool footnote = false;      // lines of a footnote, at the foot of the column
  bool footnote_rule = false; // the short rule above a column's footnotes (block is kNoBlock)
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
  // column_height: usable height of each column; columns: per page; footnote_separator: the space
  // above a column's footnotes, where the rule goes.
  // spare_pages: pages of an earlier pagination, whose placement arrays are reused (see take_pages).
  Paginator(FlowSource& source, Fixed column_height, int columns, Fixed footnote_separator = 0,
            std::vector<PageFlow> spare_pages = {});

  // Produces pages until `page` (0-based) is complete or the flow ends. Returns false past the end.
  bool ensure_page(uint32_t page);
  bool finished() const { return m_finished; }
  const std::vector<PageFlow>& pages() const { return m_pages; }
  // Hands the pages over (the paginator is left without any), for another pagination to reuse.
  std::vector<PageFlow> take_pages();
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
  Fixed remaining() const { return m_column_height - m_y - m_foot_used; }
  // Lines from `first` that fit in `avail`, each with the least of the footnotes it references.
  uint32_t lines_fitting(const FlowBlock& block, uint32_t first, Fixed avail, bool foot_started) const;
  Fixed footnote_minimum(const FlowBlock::FootnoteRef& ref) const;
  bool footnote_placed(uint32_t first) const;
  void place_footnotes(const FlowBlock& block, uint32_t first_line, uint32_t line_count);
  void place_footnote_lines(uint32_t entry, uint32_t first_line);
  void finish_column_footnotes();
  Fixed gap_before(const FlowBlock& block) const;
  PageFlow& current_page();

  FlowSource& m_source;
  Fixed m_column_height;
  int m_columns;
  std::vector<PageFlow> m_pages;
  std::vector<PageFlow> m_spare_pages;  // from an earlier pagination, last page first
  uint32_t m_next_block = 0;
  int m_column = 0;
  Fixed m_y = 0;
  Fixed m_pending_space = 0;  // space_after of the last placed block, collapsed with the next space_before
  uint32_t m_current_header = kNoBlock;  // the table header to repeat, while inside a table
  std::deque<uint32_t> m_deferred;  // floats waiting for a column with room
  std::vector<std::pair<uint32_t, int8_t>> m_looseness;  // blocks placed with a variant
  Fixed m_footnote_separator = 0;
  Fixed m_foot_used = 0;              // height of the current column's footnote area
  std::vector<Placement> m_foot;      // its placements, y from the area's top
  std::vector<std::pair<uint32_t, uint32_t>> m_foot_carry;  // (block, first line) continued in the next column
  std::vector<std::pair<uint32_t, uint32_t>> m_carry_scratch;  // next_column's, kept for its capacity
  std::vector<uint32_t> m_footnotes_done;  // first blocks of footnotes already set
  bool m_finished = false;
  bool m_page_open = false;
  PaginatorStats m_stats;
};

}  // namespace inkset::paginate
