#include "style/page_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace inkset::style {
namespace {

// What [body] falls back to when a theme leaves a property out (documented in content/themes/README.md).
DeclaredStyle body_defaults() {
  DeclaredStyle d;
  d.family = "Charis SIL";
  d.weight = 400;
  d.italic = false;
  d.size = Length{11, LengthUnit::kPt};
  d.line_height = 1.3;
  d.space_before = Length{0, LengthUnit::kPx};
  d.space_after = Length{0, LengthUnit::kPx};
  d.indent = Length{0, LengthUnit::kPx};
  d.align = Align::kLeft;
  d.hyphenate = false;
  d.features = std::vector<Feature>{};
  d.color = 0;
  return d;
}

// Rounds to the nearest 26.6 unit, clamped so a hostile theme cannot overflow the fixed-point range.
Fixed round_fixed(double px64) {
  constexpr double kLimit = 1 << 30;
  return static_cast<Fixed>(std::lround(std::clamp(px64, -kLimit, kLimit)));
}

struct Converter {
  int dpi = 0;
  int page_width = 0;
  Fixed body = 0;
  double scale = 1;

  // Unrounded 26.6 value; `scaled` says whether px and pt lengths follow the user's font size.
  double to_px64(const Length& length, bool scaled) const {
    const double factor = scaled ? scale : 1.0;
    switch (length.unit) {
      case LengthUnit::kPx: return length.value * kFixedOne * factor;
      case LengthUnit::kPt: return length.value * dpi / 72.0 * kFixedOne * factor;
      case LengthUnit::kEm: return length.value * body;
      case LengthUnit::kPercent: return length.value / 100.0 * page_width * kFixedOne;
    }
    return 0;
  }
  Fixed to_fixed(const Length& length, bool scaled) const { return round_fixed(to_px64(length, scaled)); }
  int to_px(const Length& length, bool scaled) const { return fixed_round(to_fixed(length, scaled)); }
};

template <typename T>
const T& pick(const std::optional<T>& own, const std::optional<T>& body, const std::optional<T>& fallback) {
  return own ? *own : body ? *body : *fallback;
}

ComputedStyle compute_style(const DeclaredStyle& own, const DeclaredStyle& body, const DeclaredStyle& defaults,
                            const Converter& convert, bool is_body) {
  ComputedStyle s;
  s.family = pick(own.family, body.family, defaults.family);
  s.weight = pick(own.weight, body.weight, defaults.weight);
  s.italic = pick(own.italic, body.italic, defaults.italic);
  // An element without a size of its own gets the body's exactly, not a re-rounded copy of it.
  s.size = is_body || !own.size ? convert.body : std::max<Fixed>(convert.to_fixed(*own.size, true), 1);
  s.line_height = round_fixed(pick(own.line_height, body.line_height, defaults.line_height) * s.size);
  s.space_before = convert.to_fixed(pick(own.space_before, body.space_before, defaults.space_before), true);
  s.space_after = convert.to_fixed(pick(own.space_after, body.space_after, defaults.space_after), true);
  s.indent = convert.to_fixed(pick(own.indent, body.indent, defaults.indent), true);
  s.align = pick(own.align, body.align, defaults.align);
  s.hyphenate = pick(own.hyphenate, body.hyphenate, defaults.hyphenate);
  s.features = pick(own.features, body.features, defaults.features);
  s.color = static_cast<uint8_t>(pick(own.color, body.color, defaults.color));
  return s;
}

// A margin box of one line, centred vertically in the band [top, top + band).
Box margin_box(const Box& content, int top, int band, int height) {
  return Box{content.x, top + std::max(0, band - height) / 2, content.width, height};
}

}  // namespace

