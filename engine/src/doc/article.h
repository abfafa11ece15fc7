#pragma once
// The article tree: our own types, filled by the Markdown parser; nothing of cmark leaks past it.
//
// Blocks live in one flat vector in reading order (pre-order). The tree is expressed by indices
// (parent, first_child, next_sibling), so every walk over it is a loop, never a recursion that the
// input's nesting depth could drive into a stack overflow.
#include <cstdint>
#include <string>
#include <vector>

namespace inkset::doc {

inline constexpr uint32_t kNone = UINT32_MAX;

// Byte range in the article's source text (the whole file, front matter included).
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct FrontMatter {
  std::string title;
  std::vector<std::string> authors;
  std::string date;       // as written, ISO 8601 expected
  std::string publisher;
  std::string language;   // BCP 47; "en" when absent
  std::string source;     // provenance note
  std::string summary;
  SourceRange range;      // the whole front-matter block, delimiters included
  // Every key as written, in order, including the ones above (for tools and unknown keys).
  std::vector<std::pair<std::string, std::string>> fields;
};

enum class BlockKind : uint8_t {
  kHeading,        // level 1..6, inline text
  kParagraph,      // inline text
  kQuote,          // container
  kList,           // container of kListItem; ordered, start, tight
  kListItem,       // container
  kCodeBlock,      // text is the code, verbatim; info is the fence's info string
  kTable,          // container of kTableRow
  kTableRow,       // container of kTableCell; header for the first row of a GFM table
  kTableCell,      // inline text; align
  kThematicBreak,  // no content
  kFigure,         // an image standing alone in a paragraph; text is the caption (inline)
  kFootnote,       // container; label; the definition of [^label]
  kComments,       // container of kComment: the reader-comments thread; text is its heading
  kComment,        // container: body blocks, then replies (kComment); author etc. in CommentMeta
  kHtml,           // raw HTML block, kept as literal text and never interpreted
};

const char* block_kind_name(BlockKind kind);

enum InlineFlag : uint16_t {
  kEmphasis = 1 << 0,
  kStrong = 1 << 1,
  kCode = 1 << 2,
  kLink = 1 << 3,
  kStrikethrough = 1 << 4,
  kFootnoteRef = 1 << 5,  // the text of the span is the footnote's number
  kImageAlt = 1 << 6,     // alt text of an image that is not a figure (inline image)
  kHtmlInline = 1 << 7,   // raw inline HTML, shown as text
};

// A styled range of a block's text. Spans do not overlap; text outside every span is plain.
struct InlineSpan {
  uint32_t begin = 0;  // byte offsets into Block::text
  uint32_t end = 0;
  uint16_t flags = 0;
  uint32_t target = kNone;  // kLink: index into Article::links; kFootnoteRef: block index of the kFootnote
};

enum class CellAlign : uint8_t { kNone, kLeft, kCenter, kRight };

struct CommentMeta {
  std::string author;
  std::string affiliation;
  std::string date;
  int32_t votes = 0;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  uint8_t level = 0;          // heading level
  uint16_t depth = 0;         // nesting depth (0 for top-level blocks)
  uint32_t parent = kNone;
  uint32_t first_child = kNone;
  uint32_t next_sibling = kNone;
  SourceRange source;

  // Inline content in logical order, UTF-8. A hard line break is '\n'; a soft break is a space.
  std::string text;
  std::vector<InlineSpan> spans;

  // kList
  bool ordered = false;
  bool tight = true;
  int32_t start = 1;
  // kListItem: its marker as it will be shown ("1.", "•")
  std::string marker;
  // kCodeBlock: fence info; kFootnote: label
  std::string info;
  // kFigure
  std::string src;
  std::string alt;
  std::string title;
  // kTableCell / kTableRow
  CellAlign align = CellAlign::kNone;
  bool header = false;
  // kComment
  CommentMeta comment;
};

struct Link {
  std::string url;
  std::string title;
};

struct Article {
  std::string source;  // the whole input, as UTF-8 (invalid sequences already replaced by U+FFFD)
  FrontMatter front;
  std::vector<Block> blocks;  // pre-order; blocks[0] is the first top-level block
  std::vector<Link> links;
  std::vector<std::string> warnings;  // content problems that were repaired, one line each

  // Indices of the top-level blocks, in order.
  std::vector<uint32_t> top_level() const;
  // True for kinds whose content is inline text (laid out as lines).
  static bool has_inline_text(BlockKind kind);
};

}  // namespace inkset::doc
