#include "raster/renderer.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "raster/dither.h"

namespace inkset::raster {
namespace {

constexpr Gray kPlaceholderColor = 192;

GlyphKey run_key(const display::GlyphRun& run, Hinting hinting) {
  GlyphKey key;
  key.face = run.face;
  key.size = run.size;
  key.hinting = hinting;
  key.synthetic_bold = run.synthetic_bold;
  key.synthetic_italic = run.synthetic_italic;
  return key;
}

// The pen rounded to the nearest quarter pixel: the bitmap carries the fraction, the blit the whole part.
Fixed quarter_pixel(Fixed x) {
  constexpr Fixed kQuarter = kFixedOne / kSubpixelSteps;
  return (x + kQuarter / 2) & ~(kQuarter - 1);
}

uint8_t subpixel_of(Fixed rounded_x) {
  return static_cast<uint8_t>((rounded_x & (kFixedOne - 1)) / (kFixedOne / kSubpixelSteps));
}

size_t run_end(const display::DisplayList& list, const display::GlyphRun& run) {
  return std::min<size_t>(list.glyphs.size(), static_cast<size_t>(run.first) + run.count);
}

// Every glyph the page draws, in drawing order, as a glyph cache key.
void page_glyph_keys(const display::DisplayList& list, Hinting hinting, std::vector<GlyphKey>& keys) {
  keys.clear();
  for (const display::Command& cmd : list.commands) {
    if (cmd.kind != display::CommandKind::kGlyphs || cmd.index >= list.glyph_runs.size()) continue;
    const display::GlyphRun& run = list.glyph_runs[cmd.index];
    GlyphKey key = run_key(run, hinting);
    for (size_t i = run.first; i < run_end(list, run); ++i) {
      key.glyph = list.glyphs[i].id;
      key.subpixel = subpixel_of(quarter_pixel(list.glyphs[i].x));
      keys.push_back(key);
    }
  }
}

// Draws a run's glyphs. `bitmaps`, when given, holds the bitmap of every glyph the page draws (see
// page_glyph_keys), and `next` the index of this run's first; else each glyph is asked of the cache.
void draw_glyph_run(const display::DisplayList& list, const display::GlyphRun& run, font::FontCollection& fonts,
                    GlyphCache& cache, Hinting hinting, const CoverageCurve& curve,
                    const std::vector<GlyphBitmap>* bitmaps, size_t& next, Canvas& canvas) {
  GlyphKey key = run_key(run, hinting);
  const size_t end = run_end(list, run);
  PixelRect clip{0, 0, canvas.width(), canvas.height()};
  if (run.first < end) {
    const int32_t ox = fixed_floor(list.glyphs[run.first].x);
    const int32_t oy = fixed_floor(list.glyphs[run.first].y);
    for (const auto& a : list.text_areas)
      if (ox >= a.x - 1 && ox <= a.x + a.width && oy >= a.y && oy <= a.y + a.height) clip = {a.x, a.y, a.width, a.height};
  }
  canvas.set_clip(clip);
  for (size_t i = run.first; i < end; ++i) {
    const display::PositionedGlyph& g = list.glyphs[i];
    const Fixed x = quarter_pixel(g.x);
    GlyphBitmap b;
    if (bitmaps) {
      b = (*bitmaps)[next++];
      if (!b.coverage) continue;
    } else {
      key.glyph = g.id;
      key.subpixel = subpixel_of(x);
      auto bitmap = cache.get(fonts, key);
      if (!bitmap) continue;
      b = bitmap.value();
    }
    Mask mask{b.coverage, b.level, b.width, b.height, b.width};
    // The baseline is snapped to whole pixels: light hinting aligns outlines vertically to the pixel grid.
    canvas.blend_mask(mask, fixed_floor(x) + b.left, fixed_round(g.y) - b.top, run.color, curve);
  }
  canvas.set_clip({0, 0, canvas.width(), canvas.height()});
}

// A light frame with a diagonal cross, the usual sign for an image that is missing.
void draw_placeholder(const display::Image& img, Canvas& canvas) {
  const Fixed x = px_to_fixed(img.x), y = px_to_fixed(img.y);
  const Fixed w = px_to_fixed(img.width), h = px_to_fixed(img.height);
  canvas.fill_rect(x, y, w, kFixedOne, kPlaceholderColor);
  canvas.fill_rect(x, y + h - kFixedOne, w, kFixedOne, kPlaceholderColor);
  canvas.fill_rect(x, y + kFixedOne, kFixedOne, h - 2 * kFixedOne, kPlaceholderColor);
  canvas.fill_rect(x + w - kFixedOne, y + kFixedOne, kFixedOne, h - 2 * kFixedOne, kPlaceholderColor);
  // Each diagonal as one-pixel squares stepped along its longer axis, placed in 26.6 so the
  // rectangle coverage anti-aliases the line.
  const int32_t steps = std::max(img.width, img.height);
  for (int32_t s = 0; s < steps; ++s) {
    const Fixed px = x + static_cast<Fixed>(static_cast<int64_t>(w - kFixedOne) * s / std::max(1, steps - 1));
    const Fixed py = y + static_cast<Fixed>(static_cast<int64_t>(h - kFixedOne) * s / std::max(1, steps - 1));
    canvas.fill_rect(px, py, kFixedOne, kFixedOne, kPlaceholderColor);
    canvas.fill_rect(x + w - kFixedOne - (px - x), py, kFixedOne, kFixedOne, kPlaceholderColor);
  }
}

}  // namespace

RenderOptions RenderOptions::eink() {
  RenderOptions o;
  o.format = PixelFormat::kGray8;
  o.gray_levels = 16;
  o.text_gamma = kEinkTextGamma;
  return o;
}

RenderOptions RenderOptions::screen() {
  RenderOptions o;
  o.format = PixelFormat::kRgba8;
  o.gray_levels = 256;
  o.text_gamma = kScreenTextGamma;
  return o;
}

Status render_page(const display::DisplayList& list, font::FontCollection& fonts, GlyphCache& glyphs,
                   ImageStore& images, const RenderOptions& options, Canvas& canvas, RasterHelper* helper) {
  if (list.width <= 0 || list.height <= 0 || list.width > kMaxPageSide || list.height > kMaxPageSide)
    return make_error(ErrorCode::kBadArguments, "page size " + std::to_string(list.width) + "x" +
                                                    std::to_string(list.height) + " is outside 1.." +
                                                    std::to_string(kMaxPageSide) + " pixels");
  if (options.gray_levels != 16 && options.gray_levels != 256)
    return make_error(ErrorCode::kBadArguments,
                      "gray levels must be 16 or 256, not " + std::to_string(options.gray_levels));
  if (!(options.text_gamma > 0))
    return make_error(ErrorCode::kBadArguments, "text gamma must be positive");

  canvas.reset(list.width, list.height, options.format);
  canvas.fill(list.background);
  const CoverageCurve curve(options.text_gamma);
  // The page's glyphs are fetched together first: each distinct glyph is looked up once, and new ones
  // are drawn two at a time when a helper thread is given.
  // Kept per thread (a renderer draws one page at a time) so that drawing a page allocates nothing.
  thread_local std::vector<GlyphKey> keys;
  page_glyph_keys(list, options.hinting, keys);
  const std::vector<GlyphBitmap>* bitmaps = glyphs.get_many(fonts, keys, helper);
  size_t next = 0;
  std::vector<PixelRect> image_rects;
  for (const display::Command& cmd : list.commands) {
    switch (cmd.kind) {
      case display::CommandKind::kGlyphs:
        if (cmd.index < list.glyph_runs.size())
          draw_glyph_run(list, list.glyph_runs[cmd.index], fonts, glyphs, options.hinting, curve, bitmaps, next, canvas);
        break;
      case display::CommandKind::kImage: {
        if (cmd.index >= list.images.size()) break;
        const display::Image& img = list.images[cmd.index];
        // Bounds keep every later sum of position and size, in pixels and in 26.6, from overflowing.
        if (img.width <= 0 || img.height <= 0 || img.width > kMaxPageSide || img.height > kMaxPageSide ||
            std::abs(img.x) > kMaxPageSide || std::abs(img.y) > kMaxPageSide)
          break;
        const GrayImage* scaled = images.scaled(img.image, img.width, img.height);
        if (!scaled) {
          draw_placeholder(img, canvas);
          break;
        }
        canvas.copy_gray(scaled->pixels.data(), scaled->width, scaled->height, scaled->width, img.x, img.y);
        image_rects.push_back({img.x, img.y, img.width, img.height});
        break;
      }
      case display::CommandKind::kRect:
        if (cmd.index < list.rects.size()) {
          const display::Rect& r = list.rects[cmd.index];
          canvas.fill_rect(r.x, r.y, r.width, r.height, r.color);
        }
        break;
    }
  }
  if (options.gray_levels != 256) quantize_page(canvas, image_rects, options.gray_levels);
  return ok_status();
}

}  // namespace inkset::raster