Result<ResolvedLayout> resolve_layout(const Theme& theme, const LayoutOptions& options) {
  INKSET_TRY(validate_layout_options(options));
  const DeclaredStyle defaults = body_defaults();
  const DeclaredStyle& body = theme.element(ElementKind::kBody);

  Converter convert{options.dpi, options.page_width, 0, 1.0};
  // The theme's own body size first (em is not allowed there), then the user's size as a ratio to it.
  // The theme's own body size first (em is not allowed there), then the user's size as a ratio to it,
  // both unrounded so a heading scales by exactly the ratio the user asked for.
  const double theme_body = std::max(convert.to_px64(pick(body.size, defaults.size, defaults.size), false), 1.0);
  double body_size = theme_body;
  if (options.font_size_pt > 0) body_size = options.font_size_pt * options.dpi / 72.0 * kFixedOne;
  else if (options.font_size_px > 0) body_size = options.font_size_px * kFixedOne;
  convert.body = std::max<Fixed>(round_fixed(body_size), 1);
  convert.scale = body_size / theme_body;

  ResolvedLayout out;
  out.scale = convert.scale;
  out.language = options.language;
  const PageStyle& page = theme.page;
  for (size_t i = 0; i < kElementKindCount; ++i) {
    out.styles[i] = compute_style(theme.elements[i], body, defaults, convert, i == static_cast<size_t>(ElementKind::kBody));
    if (page.paragraph_separation == ParagraphSeparation::kSpace) out.styles[i].indent = 0;
  }

  PageGeometry& g = out.geometry;
  g.page_width = options.page_width;
  g.page_height = options.page_height;
  g.dpi = options.dpi;
  g.quote_indent = convert.to_fixed(page.quote_indent, true);
  g.list_indent = convert.to_fixed(page.list_indent, true);
  g.comment_indent = convert.to_fixed(page.comment_indent, true);
  g.rule_thickness = std::max<Fixed>(convert.to_fixed(page.rule_thickness, false), 1);
  g.paragraph_separation = page.paragraph_separation;

  const auto margin = [&](const Length& own) { return convert.to_px(options.margins ? *options.margins : own, false); };
  const int top = margin(page.margin_top);
  const int right = margin(page.margin_right);
  const int bottom = margin(page.margin_bottom);
  const int left = margin(page.margin_left);
  // A running head or folio needs one line of its own; a margin too thin for it gives way.
  const int header_height = fixed_ceil(out.style(ElementKind::kHeader).line_height);
  const int footer_height = fixed_ceil(out.style(ElementKind::kFooter).line_height);
  const int content_top = page.header ? std::max(top, header_height) : top;
  const int content_bottom = page.footer ? std::max(bottom, footer_height) : bottom;
  g.content = Box{left, content_top, options.page_width - left - right, options.page_height - content_top - content_bottom};
  if (g.content.width < kMinContentSide || g.content.height < kMinContentSide) {
    return make_error(ErrorCode::kBadArguments,
                      "the margins leave a content box of " + std::to_string(g.content.width) + "x" +
                          std::to_string(g.content.height) + " px on a " + std::to_string(options.page_width) + "x" +
                          std::to_string(options.page_height) + " page; it must be at least " +
                          std::to_string(kMinContentSide) + " px each way: use smaller --margins or a larger --page");
  }
  if (page.header) g.header = margin_box(g.content, 0, content_top, header_height);
  if (page.footer) g.footer = margin_box(g.content, g.content.y + g.content.height, content_bottom, footer_height);

  g.column_gap = convert.to_px(page.column_gap, true);
  const auto column_width = [&](int n) { return (g.content.width - g.column_gap * (n - 1)) / n; };
  int count = options.columns;
  if (count > 0) {
    if (column_width(count) < kMinColumnWidth) {
      return make_error(ErrorCode::kBadArguments,
                        "--columns " + std::to_string(count) + ": columns would be " + std::to_string(column_width(count)) +
                            " px wide; the least is " + std::to_string(kMinColumnWidth) +
                            " px: use fewer columns, smaller margins or a larger page");
    }
  } else {
    // The theme's count is a ceiling: lines much shorter than column-min-width read badly.
    const int min_width = convert.to_px(page.column_min_width, true);
    count = page.columns;
    while (count > 1 && column_width(count) < min_width) --count;
  }
  const int width = column_width(count);
  // Spread the division's remainder one pixel per column from the left so the columns fill the box.
  int remainder = g.content.width - width * count - g.column_gap * (count - 1);
  int x = g.content.x;
  for (int i = 0; i < count; ++i) {
    const int w = width + (remainder > 0 ? 1 : 0);
    if (remainder > 0) --remainder;
    g.columns.push_back(Column{x, w});
    x += w + g.column_gap;
  }
  return out;
}

Result<ResolvedLayout> resolve_layout(const LayoutOptions& options) {
  auto theme = load_theme(options.theme);
  if (!theme) return std::move(theme).take_error();
  return resolve_layout(*theme, options);
}

}  // namespace inkset::style
