#pragma once
// One font collection for all font and shape tests: opening every bundled and system face takes a
// moment, and the collection is immutable apart from its caches.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "font/font_collection.h"
#include "shape/shaper.h"

namespace inkset::test {

inline font::FontCollection& fonts() {
  static std::unique_ptr<font::FontCollection> collection = [] {
    auto created = font::FontCollection::create(font::default_font_config());
    REQUIRE(created.ok());
    return std::move(created).value();
  }();
  return *collection;
}

inline shape::TextStyle style(std::string family, Fixed size = px_to_fixed(24), std::string language = "") {
  shape::TextStyle s;
  s.family = std::move(family);
  s.size = size;
  s.language = std::move(language);
  return s;
}

// Shapes text in one style, uncached unless a cache is given.
inline shape::ShapedParagraph shape_one(std::string_view text, const shape::TextStyle& s,
                                        shape::BaseDirection dir = shape::BaseDirection::kAuto,
                                        shape::ShapeCache* cache = nullptr) {
  shape::ShapeCache local(0);
  shape::Shaper shaper(fonts(), cache ? *cache : local);
  shaper.set_cache_enabled(cache != nullptr);
  const shape::StyleRange range{0, static_cast<uint32_t>(text.size()), 0};
  return shaper.shape(text, {&range, 1}, {&s, 1}, dir);
}

inline uint32_t nominal_glyph(font::FaceId face, char32_t cp) {
  hb_codepoint_t g = 0;
  hb_font_get_nominal_glyph(fonts().hb_font(face, px_to_fixed(24)), cp, &g);
  return g;
}

inline font::FaceId face_of(std::string_view family, int weight = 400, bool italic = false) {
  return fonts().match(family, weight, italic).face;
}

}  // namespace inkset::test
