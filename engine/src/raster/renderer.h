#pragma once
// Draws one page's display list into a canvas.
#include "display/display_list.h"
#include "font/font_collection.h"
#include "raster/canvas.h"
#include "raster/glyph_cache.h"
#include "raster/image_store.h"
#include "support/result.h"

namespace inkset::raster {

struct RenderOptions {
  PixelFormat format = PixelFormat::kGray8;
  int gray_levels = 256;  // 256, or 16 for e-ink panels (images dithered, text rounded)
  Hinting hinting = Hinting::kLight;
  double text_gamma = kEinkTextGamma;  // coverage curve for glyphs (see CoverageCurve)

  static constexpr double kEinkTextGamma = 1.45;
  static constexpr double kScreenTextGamma = 1.0;

  // 8-bit gray quantized to 16 levels with darkened text.
  static RenderOptions eink();
  // RGBA with 256 levels and the exact coverage curve.
  static RenderOptions screen();
};

// The largest page side accepted, far beyond any screen: it bounds the canvas a bad list can ask for.
inline constexpr int32_t kMaxPageSide = 16384;

// Resizes `canvas` to the list's page and draws the commands in order: background, then glyph runs,
// images (a placeholder box for failed images) and rectangles. Glyphs FreeType cannot render are
// skipped and counted in the cache's failures. Output rotation is applied when writing (image_output.h).
// `helper`, if given, draws half of the page's new glyphs on its thread; the pixels are the same.
// Errors: kBadArguments for a page size outside 1..kMaxPageSide, gray levels other than 16 or 256,
// or a non-positive text gamma.
Status render_page(const display::DisplayList& list, font::FontCollection& fonts, GlyphCache& glyphs,
                   ImageStore& images, const RenderOptions& options, Canvas& canvas,
                   RasterHelper* helper = nullptr);

}  // namespace inkset::raster
