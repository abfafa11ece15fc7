#pragma once
// Markdown (CommonMark + GitHub tables, strikethrough, autolinks, footnotes) into a doc::Article.
//
// Raw HTML is never interpreted: HTML blocks become kHtml and inline HTML a kHtmlInline span, both
// holding the literal text. The reader-comments convention (a "## Comments (N)" heading followed by
// block quotes that open with a `**Author** · Affiliation · date · N votes` line) is recognised here
// and turned into kComments / kComment blocks; see docs in article.h.
#include <cstddef>
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

// Parses an article held in memory. Invalid UTF-8 is replaced by U+FFFD with a warning. Errors:
// kBadArticle (malformed front matter, "line N: ..."), kLimitExceeded. Linear in the input apart
// from cmark's own bounded worst cases; uses no recursion driven by the input's nesting.
Result<Article> parse_article(std::string_view source, const ParseLimits& limits = {});

// Reads and parses a file. Errors as parse_article, with messages prefixed by "<path>: ", plus
// kUnreadableFile ("<path>: cannot read: <reason>") and kBadArticle ("<path>: not a text file").
Result<Article> load_article(const std::string& path, const ParseLimits& limits = {});

}  // namespace inkset::doc
