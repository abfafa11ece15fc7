#include "style/theme.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "style/embedded_themes.h"
#include "support/utf8.h"

namespace inkset::style {
namespace {

constexpr size_t kMaxFamilyBytes = 100;
constexpr size_t kMaxFeatures = 32;
constexpr size_t kMaxNumberChars = 12;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Only plain decimals ("12", "1.35", ".5"): from_chars alone would also take "inf", "nan" and exponents.
std::optional<double> parse_number(std::string_view s) {
  if (s.empty() || s.size() > kMaxNumberChars) return std::nullopt;
  size_t digits = 0, dots = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.') ++dots;
    else return std::nullopt;
  }
  if (digits == 0 || dots > 1) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<int> parse_int(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

// Where a property is being parsed, for messages that point at the line and say what to do.
struct Context {
  std::string_view source;
  size_t line = 0;
  std::string_view section;
  std::string_view key;

  Error fail(const std::string& what) const {
    std::ostringstream out;
    out << source << ':' << line << ": [" << section << "] " << key << ": " << what;
    return make_error(ErrorCode::kBadArguments, out.str());
  }
};

// Bit (1 << LengthUnit) set when the unit is accepted.
enum UnitMask : unsigned { kAllowPx = 1, kAllowPt = 2, kAllowEm = 4, kAllowPercent = 8 };

struct Range {
  double max_px, max_pt, max_em, max_percent;
};
constexpr Range kLengthRange{10000, 5000, 100, 50};

const char* unit_suffix(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::kPx: return "px";
    case LengthUnit::kPt: return "pt";
    case LengthUnit::kEm: return "em";
    case LengthUnit::kPercent: return "%";
  }
  return "";
}

Result<Length> parse_length(const Context& ctx, std::string_view value, unsigned allowed, Range range = kLengthRange) {
  std::string units;
  for (LengthUnit unit : {LengthUnit::kPx, LengthUnit::kPt, LengthUnit::kEm, LengthUnit::kPercent}) {
    if (!(allowed & (1u << static_cast<unsigned>(unit)))) continue;
    if (!units.empty()) units += ", ";
    units += unit_suffix(unit);
  }
  const auto length = style::parse_length(value);
  if (!length) return ctx.fail("'" + std::string(value) + "' is not a length; write a number and a unit: " + units);
  if (!(allowed & (1u << static_cast<unsigned>(length->unit)))) {
    return ctx.fail("unit '" + std::string(unit_suffix(length->unit)) + "' is not allowed here; use " + units);
  }
  const double max = length->unit == LengthUnit::kPx   ? range.max_px
                   : length->unit == LengthUnit::kPt   ? range.max_pt
                   : length->unit == LengthUnit::kEm   ? range.max_em
                                                 : range.max_percent;
  if (length->value > max) {
    std::ostringstream out;
    out << "'" << value << "' is too large; the most is " << max << unit_suffix(length->unit);
    return ctx.fail(out.str());
  }
  return *length;
}

Result<bool> parse_switch(const Context& ctx, std::string_view value) {
  if (value == "on") return true;
  if (value == "off") return false;
  return ctx.fail("'" + std::string(value) + "' is not a switch; use on or off");
}

Result<int> parse_bounded_int(const Context& ctx, std::string_view value, int min, int max) {
  auto n = parse_int(value);
  if (!n || *n < min || *n > max) {
    return ctx.fail("'" + std::string(value) + "' must be a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max));
  }
  return *n;
}

Result<std::vector<Feature>> parse_features(const Context& ctx, std::string_view value) {
  std::vector<Feature> features;
  if (value == "none") return features;
  while (true) {
    const size_t comma = value.find(',');
    const std::string_view item = trim(value.substr(0, comma));
    const size_t eq = item.find('=');
    const std::string_view tag = trim(item.substr(0, eq));
    if (tag.empty() || tag.size() > 4) {
      return ctx.fail("'" + std::string(item) + "' is not a feature; write a tag of 1 to 4 letters, e.g. onum or liga=0");
    }
    // OpenType pads short tags with spaces (OpenType spec, "Tag" data type).
    char t[4] = {' ', ' ', ' ', ' '};
    for (size_t i = 0; i < tag.size(); ++i) {
      const char c = tag[i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return ctx.fail("feature tag '" + std::string(tag) + "' may only hold letters and digits");
      }
      t[i] = c;
    }
    Feature feature{make_tag(t[0], t[1], t[2], t[3]), 1};
    if (eq != std::string_view::npos) {
      auto n = parse_int(trim(item.substr(eq + 1)));
      if (!n || *n > 65535) return ctx.fail("feature '" + std::string(item) + "' needs a value from 0 to 65535");
      feature.value = static_cast<uint32_t>(*n);
    }
    if (features.size() == kMaxFeatures) return ctx.fail("too many features; the most is " + std::to_string(kMaxFeatures));
    features.push_back(feature);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return features;
}

template <typename T>
Status assign(std::optional<T>& field, Result<T> parsed) {
  if (!parsed) return std::move(parsed).take_error();
  field = std::move(parsed.value());
  return ok_status();
}

template <typename T>
Status assign(T& field, Result<T> parsed) {
  if (!parsed) return std::move(parsed).take_error();
  field = std::move(parsed.value());
  return ok_status();
}

Result<std::string> parse_family(const Context& ctx, std::string_view value) {
  if (value.size() > kMaxFamilyBytes) return ctx.fail("family name is longer than " + std::to_string(kMaxFamilyBytes) + " bytes");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return ctx.fail("family name holds a control character");
  }
  return std::string(value);
}

Status set_element_property(const Context& ctx, ElementKind kind, DeclaredStyle& style, std::string_view key,
                            std::string_view value) {
  const unsigned kTypographic = kAllowPx | kAllowPt | kAllowEm;
  if (key == "family") return assign(style.family, parse_family(ctx, value));
  if (key == "size") {
    // em is relative to the body size, so the body's own size must be absolute.
    const unsigned units = kind == ElementKind::kBody ? kAllowPx | kAllowPt : kTypographic;
    auto size = parse_length(ctx, value, units, Range{1000, 500, 20, 0});
    if (size && size->value <= 0) return ctx.fail("a font size must be greater than 0");
    return assign(style.size, std::move(size));
  }
  if (key == "weight") return assign(style.weight, parse_bounded_int(ctx, value, 100, 900));
  if (key == "style") {
    if (value == "normal") style.italic = false;
    else if (value == "italic") style.italic = true;
    else return ctx.fail("'" + std::string(value) + "' is not a style; use normal or italic");
    return ok_status();
  }
  if (key == "line-height") {
    auto n = parse_number(value);
    if (!n || *n < 0.5 || *n > 5) {
      return ctx.fail("'" + std::string(value) + "' must be a multiple of the font size from 0.5 to 5, e.g. 1.35");
    }
    style.line_height = *n;
    return ok_status();
  }
  if (key == "space-before") return assign(style.space_before, parse_length(ctx, value, kTypographic));
  if (key == "space-after") return assign(style.space_after, parse_length(ctx, value, kTypographic));
  if (key == "indent") return assign(style.indent, parse_length(ctx, value, kTypographic));
  if (key == "align") {
    if (value == "justify") style.align = Align::kJustify;
    else if (value == "left") style.align = Align::kLeft;
    else if (value == "right") style.align = Align::kRight;
    else if (value == "center") style.align = Align::kCenter;
    else return ctx.fail("'" + std::string(value) + "' is not an alignment; use justify, left, right or center");
    return ok_status();
  }
  if (key == "hyphenate") return assign(style.hyphenate, parse_switch(ctx, value));
  if (key == "features") return assign(style.features, parse_features(ctx, value));
  if (key == "color") return assign(style.color, parse_bounded_int(ctx, value, 0, 255));
  return ctx.fail("unknown property; an element section takes family, size, weight, style, line-height, "
                  "space-before, space-after, indent, align, hyphenate, features, color");
}

Status set_page_property(const Context& ctx, PageStyle& page, std::string_view key, std::string_view value) {
  const unsigned kAll = kAllowPx | kAllowPt | kAllowEm | kAllowPercent;
  const unsigned kTypographic = kAllowPx | kAllowPt | kAllowEm;
  if (key == "margin") {
    auto margin = parse_length(ctx, value, kAll);
    if (!margin) return std::move(margin).take_error();
    page.margin_top = page.margin_right = page.margin_bottom = page.margin_left = *margin;
    return ok_status();
  }
  if (key == "margin-top") return assign(page.margin_top, parse_length(ctx, value, kAll));
  if (key == "margin-right") return assign(page.margin_right, parse_length(ctx, value, kAll));
  if (key == "margin-bottom") return assign(page.margin_bottom, parse_length(ctx, value, kAll));
  if (key == "margin-left") return assign(page.margin_left, parse_length(ctx, value, kAll));
  if (key == "columns") return assign(page.columns, parse_bounded_int(ctx, value, 1, 4));
  if (key == "column-gap") return assign(page.column_gap, parse_length(ctx, value, kAll));
  if (key == "column-min-width") return assign(page.column_min_width, parse_length(ctx, value, kTypographic));
  if (key == "header") return assign(page.header, parse_switch(ctx, value));
  if (key == "footer") return assign(page.footer, parse_switch(ctx, value));
  if (key == "quote-indent") return assign(page.quote_indent, parse_length(ctx, value, kTypographic));
  if (key == "list-indent") return assign(page.list_indent, parse_length(ctx, value, kTypographic));
  if (key == "comment-indent") return assign(page.comment_indent, parse_length(ctx, value, kTypographic));
  if (key == "rule-thickness") return assign(page.rule_thickness, parse_length(ctx, value, kTypographic, Range{100, 50, 5, 0}));
  if (key == "paragraph-separation") {
    if (value == "indent") page.paragraph_separation = ParagraphSeparation::kIndent;
    else if (value == "space") page.paragraph_separation = ParagraphSeparation::kSpace;
    else return ctx.fail("'" + std::string(value) + "' is not a separation; use indent or space");
    return ok_status();
  }
  return ctx.fail("unknown property; [page] takes margin, margin-top, margin-right, margin-bottom, margin-left, "
                  "columns, column-gap, column-min-width, header, footer, quote-indent, list-indent, "
                  "comment-indent, rule-thickness, paragraph-separation");
}

std::string line_error(std::string_view source, size_t line, const std::string& what) {
  std::ostringstream out;
  out << source << ':' << line << ": " << what;
  return out.str();
}

std::string stem(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (path.ends_with(".theme")) path.remove_suffix(6);
  return std::string(path);
}

}  // namespace

std::optional<Length> parse_length(std::string_view text) {
  text = trim(text);
  static constexpr std::pair<std::string_view, LengthUnit> kSuffixes[] = {
      {"px", LengthUnit::kPx}, {"pt", LengthUnit::kPt}, {"em", LengthUnit::kEm}, {"%", LengthUnit::kPercent}};
  for (const auto& [suffix, unit] : kSuffixes) {
    if (!text.ends_with(suffix)) continue;
    const auto number = parse_number(trim(text.substr(0, text.size() - suffix.size())));
    if (!number) return std::nullopt;
    return Length{*number, unit};
  }
  if (const auto number = parse_number(text); number && *number == 0) return Length{0, LengthUnit::kPx};
  return std::nullopt;
}

Result<Theme> parse_theme(std::string_view text, std::string_view source_name) {
  if (text.size() > kMaxThemeBytes) {
    return make_error(ErrorCode::kLimitExceeded, std::string(source_name) + ": theme is " + std::to_string(text.size()) +
                                                     " bytes; the limit is " + std::to_string(kMaxThemeBytes));
  }
  Theme theme;
  theme.name = stem(source_name);
  // kElementKindCount element sections plus [page].
  std::array<bool, kElementKindCount + 1> seen_sections{};
  std::vector<std::string_view> seen_keys;
  std::optional<ElementKind> element;
  bool in_page = false;
  std::string_view section_name;

  size_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    if (++line_number > kMaxThemeLines) {
      return make_error(ErrorCode::kLimitExceeded, line_error(source_name, line_number, "theme has more than " +
                                                                  std::to_string(kMaxThemeLines) + " lines"));
    }
    if (!utf8::is_valid(line)) {
      return make_error(ErrorCode::kBadArguments, line_error(source_name, line_number, "line is not valid UTF-8; save the theme as UTF-8"));
    }
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;

    if (line.front() == '[') {
      if (line.back() != ']') {
        return make_error(ErrorCode::kBadArguments, line_error(source_name, line_number, "section header '" + std::string(line) + "' lacks its closing ']'"));
      }
      const std::string_view name = trim(line.substr(1, line.size() - 2));
      element = element_from_name(name);
      in_page = name == "page";
      if (!element && !in_page) {
        return make_error(ErrorCode::kBadArguments,
                          line_error(source_name, line_number,
                                     "unknown section [" + std::string(name) +
                                         "]; sections are [page], [body], [h1]..[h6], [title], [byline], [date], "
                                         "[quote], [list], [code], [table], [table-header], [caption], "
                                         "[comment-author], [comment-meta], [comment-body], [footnote], [header], [footer]"));
      }
      const size_t index = in_page ? kElementKindCount : static_cast<size_t>(*element);
      if (seen_sections[index]) {
        return make_error(ErrorCode::kBadArguments, line_error(source_name, line_number, "section [" + std::string(name) + "] appears twice; merge the two"));
      }
      seen_sections[index] = true;
      section_name = name;
      seen_keys.clear();
      continue;
    }

    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return make_error(ErrorCode::kBadArguments,
                        line_error(source_name, line_number, "expected 'property: value', '[section]' or '# comment', got '" + std::string(line) + "'"));
    }
    const std::string_view key = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (!element && !in_page) {
      return make_error(ErrorCode::kBadArguments, line_error(source_name, line_number, "property '" + std::string(key) + "' comes before any section; start with [page] or [body]"));
    }
    const Context ctx{source_name, line_number, section_name, key};
    if (key.empty()) return ctx.fail("property name is missing before ':'");
    if (value.empty()) return ctx.fail("value is missing after ':'");
    for (std::string_view seen : seen_keys) {
      if (seen == key) return ctx.fail("property is set twice in this section; keep one");
    }
    seen_keys.push_back(key);
    if (in_page) {
      INKSET_TRY(set_page_property(ctx, theme.page, key, value));
    } else {
      INKSET_TRY(set_element_property(ctx, *element, theme.elements[static_cast<size_t>(*element)], key, value));
    }
  }
  return theme;
}

