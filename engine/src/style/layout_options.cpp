#include "style/layout_options.h"

#include <charconv>
#include <sstream>

namespace inkset::style {
namespace {

constexpr LayoutOptionInfo kInfos[] = {
    {"page", "WxH", "page size in pixels, each side 100..10000 (default 758x1024)"},
    {"dpi", "N", "screen resolution, 50..1200 (default 212)"},
    {"font-size", "SIZE", "body font size as 11pt or 30px, 4..72 pt; the theme scales with it"},
    {"theme", "NAME|PATH", "ereader, kiosk or a .theme file (default ereader)"},
    {"columns", "N", "number of columns, 1..4 (default: as the theme allows)"},
    {"margins", "LENGTH", "all four page margins, as 40px, 12pt or 5% of the page width"},
    {"language", "TAG", "language of the text for hyphenation and shaping, e.g. en-US"},
};

Error bad(std::string_view name, std::string_view value, const std::string& what) {
  return make_error(ErrorCode::kBadArguments, "--" + std::string(name) + " " + std::string(value) + ": " + what);
}

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string format(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

Status check_page(int width, int height) {
  if (width < kMinPageSide || width > kMaxPageSide || height < kMinPageSide || height > kMaxPageSide) {
    return make_error(ErrorCode::kBadArguments, "--page " + std::to_string(width) + "x" + std::to_string(height) +
                                                    ": each side must be " + std::to_string(kMinPageSide) + ".." +
                                                    std::to_string(kMaxPageSide) + " px");
  }
  return ok_status();
}

Status check_dpi(int dpi) {
  if (dpi < kMinDpi || dpi > kMaxDpi) {
    return bad("dpi", std::to_string(dpi), "must be " + std::to_string(kMinDpi) + ".." + std::to_string(kMaxDpi));
  }
  return ok_status();
}

// A size in px is checked in points at the final dpi, so the range means the same on every screen.
Status check_font_size(double pt, double px, int dpi) {
  if (pt == 0 && px == 0) return ok_status();
  const double points = pt != 0 ? pt : px * 72.0 / dpi;
  if (points < kMinFontSizePt || points > kMaxFontSizePt) {
    const std::string given = pt != 0 ? format(pt) + "pt" : format(px) + "px";
    return bad("font-size", given,
               "must be " + format(kMinFontSizePt) + ".." + format(kMaxFontSizePt) + " pt (" +
                   format(kMinFontSizePt * dpi / 72.0) + ".." + format(kMaxFontSizePt * dpi / 72.0) + " px at " +
                   std::to_string(dpi) + " dpi)");
  }
  return ok_status();
}

Status check_columns(int columns) {
  if (columns < 0 || columns > kMaxColumns) {
    return bad("columns", std::to_string(columns), "must be 1.." + std::to_string(kMaxColumns));
  }
  return ok_status();
}

Status check_language(std::string_view tag) {
  if (tag.size() > 35) return bad("language", tag, "is longer than 35 characters; use a BCP 47 tag like en-US");
  for (char c : tag) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return bad("language", tag, "is not a language tag; use a BCP 47 tag like en-US");
    }
  }
  return ok_status();
}

}  // namespace

std::span<const LayoutOptionInfo> layout_option_infos() { return kInfos; }

Status parse_layout_option(LayoutOptions& options, std::string_view name, std::string_view value) {
  LayoutOptions next = options;
  if (name == "page") {
    const size_t x = value.find('x');
    const auto width = parse_int(value.substr(0, x));
    const auto height = x == std::string_view::npos ? std::nullopt : parse_int(value.substr(x + 1));
    if (!width || !height) return bad(name, value, "write the page size as WIDTHxHEIGHT in pixels, e.g. 758x1024");
    INKSET_TRY(check_page(*width, *height));
    next.page_width = *width;
    next.page_height = *height;
  } else if (name == "dpi") {
    const auto dpi = parse_int(value);
    if (!dpi) return bad(name, value, "write the resolution as a whole number, e.g. 212");
    INKSET_TRY(check_dpi(*dpi));
    next.dpi = *dpi;
  } else if (name == "font-size") {
    const auto size = parse_length(value);
    if (!size || size->value == 0 || (size->unit != LengthUnit::kPt && size->unit != LengthUnit::kPx)) {
      return bad(name, value, "write the size in points or pixels, e.g. 11pt or 30px");
    }
    next.font_size_pt = size->unit == LengthUnit::kPt ? size->value : 0;
    next.font_size_px = size->unit == LengthUnit::kPx ? size->value : 0;
    INKSET_TRY(check_font_size(next.font_size_pt, next.font_size_px, next.dpi));
  } else if (name == "theme") {
    if (value.empty()) return bad(name, value, "give a built-in theme name or a path to a .theme file");
    next.theme = std::string(value);
  } else if (name == "columns") {
    const auto columns = parse_int(value);
    if (!columns || *columns < 1) return bad(name, value, "must be 1.." + std::to_string(kMaxColumns));
    INKSET_TRY(check_columns(*columns));
    next.columns = *columns;
  } else if (name == "margins") {
    const auto margins = parse_length(value);
    if (!margins || margins->unit == LengthUnit::kEm) {
      return bad(name, value, "write a length in px, pt or % of the page width, e.g. 40px");
    }
    next.margins = margins;
  } else if (name == "language") {
    INKSET_TRY(check_language(value));
    next.language = std::string(value);
  } else {
    return make_error(ErrorCode::kBadArguments, "unknown layout option --" + std::string(name));
  }
  options = std::move(next);
  return ok_status();
}

Status validate_layout_options(const LayoutOptions& options) {
  INKSET_TRY(check_page(options.page_width, options.page_height));
  INKSET_TRY(check_dpi(options.dpi));
  INKSET_TRY(check_font_size(options.font_size_pt, options.font_size_px, options.dpi));
  INKSET_TRY(check_columns(options.columns));
  INKSET_TRY(check_language(options.language));
  if (options.margins && (options.margins->value < 0 || options.margins->unit == LengthUnit::kEm)) {
    return make_error(ErrorCode::kBadArguments, "margins must be a length in px, pt or % of the page width");
  }
  if (options.theme.empty()) return make_error(ErrorCode::kBadArguments, "no theme given; use ereader, kiosk or a .theme file");
  return ok_status();
}

}  // namespace inkset::style
