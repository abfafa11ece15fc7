#include "doc/markdown_parser.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

#include <sys/stat.h>

#include "doc/chunk_splitter.h"
#include "doc/front_matter.h"
#include "support/utf8.h"

namespace inkset::doc {
namespace {

// Maps cmark's 1-based (line, byte column) positions of the body to byte offsets in Article::source.
class LineIndex {
 public:
  LineIndex(std::string_view body, size_t base) : m_base(base), m_size(body.size()) {
    m_starts.push_back(0);
    // Line ends as CommonMark defines them (spec 2.1): LF, CR LF or a lone CR.
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] != '\n' && body[i] != '\r') continue;
      m_content_ends.push_back(i);
      if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      m_starts.push_back(i + 1);
    }
    m_content_ends.push_back(body.size());
  }

  // The offset of a position; `inclusive_end` turns cmark's inclusive end column into an exclusive end.
  uint32_t offset(int line, int column, bool inclusive_end) const {
    if (line < 1) return static_cast<uint32_t>(m_base);
    // cmark ends some blocks at column 0 of the next line, meaning the end of the previous one.
    if (inclusive_end && column == 0 && line > 1 && static_cast<size_t>(line - 1) <= m_starts.size())
      return static_cast<uint32_t>(m_base + m_content_ends[line - 2]);
    if (static_cast<size_t>(line) > m_starts.size()) return static_cast<uint32_t>(m_base + m_size);
    const size_t start = m_starts[line - 1];
    size_t limit = static_cast<size_t>(line) < m_starts.size() ? m_starts[line] : m_size;
    // A range ends before its line's terminator.
    if (inclusive_end) limit = m_content_ends[line - 1];
    size_t pos = start + static_cast<size_t>(column > 0 ? column - 1 : 0) + (inclusive_end && column > 0 ? 1 : 0);
    if (pos > limit) pos = limit;
    return static_cast<uint32_t>(m_base + pos);
  }

  SourceRange range(cmark_node* node) const {
    SourceRange r;
    r.begin = offset(cmark_node_get_start_line(node), cmark_node_get_start_column(node), false);
    r.end = offset(cmark_node_get_end_line(node), cmark_node_get_end_column(node), true);
    if (r.end < r.begin) r.end = r.begin;
    return r;
  }

  std::string_view line_text(std::string_view source, int line) const {
    if (line < 1 || static_cast<size_t>(line) > m_starts.size()) return {};
    const size_t start = m_starts[line - 1];
    const size_t end = static_cast<size_t>(line) < m_starts.size() ? m_starts[line] : m_size;
    return source.substr(m_base + start, end - start);
  }

 private:
  size_t m_base;
  size_t m_size;
  std::vector<size_t> m_starts;
  std::vector<size_t> m_content_ends;  // per line, the offset of its terminator
};

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool is_block(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Nodes that cmark_iter reports with an ENTER event only.
bool is_leaf(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

bool type_is(cmark_node* node, const char* name) { return std::strcmp(cmark_node_get_type_string(node), name) == 0; }

std::string_view literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? std::string_view(s) : std::string_view();
}

std::string_view without_final_newline(std::string_view s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The plain text of an inline subtree (emphasis etc. dropped), walked with an iterator.
std::string plain_text(cmark_node* node) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(node));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_FOOTNOTE_REFERENCE:
        out.append(literal(n));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out.push_back(' ');
        break;
      default:
        break;
    }
  }
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "5 votes", "1 vote".
std::optional<int32_t> parse_votes(std::string_view field) {
  const size_t space = field.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view number = field.substr(0, space);
  const std::string_view word = field.substr(space + 1);
  if (!all_digits(number) || number.size() > 9 || (word != "votes" && word != "vote")) return std::nullopt;
  return static_cast<int32_t>(std::stol(std::string(number)));
}

