#pragma once
// What an Engine owns: the font collection and every cache shared by the documents opened on it.
#include <memory>

#include <inkset/document.h>

#include "breaking/hyphenator.h"
#include "font/font_collection.h"
#include "layout/paragraph_builder.h"
#include "raster/glyph_cache.h"
#include "raster/raster_helper.h"
#include "shape/shape_cache.h"
#include "shape/shaper.h"

namespace inkset {

struct Engine::Impl {
  EngineConfig config;
  std::unique_ptr<font::FontCollection> fonts;
  std::unique_ptr<shape::ShapeCache> shape_cache;
  std::unique_ptr<shape::Shaper> shaper;
  std::unique_ptr<breaking::HyphenatorSet> hyphenators;
  std::unique_ptr<layout::ParagraphBuilder> paragraphs;
  std::unique_ptr<raster::GlyphCache> glyphs;
  std::unique_ptr<raster::RasterHelper> raster_helper;  // made on the first page drawn, if allowed

  // Whether helper threads may be used: the config allows them and the machine has a second core.
  bool helpers_allowed() const;
  // The glyph helper, made on first need: null when helper threads are not allowed or no thread
  // could be started for it.
  raster::RasterHelper* glyph_helper();
};

}  // namespace inkset