Result<Theme> load_theme_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kUnreadableFile, path + ": cannot open the theme file; check the path");
  // Read one byte past the limit so an oversized file is reported rather than silently cut.
  std::string text(kMaxThemeBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return make_error(ErrorCode::kUnreadableFile, path + ": cannot read the theme file");
  text.resize(static_cast<size_t>(in.gcount()));
  return parse_theme(text, path);
}

Result<Theme> builtin_theme(std::string_view name) {
  for (size_t i = 0; i < detail::kEmbeddedThemeCount; ++i) {
    const detail::EmbeddedTheme& embedded = detail::kEmbeddedThemes[i];
    if (embedded.name != name) continue;
    auto theme = parse_theme(embedded.text, std::string(name) + ".theme");
    if (!theme) return make_error(ErrorCode::kInternal, "built-in theme " + theme.error().message);
    return theme;
  }
  std::string names;
  for (const std::string& n : builtin_theme_names()) names += (names.empty() ? "" : ", ") + n;
  return make_error(ErrorCode::kBadArguments, "no built-in theme '" + std::string(name) + "'; built-in themes are " + names +
                                                  ", or give a path to a .theme file");
}

std::vector<std::string> builtin_theme_names() {
  std::vector<std::string> names;
  for (size_t i = 0; i < detail::kEmbeddedThemeCount; ++i) names.emplace_back(detail::kEmbeddedThemes[i].name);
  return names;
}

Result<Theme> load_theme(std::string_view spec) {
  if (spec.ends_with(".theme") || spec.find('/') != std::string_view::npos) return load_theme_file(std::string(spec));
  return builtin_theme(spec);
}

}  // namespace inkset::style
