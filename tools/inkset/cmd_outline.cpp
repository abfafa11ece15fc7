// inkset outline ARTICLE.md: the block tree, one block per line, indented by depth.
#include <cstdio>

#include "article_loader.h"
#include "cli.h"
#include "doc/article_text.h"

namespace inkset::cli {
namespace {

int run_outline(const Args& args) {
  const LoadedArticle loaded = load_article_or_report(args.positional[0]);
  if (!loaded.article) return loaded.exit_code;
  const std::string text = doc::outline(*loaded.article);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

const Registration kRegistration({"outline", "print the article's block tree", "ARTICLE.md", {}, &run_outline, 1, 1});

}  // namespace
}  // namespace inkset::cli
