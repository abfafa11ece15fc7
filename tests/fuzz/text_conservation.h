#pragma once
// The "nothing lost" property the Markdown fuzzer asserts: every article block with inline text is
// laid out with exactly its own text, once, in order. A bug that drops or duplicates text shows up as
// a mismatch the fuzzer reports as a crash.
#include <string>

#include "doc/article.h"
#include "layout/document_layout.h"

namespace inkset::fuzz {

// Whitespace removed and soft hyphens (U+00AD) dropped: line breaking consumes spaces and may show a
// soft hyphen as a hyphen glyph or not at all, so only the remaining characters must match.
std::string normalized_text(std::string_view text);

// Lays out every page and compares, per block with inline text, the concatenation of its body lines
// (in text order) with the block's text. Returns an empty string when they match, else a description
// of the first mismatch.
std::string check_text_conservation(layout::DocumentLayout& layout, const doc::Article& article);

}  // namespace inkset::fuzz