bool looks_like_date(std::string_view field) {
  bool digit = false;
  bool only_digits_and_dashes = true;
  for (char c : field) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '-') only_digits_and_dashes = false;
  }
  if (digit && only_digits_and_dashes) return true;
  static constexpr const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};
  // Any word that is a month's name or its three-letter abbreviation ("Jun 29, 2021", "29 June 2021").
  size_t pos = 0;
  while (pos < field.size()) {
    while (pos < field.size() && !std::isalpha(static_cast<unsigned char>(field[pos]))) ++pos;
    std::string word;
    while (pos < field.size() && std::isalpha(static_cast<unsigned char>(field[pos])))
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(field[pos++]))));
    if (word.size() < 3) continue;
    for (const char* month : kMonths)
      if (word == month || word == std::string_view(month).substr(0, 3)) return true;
  }
  return false;
}

// The meta line that opens a comment: `**Author** · Affiliation · 2021-06-29 · 5 votes`.
std::optional<CommentMeta> comment_meta(cmark_node* quote) {
  cmark_node* para = cmark_node_first_child(quote);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* strong = cmark_node_first_child(para);
  if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG) return std::nullopt;
  CommentMeta meta;
  meta.author = std::string(trim(plain_text(strong)));
  if (meta.author.empty()) return std::nullopt;
  std::string rest;
  for (cmark_node* n = cmark_node_next(strong); n; n = cmark_node_next(n)) {
    const auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT) rest.append(literal(n));
    else if (type == CMARK_NODE_SOFTBREAK) rest.push_back(' ');
    else return std::nullopt;
  }
  static constexpr std::string_view kSeparator = "\xC2\xB7";  // U+00B7 MIDDLE DOT
  std::string_view tail = trim(rest);
  if (tail.empty()) return meta;
  if (tail.substr(0, kSeparator.size()) != kSeparator) return std::nullopt;
  while (!tail.empty()) {
    tail.remove_prefix(kSeparator.size());
    const size_t next = tail.find(kSeparator);
    const std::string_view field = trim(tail.substr(0, next));
    tail = next == std::string_view::npos ? std::string_view() : tail.substr(next);
    if (field.empty()) continue;
    if (const auto votes = parse_votes(field)) {
      meta.votes = *votes;
    } else if (meta.date.empty() && looks_like_date(field)) {
      meta.date = std::string(field);
    } else {
      if (!meta.affiliation.empty()) meta.affiliation += " \xC2\xB7 ";
      meta.affiliation += field;
    }
  }
  return meta;
}

// "Comments" or "Comments (7)".
bool is_comments_heading(std::string_view text) {
  static constexpr std::string_view kWord = "Comments";
  if (text.substr(0, kWord.size()) != kWord) return false;
  const std::string_view rest = text.substr(kWord.size());
  if (rest.empty()) return true;
  return rest.size() > 3 && rest.substr(0, 2) == " (" && rest.back() == ')' &&
         all_digits(rest.substr(2, rest.size() - 3));
}

// The label of a footnote definition. cmark-gfm keeps it only privately, so it is read back from the
// `[^label]:` marker that precedes the definition's content on its first line.
std::string footnote_label(std::string_view line, int content_column, std::string_view fallback) {
  const std::string_view head = line.substr(0, content_column > 0 ? std::min<size_t>(content_column - 1, line.size()) : 0);
  const size_t open = head.rfind("[^");
  if (open != std::string_view::npos) {
    const size_t close = head.find("]:", open);
    if (close != std::string_view::npos) return std::string(head.substr(open + 2, close - open - 2));
  }
  return std::string(fallback);
}

class TreeBuilder {
 public:
  TreeBuilder(Article& article, const ParseLimits& limits) : m_article(article), m_limits(limits) {}

  void set_body_start(size_t offset) { m_body_start = static_cast<uint32_t>(offset); }

