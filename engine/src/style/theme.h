#pragma once
// A theme as declared in a .theme file (see content/themes/README.md): lengths keep their units
// and element properties stay unset until page_geometry.h resolves them against a page, a dpi and
// a font size. Parsing is line-oriented and bounded, so any bytes give a Theme or an Error.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "style/computed_style.h"
#include "support/result.h"

namespace inkset::style {

// Hard caps on a theme file: a theme is a few dozen lines, so anything bigger is a mistake.
inline constexpr size_t kMaxThemeBytes = 64 * 1024;
inline constexpr size_t kMaxThemeLines = 500;

enum class LengthUnit : uint8_t {
  kPx,
  kPt,
  kEm,       // times the body font size (after scaling)
  kPercent,  // of the page width; page margins and column-gap only
};

struct Length {
  double value = 0;
  LengthUnit unit = LengthUnit::kPx;
  bool operator==(const Length&) const = default;
};

// "40px", "11pt", "1.5em", "5%" or a bare "0" (spaces allowed before the unit); nullopt for anything
// else, including negative numbers, exponents, "inf" and "nan".
std::optional<Length> parse_length(std::string_view text);

// Properties of one element section; unset ones inherit from [body].
struct DeclaredStyle {
  std::optional<std::string> family;
  std::optional<int> weight;
  std::optional<bool> italic;
  std::optional<Length> size;  // px, pt, or em of the body size (not in [body])
  std::optional<double> line_height;  // a multiple of the element's size
  std::optional<Length> space_before;
  std::optional<Length> space_after;
  std::optional<Length> indent;
  std::optional<Align> align;
  std::optional<bool> hyphenate;
  std::optional<std::vector<Feature>> features;
  std::optional<int> color;
};

enum class ParagraphSeparation : uint8_t {
  kIndent,  // paragraphs are marked by the first-line indent
  kSpace,   // paragraphs are marked by space-before/after; first-line indents are dropped
};

// The [page] section. Defaults apply when a property is absent.
struct PageStyle {
  Length margin_top{40, LengthUnit::kPx};
  Length margin_right{40, LengthUnit::kPx};
  Length margin_bottom{40, LengthUnit::kPx};
  Length margin_left{40, LengthUnit::kPx};
  int columns = 1;  // an upper bound: fewer columns are used while a column would be narrower than column_min_width
  Length column_gap{2, LengthUnit::kEm};
  Length column_min_width{20, LengthUnit::kEm};
  bool header = false;  // running head with the article title
  bool footer = false;  // "n / N" page numbers
  Length quote_indent{1.5, LengthUnit::kEm};
  Length list_indent{1.5, LengthUnit::kEm};
  Length comment_indent{1, LengthUnit::kEm};  // per reply level
  Length rule_thickness{1, LengthUnit::kPx};
  ParagraphSeparation paragraph_separation = ParagraphSeparation::kIndent;
};

struct Theme {
  std::string name;
  PageStyle page;
  std::array<DeclaredStyle, kElementKindCount> elements;

  const DeclaredStyle& element(ElementKind kind) const { return elements[static_cast<size_t>(kind)]; }
};

// Parses theme text. source_name prefixes every error ("source:line: ..."); it also names the theme.
// Errors: kLimitExceeded past kMaxThemeBytes or kMaxThemeLines, kBadArguments for anything else.
Result<Theme> parse_theme(std::string_view text, std::string_view source_name);

// Reads and parses a .theme file. Errors: kUnreadableFile, then as parse_theme.
Result<Theme> load_theme_file(const std::string& path);

// A theme compiled into the engine from content/themes/<name>.theme. Error kBadArguments naming the
// built-in themes when there is no such theme.
Result<Theme> builtin_theme(std::string_view name);
std::vector<std::string> builtin_theme_names();

// "ereader" / "kiosk" pick a built-in theme; anything ending in ".theme" or containing '/' is a path.
Result<Theme> load_theme(std::string_view spec);

}  // namespace inkset::style
