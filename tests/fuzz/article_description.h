#pragma once
// Every field of a parsed article as text, one block a line: two parses of the same source (whole,
// or piece by piece with doc::ArticleParser) must give the same description.
#include <string>

#include "doc/article.h"

namespace inkset::fuzz {

std::string describe_article(const doc::Article& article);

}  // namespace inkset::fuzz