  // Adds the blocks of one piece of the body, parsed alone; `first_line` is the body line it starts at.
  Status build(cmark_node* root, const LineIndex& lines, int first_line) {
    m_lines = &lines;
    m_line_offset = first_line - 1;
    const auto first_new = static_cast<uint32_t>(m_article.blocks.size());
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* node = cmark_iter_get_node(it.get());
      if (node == root) continue;
      if (node == m_skip) {
        // The meta line of a comment: its data is in CommentMeta, its text is not a body block. The
        // iterator goes on after the node's exit, which it does not report.
        cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);
        m_skip = nullptr;
        continue;
      }
      if (is_block(node)) ev == CMARK_EVENT_ENTER ? enter_block(node) : exit_block();
      else ev == CMARK_EVENT_ENTER ? enter_inline(node) : exit_inline(node);
      if (m_error) return std::move(*m_error);
    }
    end_containers(first_new);
    return ok_status();
  }

  // After the last piece: footnote references point at their definitions, which may come after them.
  void finish() {
    auto& blocks = m_article.blocks;
    for (const auto& [b, s] : m_footnote_refs) {
      InlineSpan& span = blocks[b].spans[s];
      span.target = span.target >= 1 && span.target <= m_footnotes.size() ? m_footnotes[span.target - 1] : kNone;
    }
  }

 private:
  struct OpenNode {
    cmark_node* node;
    uint32_t block;      // kNone when the node was not kept as a block
    uint32_t container;  // nearest kept ancestor-or-self, the parent of blocks opened inside
  };
  struct Style {
    uint16_t flags;
    uint32_t target;
  };

  Block& block(uint32_t i) { return m_article.blocks[i]; }

  uint32_t parent_for(BlockKind kind) const {
    if (!m_open.empty()) return m_open.back().container;
    return kind == BlockKind::kFootnote ? kNone : m_comments;
  }

  uint16_t depth_under(uint32_t parent) const {
    return parent == kNone ? 0 : static_cast<uint16_t>(m_article.blocks[parent].depth + 1);
  }

  uint32_t emit(BlockKind kind, cmark_node* node, uint32_t parent) {
    auto& blocks = m_article.blocks;
    if (blocks.size() >= m_limits.max_blocks) {
      m_error = make_error(ErrorCode::kLimitExceeded, "article has more than " + std::to_string(m_limits.max_blocks) +
                                                          " blocks; split it into several articles");
      return kNone;
    }
    const auto index = static_cast<uint32_t>(blocks.size());
    Block b;
    b.kind = kind;
    b.parent = parent;
    b.depth = depth_under(parent);
    b.source = m_lines->range(node);
    // cmark-gfm leaves some nodes without a position (line 0: a paragraph split off by the table
    // extension). Such a block is placed where the block before it ends, which is the same whether
    // the article is parsed whole or in pieces.
    if (cmark_node_get_start_line(node) < 1) {
      const uint32_t at = blocks.empty() ? m_body_start : blocks.back().source.end;
      b.source = {at, at};
    }
    blocks.push_back(std::move(b));
    m_last_child.push_back(kNone);
    m_child_count.push_back(0);
    if (parent == kNone) {
      if (m_last_top != kNone) blocks[m_last_top].next_sibling = index;
      m_last_top = index;
    } else {
      if (blocks[parent].first_child == kNone) blocks[parent].first_child = index;
      else blocks[m_last_child[parent]].next_sibling = index;
      m_last_child[parent] = index;
      ++m_child_count[parent];
    }
    return index;
  }

  // A container deeper than the limit is not kept; its content goes to the deepest kept container.
  uint32_t emit_container(BlockKind kind, cmark_node* node, uint32_t parent) {
    if (depth_under(parent) < m_limits.max_depth) return emit(kind, node, parent);
    if (!m_warned_depth) {
      m_warned_depth = true;
      m_article.warnings.push_back("line " + std::to_string(cmark_node_get_start_line(node) + m_line_offset) +
                                   ": nesting deeper than " +
                                   std::to_string(m_limits.max_depth) + " levels is shown at depth " +
                                   std::to_string(m_limits.max_depth));
    }
    return kNone;
  }

  void open(cmark_node* node, uint32_t index, uint32_t parent) {
    m_open.push_back({node, index, index != kNone ? index : parent});
  }

  std::string list_marker(uint32_t list) {
    const Block& l = block(list);
    if (l.ordered) {
      const int64_t n = static_cast<int64_t>(l.start) + m_child_count[list];
      return std::to_string(n) + (m_paren_lists.count(list) ? ")" : ".");
    }
    int nesting = 0;
    for (uint32_t p = l.parent; p != kNone; p = block(p).parent)
      if (block(p).kind == BlockKind::kList && !block(p).ordered) ++nesting;
    return nesting % 2 ? "\xE2\x97\xA6" : "\xE2\x80\xA2";  // U+25E6 WHITE BULLET, U+2022 BULLET
  }

  void enter_block(cmark_node* node) {
    const cmark_node_type type = cmark_node_get_type(node);
    switch (type) {
      case CMARK_NODE_BLOCK_QUOTE: {
        const uint32_t parent = parent_for(BlockKind::kQuote);
        const bool comment_position =
            m_comments != kNone && (m_open.empty() || (m_open.back().block != kNone &&
                                                       block(m_open.back().block).kind == BlockKind::kComment));
        std::optional<CommentMeta> meta = comment_position ? comment_meta(node) : std::nullopt;
        const uint32_t index = emit_container(meta ? BlockKind::kComment : BlockKind::kQuote, node, parent);
        if (meta && index != kNone) {
          block(index).comment = std::move(*meta);
          m_skip = cmark_node_first_child(node);
        }
        open(node, index, parent);
        return;
      }
      case CMARK_NODE_LIST: {
        const uint32_t parent = parent_for(BlockKind::kList);
        const uint32_t index = emit_container(BlockKind::kList, node, parent);
        if (index != kNone) {
          Block& b = block(index);
          b.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
          b.start = b.ordered ? cmark_node_get_list_start(node) : 1;
          b.tight = cmark_node_get_list_tight(node) != 0;
          if (cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM) m_paren_lists.insert(index);
        }
        open(node, index, parent);
        return;
      }
      case CMARK_NODE_ITEM: {
        const uint32_t parent = parent_for(BlockKind::kListItem);
        const bool in_list = parent != kNone && block(parent).kind == BlockKind::kList;
        std::string marker = in_list ? list_marker(parent) : std::string();
        const uint32_t index = emit_container(BlockKind::kListItem, node, parent);
        if (index != kNone) block(index).marker = std::move(marker);
        open(node, index, parent);
        return;
      }
      case CMARK_NODE_FOOTNOTE_DEFINITION: {
        const uint32_t parent = parent_for(BlockKind::kFootnote);
        const uint32_t index = emit_container(BlockKind::kFootnote, node, parent);
        if (index != kNone) {
          m_footnotes.push_back(index);
          const int line = cmark_node_get_start_line(node);
          block(index).info = footnote_label(m_lines->line_text(m_article.source, line),
                                             cmark_node_get_start_column(node), std::to_string(m_footnotes.size()));
        }
        open(node, index, parent);
        return;
      }
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: {
        const bool code = type == CMARK_NODE_CODE_BLOCK;
        const uint32_t index = emit(code ? BlockKind::kCodeBlock : BlockKind::kHtml, node, parent_for(BlockKind::kCodeBlock));
        if (index == kNone) return;
        block(index).text = std::string(without_final_newline(literal(node)));
        if (code) {
          const char* info = cmark_node_get_fence_info(node);
          block(index).info = info ? info : "";
        }
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        emit(BlockKind::kThematicBreak, node, parent_for(BlockKind::kThematicBreak));
        return;
      case CMARK_NODE_HEADING: {
        const uint32_t parent = parent_for(BlockKind::kHeading);
        const uint32_t index = emit(BlockKind::kHeading, node, parent);
        if (index != kNone) block(index).level = static_cast<uint8_t>(cmark_node_get_heading_level(node));
        open_inline(node, index, parent);
        return;
      }
      case CMARK_NODE_PARAGRAPH: {
        const uint32_t parent = parent_for(BlockKind::kParagraph);
        const bool figure = detect_figure(node);
        const uint32_t index = emit(figure ? BlockKind::kFigure : BlockKind::kParagraph, node, parent);
        if (index != kNone && figure) {
          const char* src = cmark_node_get_url(m_figure_image);
          const char* title = cmark_node_get_title(m_figure_image);
          block(index).src = src ? src : "";
          block(index).title = title ? title : "";
        }
        open_inline(node, index, parent);
        return;
      }
      default:
        break;
    }
    if (type_is(node, "table")) {
      const uint32_t parent = parent_for(BlockKind::kTable);
      open(node, emit_container(BlockKind::kTable, node, parent), parent);
    } else if (type_is(node, "table_row") || type_is(node, "table_header")) {
      const uint32_t parent = parent_for(BlockKind::kTableRow);
      const uint32_t index = emit_container(BlockKind::kTableRow, node, parent);
      if (index != kNone) block(index).header = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
      open(node, index, parent);
    } else if (type_is(node, "table_cell")) {
      const uint32_t parent = parent_for(BlockKind::kTableCell);
      const uint32_t index = emit(BlockKind::kTableCell, node, parent);
      if (index != kNone && parent != kNone && block(parent).kind == BlockKind::kTableRow)
        block(index).align = cell_align(cmark_node_parent(cmark_node_parent(node)), m_child_count[parent] - 1);
      open_inline(node, index, parent);
    } else if (!is_leaf(type)) {
      // A block type this reader does not know: its content is kept, the node itself is transparent.
      open(node, kNone, parent_for(BlockKind::kQuote));
    }
  }

  static CellAlign cell_align(cmark_node* table, uint32_t column) {
    if (!table || !type_is(table, "table") || column >= cmark_gfm_extensions_get_table_columns(table))
      return CellAlign::kNone;
    const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(table);
    switch (aligns ? aligns[column] : 0) {
      case 'l': return CellAlign::kLeft;
      case 'c': return CellAlign::kCenter;
      case 'r': return CellAlign::kRight;
      default: return CellAlign::kNone;
    }
  }

  void open_inline(cmark_node* node, uint32_t index, uint32_t parent) {
    open(node, index, parent);
    m_inline = index;
    m_styles.assign(1, Style{0, kNone});
  }

  void exit_block() {
    const OpenNode top = m_open.back();
    m_open.pop_back();
    if (top.block == kNone || top.block != m_inline) return;
    m_inline = kNone;
    m_figure_image = m_figure_caption = m_figure_break = nullptr;
    Block& b = block(top.block);
    if (b.kind == BlockKind::kHeading && b.level == 2 && b.parent == kNone && m_comments == kNone &&
        is_comments_heading(b.text)) {
      b.kind = BlockKind::kComments;
      m_comments = top.block;
    }
  }

  // A paragraph that is an image alone, optionally followed by a line break and one emphasis (the caption).
  bool detect_figure(cmark_node* para) {
    cmark_node* image = cmark_node_first_child(para);
    if (!image || cmark_node_get_type(image) != CMARK_NODE_IMAGE) return false;
    cmark_node* next = cmark_node_next(image);
    cmark_node* brk = nullptr;
    if (next && (cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(next) == CMARK_NODE_LINEBREAK)) {
      brk = next;
      next = cmark_node_next(next);
    }
    if (next && (cmark_node_get_type(next) != CMARK_NODE_EMPH || cmark_node_next(next))) return false;
    if (brk && !next) return false;
    m_figure_image = image;
    m_figure_break = brk;
    m_figure_caption = next;
    return true;
  }

  void push_style(uint16_t flags, uint32_t target = kNone) {
    const Style& top = m_styles.back();
    m_styles.push_back(Style{static_cast<uint16_t>(top.flags | flags), target != kNone ? target : top.target});
  }

  void append(std::string_view s, uint16_t extra = 0, uint32_t target = kNone) {
    Block& b = block(m_inline);
    if (m_in_alt) {
      b.alt.append(s);
      return;
    }
    const uint16_t flags = m_styles.back().flags | extra;
    if (target == kNone) target = m_styles.back().target;
    const auto begin = static_cast<uint32_t>(b.text.size());
    b.text.append(s);
    const auto end = static_cast<uint32_t>(b.text.size());
    if (flags == 0 || begin == end) return;
    if (!b.spans.empty() && !(flags & kFootnoteRef) && b.spans.back().end == begin && b.spans.back().flags == flags &&
        b.spans.back().target == target) {
      b.spans.back().end = end;
      return;
    }
    b.spans.push_back(InlineSpan{begin, end, flags, target});
  }

  void enter_inline(cmark_node* node) {
    if (m_inline == kNone) return;
    const cmark_node_type type = cmark_node_get_type(node);
    switch (type) {
      case CMARK_NODE_TEXT: append(literal(node)); return;
      case CMARK_NODE_SOFTBREAK: if (node != m_figure_break) append(" "); return;
      case CMARK_NODE_LINEBREAK: if (node != m_figure_break) append("\n"); return;
      case CMARK_NODE_CODE: append(literal(node), kCode); return;
      case CMARK_NODE_HTML_INLINE: append(literal(node), kHtmlInline); return;
      case CMARK_NODE_FOOTNOTE_REFERENCE: {
        // cmark-gfm replaces the label by the footnote's number, in order of first reference, which
        // is also the order in which it places the definitions at the end of the document.
        const std::string_view number = literal(node);
        const uint32_t n = all_digits(number) && number.size() < 9 ? static_cast<uint32_t>(std::stoul(std::string(number))) : 0;
        append(number, kFootnoteRef, n);
        if (!m_in_alt && !block(m_inline).spans.empty())
          m_footnote_refs.push_back({m_inline, static_cast<uint32_t>(block(m_inline).spans.size() - 1)});
        return;
      }
      case CMARK_NODE_EMPH: push_style(node == m_figure_caption ? 0 : kEmphasis); return;
      case CMARK_NODE_STRONG: push_style(kStrong); return;
      case CMARK_NODE_LINK: {
        const char* url = cmark_node_get_url(node);
        const char* title = cmark_node_get_title(node);
        m_article.links.push_back(Link{url ? url : "", title ? title : ""});
        push_style(kLink, static_cast<uint32_t>(m_article.links.size() - 1));
        return;
      }
      case CMARK_NODE_IMAGE:
        if (node == m_figure_image) {
          m_in_alt = true;
          push_style(0);
        } else {
          push_style(kImageAlt);
        }
        return;
      default:
        if (!is_leaf(type)) push_style(type_is(node, "strikethrough") ? kStrikethrough : 0);
        return;
    }
  }

  void exit_inline(cmark_node* node) {
    if (m_inline == kNone || cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_REFERENCE) return;
    if (node == m_figure_image) m_in_alt = false;
    if (m_styles.size() > 1) m_styles.pop_back();
  }

  // Containers end where their last child ends (kComments has no source of its own past its heading).
  // The new blocks of a piece extend their containers, including one from an earlier piece (kComments).
  void end_containers(uint32_t first_new) {
    auto& blocks = m_article.blocks;
    for (size_t i = blocks.size(); i-- > first_new;) {
      const uint32_t p = blocks[i].parent;
      if (p != kNone && blocks[p].source.end < blocks[i].source.end) blocks[p].source.end = blocks[i].source.end;
    }
    for (size_t i = first_new; i < blocks.size(); ++i)
      for (uint32_t p = blocks[i].parent; p != kNone && p < first_new; p = blocks[p].parent)
        if (blocks[p].source.end < blocks[i].source.end) blocks[p].source.end = blocks[i].source.end;
  }

  Article& m_article;
  const ParseLimits& m_limits;
  const LineIndex* m_lines = nullptr;
  int m_line_offset = 0;
  uint32_t m_body_start = 0;
  std::optional<Error> m_error;

  std::vector<OpenNode> m_open;
  std::vector<uint32_t> m_last_child;
  std::vector<uint32_t> m_child_count;
  uint32_t m_last_top = kNone;
  uint32_t m_comments = kNone;
  cmark_node* m_skip = nullptr;
  bool m_warned_depth = false;
  std::unordered_set<uint32_t> m_paren_lists;

  uint32_t m_inline = kNone;
  std::vector<Style> m_styles;
  cmark_node* m_figure_image = nullptr;
  cmark_node* m_figure_caption = nullptr;
  cmark_node* m_figure_break = nullptr;
  bool m_in_alt = false;

  std::vector<uint32_t> m_footnotes;  // definition blocks in document order: footnote n is m_footnotes[n - 1]
  std::vector<std::pair<uint32_t, uint32_t>> m_footnote_refs;  // (block, span) to resolve
};

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// 1-based line of the first ill-formed UTF-8 sequence.
size_t first_invalid_line(std::string_view text) {
  size_t line = 1;
  for (size_t pos = 0; pos < text.size();) {
    const size_t at = pos;
    if (text[at] == '\n') ++line;
    if (utf8::decode(text, pos) == utf8::kReplacement && text.substr(at, 3) != "\xEF\xBF\xBD") return line;
  }
  return line;
}

