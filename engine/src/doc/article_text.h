#pragma once
// Plain-text views of an Article: what a reader would read, in order, and the block tree for humans.
#include <string>

#include "doc/article.h"

namespace inkset::doc {

// "Author · Affiliation · date · N votes", empty fields left out: the line shown above a comment.
std::string comment_meta_line(const CommentMeta& meta);

// The article in reading order, one line per block: the front matter (title; "By " + authors; date),
// then body_text(). Linear in the article's size.
std::string article_text(const Article& article);

// The body in reading order, one line per block with text, in pre-order: headings, paragraphs, code
// (lines joined by spaces), raw HTML (likewise), a table row's cells joined by " | ", figure captions,
// the comments heading, each comment's meta line before its body; the first line inside a footnote is
// prefixed "[label] ". Hard line breaks become spaces. This is the text layout must not lose.
std::string body_text(const Article& article);

// The block tree, one line per block indented two spaces per depth: kind, key attributes and the first
// 60 characters of its text. Iterative, whatever the nesting.
std::string outline(const Article& article);

}  // namespace inkset::doc
