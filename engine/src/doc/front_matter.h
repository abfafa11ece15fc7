#pragma once
// The optional front-matter block at the very start of an article:
//
//   ---
//   title: "A title with a \"quote\""
//   authors: First Author, Second Author
//   # a comment line
//   ---
//
// One `key: value` per line; blank lines and `#` lines are ignored. A value wrapped in double quotes
// may contain `\"` and `\\`. Known keys fill FrontMatter's named members; every key, known or not, is
// also kept in FrontMatter::fields in order.
#include <cstddef>
#include <string_view>

#include "doc/article.h"
#include "support/result.h"

namespace inkset::doc {

inline constexpr size_t kMaxFrontMatterValueBytes = 4096;
inline constexpr size_t kMaxFrontMatterKeys = 64;

struct ParsedFrontMatter {
  FrontMatter front;       // language is "en" when absent; range is empty when there is no block
  size_t body_offset = 0;  // byte offset in the source where the Markdown body starts
};

// Parses the block if the source starts with a line `---`; otherwise returns an empty FrontMatter
// with body_offset 0. Errors are ErrorCode::kBadArticle with "line N: <problem>; <what to do>".
// Linear in the size of the block.
Result<ParsedFrontMatter> parse_front_matter(std::string_view source);

}  // namespace inkset::doc
