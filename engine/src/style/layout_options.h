#pragma once
// What a user may choose about a layout (page size, dpi, font size, theme, columns, margins, language)
// and the parsing of those choices from command-line strings, shared by every CLI command.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "style/theme.h"
#include "support/result.h"

namespace inkset::style {

inline constexpr int kMinPageSide = 100;
inline constexpr int kMaxPageSide = 10000;
inline constexpr int kMinDpi = 50;
inline constexpr int kMaxDpi = 1200;
inline constexpr double kMinFontSizePt = 4;
inline constexpr double kMaxFontSizePt = 72;
inline constexpr int kMaxColumns = 4;

struct LayoutOptions {
  int page_width = 758;
  int page_height = 1024;
  int dpi = 212;
  // The body font size; the whole theme scales with it. Both 0: the theme's own size.
  // font_size_px is used only when font_size_pt is 0.
  double font_size_pt = 0;
  double font_size_px = 0;
  std::string theme = "ereader";  // a built-in theme name or a path to a .theme file
  int columns = 0;                // 0: as many as the theme allows on this page
  std::optional<Length> margins;  // all four margins; unset: the theme's
  std::string language;           // BCP 47 tag overriding the article's; empty: the article's
};

struct LayoutOptionInfo {
  const char* name;  // without the leading "--"
  const char* value;  // e.g. "WxH"
  const char* help;
};

// The options parse_layout_option understands, for commands to list in their usage.
std::span<const LayoutOptionInfo> layout_option_infos();

// Sets the option `name` (without "--", e.g. "page") from its command-line value. Errors (kBadArguments)
// name the option, the value and the allowed range; `options` is unchanged on error.
Status parse_layout_option(LayoutOptions& options, std::string_view name, std::string_view value);

// Checks the ranges of a whole LayoutOptions, e.g. one built in code rather than parsed. The checks
// that need the theme (content box after margins, column widths) are made by resolve_layout.
Status validate_layout_options(const LayoutOptions& options);

}  // namespace inkset::style
