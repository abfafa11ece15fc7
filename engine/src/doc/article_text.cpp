#include "doc/article_text.h"

#include "support/utf8.h"

namespace inkset::doc {
namespace {

constexpr size_t kOutlineTextChars = 60;

void append_line(std::string& out, std::string_view text) {
  if (text.empty()) return;
  const size_t start = out.size();
  out.append(text);
  for (size_t i = start; i < out.size(); ++i)
    if (out[i] == '\n') out[i] = ' ';
  out.push_back('\n');
}

// One past the last block of i's subtree, in pre-order.
uint32_t subtree_end(const std::vector<Block>& blocks, uint32_t i) {
  for (uint32_t p = i; p != kNone; p = blocks[p].parent)
    if (blocks[p].next_sibling != kNone) return blocks[p].next_sibling;
  return static_cast<uint32_t>(blocks.size());
}

std::string row_text(const std::vector<Block>& blocks, const Block& row) {
  std::string out;
  for (uint32_t c = row.first_child; c != kNone; c = blocks[c].next_sibling) {
    if (c != row.first_child) out += " | ";
    out += blocks[c].text;
  }
  return out;
}

const char* align_name(CellAlign align) {
  switch (align) {
    case CellAlign::kLeft: return "left";
    case CellAlign::kCenter: return "center";
    case CellAlign::kRight: return "right";
    case CellAlign::kNone: break;
  }
  return "";
}

// The first n code points of text, line breaks shown as spaces.
std::string excerpt(std::string_view text, size_t n) {
  size_t pos = 0;
  for (size_t count = 0; pos < text.size() && count < n; ++count) utf8::decode(text, pos);
  std::string out(text.substr(0, pos));
  for (char& c : out)
    if (c == '\n') c = ' ';
  if (pos < text.size()) out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
  return out;
}

}  // namespace

std::string comment_meta_line(const CommentMeta& meta) {
  std::string out = meta.author;
  auto add = [&out](const std::string& field) {
    if (field.empty()) return;
    if (!out.empty()) out += " \xC2\xB7 ";  // U+00B7 MIDDLE DOT, as in the source convention
    out += field;
  };
  add(meta.affiliation);
  add(meta.date);
  if (meta.votes != 0) add(std::to_string(meta.votes) + (meta.votes == 1 ? " vote" : " votes"));
  return out;
}

std::string body_text(const Article& article) {
  const auto& blocks = article.blocks;
  std::string out;
  std::string prefix;  // "[label] " of the footnote whose first line is still to come
  uint32_t prefix_end = kNone;
  for (uint32_t i = 0; i < blocks.size(); ++i) {
    if (!prefix.empty() && i >= prefix_end) {
      append_line(out, prefix.substr(0, prefix.size() - 1));
      prefix.clear();
    }
    const Block& b = blocks[i];
    std::string line;
    switch (b.kind) {
      case BlockKind::kFootnote:
        prefix = "[" + b.info + "] ";
        prefix_end = subtree_end(blocks, i);
        continue;
      case BlockKind::kComment:
        line = comment_meta_line(b.comment);
        break;
      case BlockKind::kTableRow:
        line = row_text(blocks, b);
        break;
      case BlockKind::kTableCell:
        // Cells are read with their row; one whose row was flattened away by the depth limit stands alone.
        if (b.parent != kNone && blocks[b.parent].kind == BlockKind::kTableRow) continue;
        line = b.text;
        break;
      case BlockKind::kComments:
        line = b.text;
        break;
      default:
        if (!Article::has_inline_text(b.kind)) continue;
        line = b.text;
        break;
    }
    if (line.empty()) continue;
    if (!prefix.empty()) {
      line.insert(0, prefix);
      prefix.clear();
    }
    append_line(out, line);
  }
  if (!prefix.empty()) append_line(out, prefix.substr(0, prefix.size() - 1));
  return out;
}

std::string article_text(const Article& article) {
  const FrontMatter& front = article.front;
  std::string out;
  append_line(out, front.title);
  if (!front.authors.empty()) {
    std::string by = "By ";
    for (size_t i = 0; i < front.authors.size(); ++i) by += (i ? ", " : "") + front.authors[i];
    append_line(out, by);
  }
  append_line(out, front.date);
  return out + body_text(article);
}

std::string outline(const Article& article) {
  std::string out;
  for (const Block& b : article.blocks) {
    out.append(2 * static_cast<size_t>(b.depth), ' ');
    out += block_kind_name(b.kind);
    switch (b.kind) {
      case BlockKind::kHeading:
        out += " level=" + std::to_string(b.level);
        break;
      case BlockKind::kList:
        out += b.ordered ? " ordered start=" + std::to_string(b.start) : std::string(" bullet");
        out += b.tight ? " tight" : " loose";
        break;
      case BlockKind::kListItem:
        out += " marker=" + b.marker;
        break;
      case BlockKind::kCodeBlock:
        if (!b.info.empty()) out += " info=" + b.info;
        break;
      case BlockKind::kFigure:
        out += " src=" + b.src;
        break;
      case BlockKind::kFootnote:
        out += " label=" + b.info;
        break;
      case BlockKind::kComment:
        out += " author=\"" + b.comment.author + "\" votes=" + std::to_string(b.comment.votes);
        break;
      case BlockKind::kTableRow:
        if (b.header) out += " header";
        break;
      case BlockKind::kTableCell:
        if (b.align != CellAlign::kNone) out += std::string(" align=") + align_name(b.align);
        break;
      default:
        break;
    }
    if (Article::has_inline_text(b.kind) || b.kind == BlockKind::kComments)
      out += " \"" + excerpt(b.text, kOutlineTextChars) + "\"";
    out.push_back('\n');
  }
  return out;
}

}  // namespace inkset::doc
