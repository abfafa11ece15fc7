#include "layout_options.h"

#include <charconv>
#include <string_view>

namespace inkset::cli {

namespace {

Error bad(const std::string& option, const std::string& value, const char* expected) {
  return make_error(ErrorCode::kBadArguments, "bad value '" + value + "' for --" + option + ": expected " + expected);
}

bool parse_int(std::string_view text, int& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

bool parse_number(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

bool strip_suffix(std::string_view& text, std::string_view suffix) {
  if (text.size() <= suffix.size() || text.substr(text.size() - suffix.size()) != suffix) return false;
  text.remove_suffix(suffix.size());
  return true;
}

}  // namespace

std::vector<OptionSpec> layout_option_specs() {
  return {
      {"page", true, "page size in pixels, WxH (default 758x1024)"},
      {"dpi", true, "pixel density of the screen (default 212)"},
      {"font-size", true, "body text size: 11pt or 30px (default: the theme's)"},
      {"theme", true, "a built-in theme (ereader, kiosk) or a .theme file"},
      {"columns", true, "number of columns (default: the theme's)"},
      {"margins", true, "page margins in pixels, e.g. 40px (default: the theme's)"},
      {"greedy", false, "first-fit line breaking instead of optimal (cheapest)"},
      {"no-hyphens", false, "never hyphenate"},
      {"lang", true, "language tag for hyphenation, e.g. en-GB (default: the article's)"},
  };
}

Result<LayoutSettings> layout_settings_from(const Args& args, LayoutSettings s) {
  if (const auto v = args.get("page")) {
    const auto x = v->find('x');
    if (x == std::string::npos || !parse_int(std::string_view(*v).substr(0, x), s.page_width) ||
        !parse_int(std::string_view(*v).substr(x + 1), s.page_height) || s.page_width < 64 || s.page_height < 64 ||
        s.page_width > 16384 || s.page_height > 16384)
      return bad("page", *v, "WIDTHxHEIGHT in pixels, each 64..16384, e.g. 758x1024");
  }
  if (const auto v = args.get("dpi")) {
    if (!parse_int(*v, s.dpi) || s.dpi < 50 || s.dpi > 1200) return bad("dpi", *v, "a whole number from 50 to 1200");
  }
  if (const auto v = args.get("font-size")) {
    std::string_view text = *v;
    double size = 0;
    const bool px = strip_suffix(text, "px");
    if (!px) strip_suffix(text, "pt");
    if (!parse_number(text, size) || size <= 0) return bad("font-size", *v, "a size like 11pt or 30px");
    s.font_size_pt = px ? size * 72.0 / s.dpi : size;
    if (s.font_size_pt < 4 || s.font_size_pt > 144) return bad("font-size", *v, "a size from 4pt to 144pt");
  }
  if (const auto v = args.get("theme")) {
    if (v->empty()) return bad("theme", *v, "a theme name or a .theme file");
    s.theme = *v;
  }
  if (const auto v = args.get("columns")) {
    if (!parse_int(*v, s.columns) || s.columns < 1 || s.columns > 8) return bad("columns", *v, "a number from 1 to 8");
  }
  if (const auto v = args.get("margins")) {
    std::string_view text = *v;
    strip_suffix(text, "px");
    if (!parse_int(text, s.margin_px) || s.margin_px < 0 || s.margin_px > 2000)
      return bad("margins", *v, "a margin in pixels like 40px");
  }
  if (args.has("greedy")) s.optimal_breaking = false;
  if (args.has("no-hyphens")) s.hyphenate = false;
  if (const auto v = args.get("lang")) {
    if (v->empty()) return bad("lang", *v, "a BCP 47 language tag like en-GB");
    s.language = *v;
  }
  return s;
}

}  // namespace inkset::cli
