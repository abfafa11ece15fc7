#pragma once
// Resolves a Theme and LayoutOptions into device pixels: the page's boxes and the computed style of
// every element. This is the layout stage's whole view of styling.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "style/computed_style.h"
#include "style/layout_options.h"
#include "style/theme.h"
#include "support/fixed.h"
#include "support/result.h"

namespace inkset::style {

// Page boxes are whole pixels, so text columns and running heads start on pixel boundaries.
struct Box {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  bool operator==(const Box&) const = default;
};

struct Column {
  int x = 0;  // page coordinates
  int width = 0;
};

// Least width a column may have when the user asks for a column count explicitly.
inline constexpr int kMinColumnWidth = 50;
// Least width and height of the content box after margins.
inline constexpr int kMinContentSide = 100;

struct PageGeometry {
  int page_width = 0;
  int page_height = 0;
  int dpi = 0;
  Box content;  // inside the margins; the columns fill it side by side
  std::vector<Column> columns;  // left to right, at least one, together with the gaps exactly content.width
  int column_gap = 0;
  std::optional<Box> header;  // running head, centred in the top margin; absent when off
  std::optional<Box> footer;  // page numbers, centred in the bottom margin; absent when off
  Fixed quote_indent = 0;
  Fixed list_indent = 0;
  Fixed comment_indent = 0;  // per reply level
  Fixed rule_thickness = 0;
  ParagraphSeparation paragraph_separation = ParagraphSeparation::kIndent;
};

struct ResolvedLayout {
  PageGeometry geometry;
  std::array<ComputedStyle, kElementKindCount> styles;
  std::string language;  // the override from LayoutOptions; empty: the article's
  // The user's body size over the theme's: every typographic length was multiplied by it.
  double scale = 1;

  const ComputedStyle& style(ElementKind kind) const { return styles[static_cast<size_t>(kind)]; }
};

// Unit conversions: pt -> px is pt * dpi / 72; em is the (scaled) body size; % is of the page width.
// Typographic lengths (every element length, indents, column gap, column minimum) scale with the body
// font size; page margins and rule-thickness are device geometry and scale only when given in em.
// When the theme's paragraph-separation is space, first-line indents are zero.
// Errors (kBadArguments): an option out of range, a content box under kMinContentSide px after
// margins, columns under kMinColumnWidth px when options.columns is explicit.
Result<ResolvedLayout> resolve_layout(const Theme& theme, const LayoutOptions& options);

// As above with the theme named by options.theme (see load_theme).
Result<ResolvedLayout> resolve_layout(const LayoutOptions& options);

}  // namespace inkset::style
