// Font loading from bytes: the file is written where a font directory would hold it, the collection
// opens it as it opens any font file, and a short text is shaped and its glyphs rasterized.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "font/font_collection.h"
#include "raster/glyph_cache.h"
#include "shape/shape_cache.h"
#include "shape/shaper.h"

using namespace inkset;

namespace {

const std::string& font_dir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/inkset-fuzz-font-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    return std::string(tmpl);
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = font_dir() + "/f.ttf";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  font::FontConfig config;
  config.directories = {font_dir()};
  auto fonts = font::FontCollection::create(config);
  if (!fonts) return 0;
  font::FontCollection& c = **fonts;
  shape::ShapeCache cache(1u << 20);
  shape::Shaper shaper(c, cache);
  const std::string text = "Affine fi \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 e\xCC\x81 \xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7";
  shape::TextStyle style;
  style.family = c.info(0).family;
  style.size = 16 * 64;
  const shape::StyleRange ranges[1] = {{0, static_cast<uint32_t>(text.size()), 0}};
  const shape::TextStyle styles[1] = {style};
  const auto shaped = shaper.shape(text, ranges, styles, shape::BaseDirection::kAuto);
  raster::GlyphCache glyphs(1u << 20);
  for (size_t r = 0; r < shaped.runs.size(); ++r) {
    const auto& run = shaped.runs[r];
    for (uint32_t g = run.glyph_begin; g < run.glyph_end && g < run.glyph_begin + 16; ++g) {
      raster::GlyphKey key;
      key.face = run.face;
      key.glyph = shaped.glyph_id[g];
      key.size = style.size;
      (void)glyphs.get(c, key);
    }
  }
  return 0;
}
