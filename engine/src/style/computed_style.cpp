#include "style/computed_style.h"

#include <array>

namespace inkset::style {
namespace {

constexpr std::array<std::string_view, kElementKindCount> kNames = {
    "body",    "h1",    "h2",    "h3",         "h4",          "h5",           "h6",       "title",
    "byline",  "date",  "quote", "list",       "code",        "table",        "table-header",
    "caption", "comment-author", "comment-meta", "comment-body", "footnote", "header", "footer",
};

}  // namespace

std::string_view element_name(ElementKind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<ElementKind> element_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ElementKind>(i);
  }
  return std::nullopt;
}

}  // namespace inkset::style
