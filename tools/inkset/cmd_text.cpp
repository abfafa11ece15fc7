// inkset text ARTICLE.md: the article's text in reading order, one block per line.
#include <cstdio>

#include "article_loader.h"
#include "cli.h"
#include "doc/article_text.h"

namespace inkset::cli {
namespace {

int run_text(const Args& args) {
  const LoadedArticle loaded = load_article_or_report(args.positional[0]);
  if (!loaded.article) return loaded.exit_code;
  const std::string text = doc::article_text(*loaded.article);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

const Registration kRegistration({"text", "print the article's text in reading order", "ARTICLE.md", {}, &run_text, 1, 1});

}  // namespace
}  // namespace inkset::cli
