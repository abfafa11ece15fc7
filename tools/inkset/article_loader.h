#pragma once
// Loading an article for a command: errors reported with their exit code, warnings printed on stderr.
#include <optional>
#include <string>

#include "doc/article.h"

namespace inkset::cli {

struct LoadedArticle {
  std::optional<doc::Article> article;  // empty when loading failed
  int exit_code = 0;                    // cli::report's code when it failed
};

// Loads `path`; prints each warning as "inkset: warning: <path>: <message>" and an error as cli::report does.
LoadedArticle load_article_or_report(const std::string& path);

}  // namespace inkset::cli
