#pragma once
// The FreeType steps that turn a scalable glyph into 8-bit coverage, shared by the glyph cache and
// the raster helper's thread: a glyph drawn on either comes out bit for bit the same.
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H

#include <cstdint>
#include <vector>

#include "raster/glyph_cache.h"

namespace inkset::raster {

// The key of a glyph's outline, which all its quarter-pixel positions share.
inline GlyphKey outline_key(GlyphKey key) {
  key.subpixel = 0;
  return key;
}

// FreeType's load flags for a glyph drawn with `hinting` (colour faces keep their bitmaps).
FT_Int32 load_flags(Hinting hinting, bool color_face);

// Synthetic bold and oblique, as `key` asks, on a loaded outline of `face` (its size set).
void synthesize(FT_Face face, const GlyphKey& key, FT_Outline* outline);

// `key.glyph` of `face`, whose size the caller has set to key.size, loaded, hinted and synthesized
// as `key` asks, at quarter-pixel 0: a glyph the caller owns. Null with `error` set on failure.
FT_Glyph load_outline(FT_Face face, const GlyphKey& key, FT_Error& error);

// Where a glyph's coverage sits: rows of `width` bytes, from the whole-pixel pen position.
struct CoverageBox {
  int32_t width = 0, height = 0;
  int32_t left = 0;  // from the pen x to the bitmap's left column
  int32_t top = 0;   // from the baseline up to the bitmap's top row
};

// An outline loaded by load_outline, shifted right by `subpixel` quarter pixels and rendered; the
// coverage goes to `pixels` (resized to width x height). Takes ownership of `glyph` (freed in all
// cases). Returns 0 or a FreeType error, -1 for a pixel mode other than gray or mono.
int render_outline(FT_Glyph glyph, uint8_t subpixel, std::vector<uint8_t>& pixels, CoverageBox& box);

// A gray or mono FreeType bitmap copied into `pixels` as 8-bit coverage.
void copy_coverage(const FT_Bitmap& bm, std::vector<uint8_t>& pixels);

}  // namespace inkset::raster
