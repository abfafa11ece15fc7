#pragma once
// A laid-out block: horizontal rows stacked vertically, each holding positioned items (text lines,
// images, rules). The paginator may break between rows of a kLines block; rows never split.
// Coordinates of items are relative to the row's top and the column's left edge.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "breaking/line_builder.h"
#include "paginate/paginator.h"
#include "shape/shaped_paragraph.h"
#include "support/fixed.h"

namespace inkset::layout {

// What a line belongs to, as the layout dump names it.
enum class Role : uint8_t {
  kTitle, kByline, kHeading, kParagraph, kQuote, kList, kCode, kTable, kCaption, kFootnote, kComment,
  kHeader, kFooter,
};
const char* role_name(Role role);

// Where a line's text comes from.
enum class Origin : uint8_t { kBody, kFront, kGenerated };
const char* origin_name(Origin origin);

// One shaped and broken paragraph; lines index into it. Owns its text (the shaped data borrows it).
struct Paragraph {
  std::string text;
  shape::ShapedParagraph shaped;
  breaking::PlacedLines lines;  // all lines in one structure-of-arrays block
  std::vector<uint8_t> run_color;     // gray per shaped run
  std::vector<uint8_t> run_decoration;  // per shaped run: 1 underline, 2 strikethrough
  uint32_t block_id = 0;              // article block the text comes from
  uint32_t text_offset = 0;           // where this paragraph's text starts in the block's text
  Role role = Role::kParagraph;
  Origin origin = Origin::kBody;
};

enum class ItemKind : uint8_t { kLine, kImage, kRule };

struct Item {
  ItemKind kind = ItemKind::kLine;
  Fixed x = 0, y = 0, width = 0, height = 0;
  Fixed baseline = 0;      // kLine: from the item's top
  uint32_t paragraph = 0;  // kLine: index into BlockBox::paragraphs
  uint32_t line = 0;       // kLine: index into Paragraph::lines
  uint32_t image = 0;      // kImage: index into the document's image table
  uint32_t block = UINT32_MAX;  // kImage: the figure's article block
  uint8_t gray = 0;        // kRule
};

struct Row {
  Fixed height = 0;
  uint32_t item_begin = 0;
  uint32_t item_end = 0;
};

struct BlockBox {
  uint32_t block_id = 0;
  paginate::FlowBlock flow;  // what the paginator sees; for kLines one entry per row
  std::vector<Row> rows;
  std::vector<Item> items;
  std::vector<std::unique_ptr<Paragraph>> paragraphs;
  int breaking_looseness = 0;
  // Footnotes referenced: (row, kFootnote block).
  std::vector<std::pair<uint32_t, uint32_t>> footnote_refs;
  bool can_vary = false;  // a single paragraph whose line count looseness could change

  // Empties the box for another block, keeping the buffers (paragraphs must have been taken out).
  void clear() {
    block_id = 0;
    std::vector<Fixed> heights = std::move(flow.line_heights);
    std::vector<paginate::FlowBlock::FootnoteRef> footnotes = std::move(flow.footnotes);
    heights.clear();
    footnotes.clear();
    flow = paginate::FlowBlock{};
    flow.line_heights = std::move(heights);
    flow.footnotes = std::move(footnotes);
    rows.clear();
    items.clear();
    paragraphs.clear();
    breaking_looseness = 0;
    footnote_refs.clear();
    can_vary = false;
  }

  void begin_row() { rows.push_back({0, static_cast<uint32_t>(items.size()), static_cast<uint32_t>(items.size())}); }
  void add_item(const Item& item) {
    items.push_back(item);
    rows.back().item_end = static_cast<uint32_t>(items.size());
  }
};

// What stays of a laid-out block once its full layout has left the cache: what pagination and page
// positions need.
struct BlockSummary {
  paginate::FlowBlock flow;
  // Per row, where its first line of article text starts (block text offset; 0 when it has none).
  std::vector<uint32_t> row_offsets;
  bool can_vary = false;
  bool greedy = false;  // broken first-fit (the time budget was spent): laid out again the same way
  bool ready = false;   // made by the current layout (false: a spare whose buffers are reused)
};

// The summaries of a document's blocks: per flow entry (as first broken), and the variants broken
// with another looseness, sorted by (entry, looseness).
struct BlockSummaries {
  std::vector<std::unique_ptr<BlockSummary>> entries;
  struct Variant {
    uint32_t entry = 0;
    int looseness = 0;
    std::unique_ptr<BlockSummary> summary;
  };
  std::vector<Variant> variants;
};

}  // namespace inkset::layout
