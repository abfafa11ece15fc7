#pragma once
// The style of one kind of element after inheritance from [body], unit conversion and font-size
// scaling: everything the layout stage needs to shape and break a run, in device pixels.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/fixed.h"

namespace inkset::style {

// Every element a theme can style. The order is the order of the sections in the README.
enum class ElementKind : uint8_t {
  kBody,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kTitle,
  kByline,
  kDate,
  kQuote,
  kList,
  kCode,
  kTable,
  kTableHeader,
  kCaption,
  kCommentAuthor,
  kCommentMeta,
  kCommentBody,
  kFootnote,
  kHeader,
  kFooter,
};
inline constexpr size_t kElementKindCount = static_cast<size_t>(ElementKind::kFooter) + 1;

// The theme section name of a kind, e.g. "table-header".
std::string_view element_name(ElementKind kind);
// The kind named by a theme section; nullopt for "page" and unknown names.
std::optional<ElementKind> element_from_name(std::string_view name);

enum class Align : uint8_t { kJustify, kLeft, kRight, kCenter };

// One OpenType feature setting, as HarfBuzz takes it: tag packed big-endian like HB_TAG, value 0 = off.
struct Feature {
  uint32_t tag = 0;
  uint32_t value = 1;
  bool operator==(const Feature&) const = default;
};

constexpr uint32_t make_tag(char a, char b, char c, char d) {
  return (uint32_t(uint8_t(a)) << 24) | (uint32_t(uint8_t(b)) << 16) | (uint32_t(uint8_t(c)) << 8) |
         uint32_t(uint8_t(d));
}

struct ComputedStyle {
  std::string family;
  int weight = 400;  // CSS-like 100..900
  bool italic = false;
  Fixed size = 0;         // font size, 26.6 px
  Fixed line_height = 0;  // baseline-to-baseline distance, 26.6 px
  Fixed space_before = 0;
  Fixed space_after = 0;
  Fixed indent = 0;  // first-line indent
  Align align = Align::kLeft;
  bool hyphenate = false;
  std::vector<Feature> features;
  uint8_t color = 0;  // gray: 0 black .. 255 white

  bool operator==(const ComputedStyle&) const = default;
};

}  // namespace inkset::style