bool looks_binary(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return true;
  const std::string_view sample = text.substr(0, 64 * 1024);
  size_t suspicious = 0;
  size_t total = 0;
  for (size_t pos = 0; pos < sample.size(); ++total) {
    const size_t at = pos;
    const auto byte = static_cast<unsigned char>(sample[pos]);
    const char32_t cp = byte < 0x80 ? sample[pos++] : utf8::decode(sample, pos);
    const bool bad_utf8 = cp == utf8::kReplacement && sample.substr(at, 3) != "\xEF\xBF\xBD";
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' && cp != '\v') || cp == 0x7F;
    if (bad_utf8 || control) ++suspicious;
  }
  // Text in a legacy 8-bit encoding has a few stray bytes; binary data has many.
  return suspicious * 10 > total * 3;
}

}  // namespace

struct ArticleParser::Impl {
  explicit Impl(const ParseLimits& l) : limits(l), builder(article, limits), checker(l.content) {}

  ParseLimits limits;
  Article article;
  TreeBuilder builder;
  ContentChecker checker;
  std::optional<ChunkSplitter> splitter;
  size_t body_offset = 0;
  size_t piece_bytes = kPieceBytes;
  size_t parsed = 0;  // bytes of the body parsed so far
  bool finished = false;
};

ArticleParser::ArticleParser(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ArticleParser::~ArticleParser() = default;

Result<std::unique_ptr<ArticleParser>> ArticleParser::start(std::string source, const ParseLimits& limits,
                                                             size_t piece_bytes) {
  if (source.size() > limits.max_source_bytes)
    return make_error(ErrorCode::kLimitExceeded, "article is " + std::to_string(source.size()) +
                                                     " bytes, over the limit of " + std::to_string(limits.max_source_bytes) +
                                                     "; split it into several articles");
  auto impl = std::make_unique<Impl>(limits);
  impl->piece_bytes = std::max<size_t>(piece_bytes, 1);
  Article& article = impl->article;
  if (utf8::is_valid(source)) {
    article.source = std::move(source);
  } else {
    article.source = utf8::sanitize(source);
    article.warnings.push_back("line " + std::to_string(first_invalid_line(source)) +
                               ": invalid UTF-8 replaced by U+FFFD; save the file as UTF-8");
  }
  auto front = parse_front_matter(article.source);
  if (!front) return std::move(front).take_error();
  article.front = std::move(front->front);
  impl->body_offset = front->body_offset;
  impl->builder.set_body_start(impl->body_offset);
  impl->splitter.emplace(std::string_view(article.source).substr(impl->body_offset));
  ensure_extensions_registered();
  return std::unique_ptr<ArticleParser>(new ArticleParser(std::move(impl)));
}

const Article& ArticleParser::article() const { return m_impl->article; }
Article& ArticleParser::article() { return m_impl->article; }
bool ArticleParser::finished() const { return m_impl->finished; }

Status ArticleParser::parse_more() {
  Impl& m = *m_impl;
  if (m.finished) return ok_status();
  const std::string_view body = std::string_view(m.article.source).substr(m.body_offset);
  const int first_line = static_cast<int>(m.splitter->next_line());
  // A body not much longer than a piece is parsed whole: a short last piece would save nothing.
  const size_t least = std::min(m.piece_bytes, std::max(m.parsed, kFirstPieceBytes));
  const size_t end = body.size() - m.parsed < 2 * least ? body.size() : m.splitter->next_end(m.parsed, least);
  const std::string_view piece = body.substr(m.parsed, end - m.parsed);

  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) return make_error(ErrorCode::kInternal, std::string("cmark-gfm extension '") + name + "' is not available");
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), piece.data(), piece.size());
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
  if (!root) return make_error(ErrorCode::kInternal, "cmark-gfm failed to parse the article");

  const auto first_new = static_cast<uint32_t>(m.article.blocks.size());
  const LineIndex lines(piece, m.body_offset + m.parsed);
  INKSET_TRY(m.builder.build(root.get(), lines, first_line));
  INKSET_TRY(m.checker.check(m.article, first_new));
  m.parsed = end;
  if (m.parsed == body.size()) {
    m.finished = true;
    m.builder.finish();
    m.checker.report(m.article);
  }
  return ok_status();
}

