#include "article_loader.h"

#include <cstdio>

#include "cli.h"
#include "doc/markdown_parser.h"

namespace inkset::cli {

LoadedArticle load_article_or_report(const std::string& path) {
  auto article = doc::load_article(path);
  if (!article) return {std::nullopt, report(article.error())};
  for (const auto& w : article->warnings) std::fprintf(stderr, "inkset: warning: %s: %s\n", path.c_str(), w.c_str());
  return {std::move(*article), kExitOk};
}

}  // namespace inkset::cli
