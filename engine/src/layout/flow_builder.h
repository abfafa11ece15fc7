#pragma once
// Linearizes the article tree into flow entries: the units the paginator stacks (a paragraph, a
// heading, a figure, a table row, a comment's author line...), each with the context its containers
// give it (indents, quote bars, list marker, role). One forward pass over the pre-order block array;
// no recursion, so nesting depth cannot exhaust the stack.
#include <cstdint>
#include <string>
#include <vector>

#include "doc/article.h"
#include "layout/block_box.h"
#include "style/computed_style.h"
#include "style/page_geometry.h"

namespace inkset::layout {

enum class EntryKind : uint8_t { kText, kFigure, kRule, kTableRow, kCommentMeta, kFront };

inline constexpr int kMaxQuoteBars = 8;

struct FlowEntry {
  EntryKind kind = EntryKind::kText;
  uint32_t block = doc::kNone;  // the article block (kTableRow: the row)
  style::ElementKind element = style::ElementKind::kBody;
  Role role = Role::kParagraph;
  Origin origin = Origin::kBody;
  Fixed indent_left = 0;
  Fixed indent_right = 0;
  uint8_t quote_bars = 0;
  Fixed quote_bar_x[kMaxQuoteBars] = {};
  uint32_t marker_block = doc::kNone;  // a list item or footnote whose marker hangs left of the first line
  std::string marker;                   // its text: "3.", "•", or a footnote's number
  bool keep_with_next = false;
  bool no_indent = false;               // the first paragraph of a section is set flush
  uint32_t table = doc::kNone;          // kTableRow: the table block
  uint32_t header_entry = UINT32_MAX;   // kTableRow: the entry of the table's header row
  std::string text;                     // kFront: the line to show
  uint32_t footnote = doc::kNone;       // the kFootnote block whose text this entry is part of
};

// Builds the flow of an article that may grow (parsed piece by piece): each extend() adds the entries
// of the blocks added since the last one, exactly as one pass over the whole article would.
class FlowBuilder {
 public:
  explicit FlowBuilder(const style::PageGeometry& geometry);
  void extend(const doc::Article& article, std::vector<FlowEntry>& flow);
  bool has_unseen_blocks(const doc::Article& article) const { return m_next < article.blocks.size(); }

 private:
  struct Context {
    Fixed indent = 0;
    uint8_t quote_bars = 0;
    Fixed quote_bar_x[kMaxQuoteBars] = {};
    Role role = Role::kParagraph;
    style::ElementKind element = style::ElementKind::kBody;
    uint32_t comment_depth = 0;
    uint32_t footnote = doc::kNone;
  };
  void add_front(const doc::FrontMatter& front, std::vector<FlowEntry>& flow);

  style::PageGeometry m_geometry;
  Fixed m_max_indent;
  bool m_front_done = false;
  uint32_t m_next = 0;                   // the first block not seen yet
  std::vector<Context> m_context;        // per block, from its containers
  std::vector<std::pair<uint32_t, std::string>> m_footnote_numbers;  // (kFootnote block, number shown)
  uint32_t m_pending_marker = doc::kNone;
  uint32_t m_table_header_entry = UINT32_MAX;
  bool m_after_heading = true;
};

std::vector<FlowEntry> build_flow(const doc::Article& article, const style::PageGeometry& geometry);

}  // namespace inkset::layout