Status ArticleParser::parse_all() {
  while (!m_impl->finished) INKSET_TRY(parse_more());
  return ok_status();
}

Result<Article> parse_article(std::string_view source, const ParseLimits& limits) {
  auto parser = ArticleParser::start(std::string(source), limits);
  if (!parser) return std::move(parser).take_error();
  INKSET_TRY((*parser)->parse_all());
  return std::move((*parser)->article());
}

Result<std::string> read_article_file(const std::string& path, const ParseLimits& limits) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return make_error(ErrorCode::kUnreadableFile, path + ": cannot read: " + std::strerror(errno));
  std::string data;
  // Read in place at the size the file has now (it may still change): no copy of a long article.
  constexpr size_t kBlock = 64 * 1024;
  struct stat st {};
  if (::fstat(fileno(file.get()), &st) == 0 && st.st_size > 0)
    data.reserve(std::min<size_t>(static_cast<size_t>(st.st_size), limits.max_source_bytes) + kBlock);
  while (data.size() <= limits.max_source_bytes) {
    const size_t at = data.size();
    data.resize(at + std::max(kBlock, data.capacity() - at));
    const size_t n = std::fread(data.data() + at, 1, data.size() - at, file.get());
    data.resize(at + n);
    if (n == 0) break;
  }
  if (std::ferror(file.get())) return make_error(ErrorCode::kUnreadableFile, path + ": cannot read: " + std::strerror(errno));
  if (data.size() > limits.max_source_bytes)
    return make_error(ErrorCode::kLimitExceeded, path + ": larger than the limit of " +
                                                     std::to_string(limits.max_source_bytes) + " bytes; split it into several articles");
  if (looks_binary(data)) return make_error(ErrorCode::kBadArticle, path + ": not a text file");
  return data;
}

Result<Article> load_article(const std::string& path, const ParseLimits& limits) {
  auto data = read_article_file(path, limits);
  if (!data) return std::move(data).take_error();
  auto article = parse_article(*data, limits);
  if (!article) {
    Error e = std::move(article).take_error();
    e.message = path + ": " + e.message;
    return e;
  }
  return article;
}

}  // namespace inkset::doc
