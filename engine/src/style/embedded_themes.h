#pragma once
// The built-in themes, embedded at build time from content/themes/*.theme (see
// cmake/embed_themes.cmake), so the engine works when content/ is not installed.
#include <cstddef>
#include <string_view>

namespace inkset::style::detail {

struct EmbeddedTheme {
  std::string_view name;  // file name without ".theme"
  std::string_view text;
};

// Sorted by name; valid for the life of the program.
extern const EmbeddedTheme kEmbeddedThemes[];
extern const size_t kEmbeddedThemeCount;

}  // namespace inkset::style::detail
