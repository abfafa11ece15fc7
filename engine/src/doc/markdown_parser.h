#pragma once
// Markdown (CommonMark + GitHub tables, strikethrough, autolinks, footnotes) into a doc::Article.
//
// Raw HTML is never interpreted: HTML blocks become kHtml and inline HTML a kHtmlInline span, both
// holding the literal text. The reader-comments convention (a "## Comments (N)" heading followed by
// block quotes that open with a `**Author** · Affiliation · date · N votes` line) is recognised here
// and turned into kComments / kComment blocks; see docs in article.h.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "doc/article.h"
#include "doc/content_checks.h"
#include "support/result.h"

namespace inkset::doc {

// Bounds on the work a hostile article can cause.
struct ParseLimits {
  static constexpr size_t kDefaultMaxSourceBytes = 16u << 20;
  static constexpr uint16_t kDefaultMaxDepth = 64;
  static constexpr size_t kDefaultMaxBlocks = 1'000'000;

  size_t max_source_bytes = kDefaultMaxSourceBytes;  // larger input: kLimitExceeded
  // Containers deeper than this are not kept: their blocks are attached to the deepest kept
  // container, so no block has depth > max_depth (a warning says so).
  uint16_t max_depth = kDefaultMaxDepth;
  size_t max_blocks = kDefaultMaxBlocks;  // more blocks: kLimitExceeded
  ContentLimits content;                  // paragraph and table size (content_checks.h)
};

// Parses an article piece by piece (see chunk_splitter.h), so that opening a long article costs only
// what its first pages need. The blocks grow with each piece, in the order and with the content that
// parsing the whole at once gives; a limit exceeded in a later piece is found when that piece is
// parsed. The article's warnings about repaired content are added when the last piece is parsed.
class ArticleParser {
 public:
  static constexpr size_t kPieceBytes = 32 * 1024;
  // The first pieces are smaller, each as large as all before it, from this size up to kPieceBytes:
  // the first is parsed when the article opens, and a first page needs a few kilobytes of text.
  static constexpr size_t kFirstPieceBytes = 4 * 1024;

  // Reads the front matter and checks the encoding; parses no block yet. Errors as parse_article.
  // piece_bytes: the least size of a piece (tests cut at every place allowed with 1).
  static Result<std::unique_ptr<ArticleParser>> start(std::string source, const ParseLimits& limits = {},
                                                      size_t piece_bytes = kPieceBytes);
  ~ArticleParser();

  const Article& article() const;
  Article& article();
  bool finished() const;
  // Parses the next piece (about kPieceBytes, less for the first ones (see kFirstPieceBytes), or the
  // rest where the body cannot be cut). Errors as
  // parse_article, for that piece; the blocks of earlier pieces stay valid.
  Status parse_more();
  Status parse_all();

 private:
  struct Impl;
  explicit ArticleParser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Parses an article held in memory. Invalid UTF-8 is replaced by U+FFFD with a warning. Errors:
// kBadArticle (malformed front matter, "line N: ..."), kLimitExceeded. Linear in the input apart
// from cmark's own bounded worst cases; uses no recursion driven by the input's nesting.
Result<Article> parse_article(std::string_view source, const ParseLimits& limits = {});

// Reads a file for parsing: kUnreadableFile ("<path>: cannot read: <reason>"), kLimitExceeded (over
// max_source_bytes), kBadArticle ("<path>: not a text file").
Result<std::string> read_article_file(const std::string& path, const ParseLimits& limits = {});

// Reads and parses a file. Errors as parse_article, with messages prefixed by "<path>: ", plus
// kUnreadableFile ("<path>: cannot read: <reason>") and kBadArticle ("<path>: not a text file").
Result<Article> load_article(const std::string& path, const ParseLimits& limits = {});

}  // namespace inkset::doc
