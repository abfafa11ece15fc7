#include "doc/article.h"

namespace inkset::doc {

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading: return "heading";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kList: return "list";
    case BlockKind::kListItem: return "item";
    case BlockKind::kCodeBlock: return "code";
    case BlockKind::kTable: return "table";
    case BlockKind::kTableRow: return "row";
    case BlockKind::kTableCell: return "cell";
    case BlockKind::kThematicBreak: return "break";
    case BlockKind::kFigure: return "figure";
    case BlockKind::kFootnote: return "footnote";
    case BlockKind::kComments: return "comments";
    case BlockKind::kComment: return "comment";
    case BlockKind::kHtml: return "html";
  }
  return "?";
}

std::vector<uint32_t> Article::top_level() const {
  std::vector<uint32_t> out;
  for (uint32_t i = blocks.empty() ? kNone : 0; i != kNone; i = blocks[i].next_sibling) out.push_back(i);
  return out;
}

bool Article::has_inline_text(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading:
    case BlockKind::kParagraph:
    case BlockKind::kCodeBlock:
    case BlockKind::kTableCell:
    case BlockKind::kFigure:
    case BlockKind::kHtml:
      return true;
    default:
      return false;
  }
}

}  // namespace inkset::doc
