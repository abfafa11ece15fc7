#pragma once
// Pixels of one page: 8-bit gray for e-ink, 32-bit RGBA for kiosks and previews.
//
// Every drawing call blends in linear light (sRGB decode, mix, encode) through lookup tables built
// once per process, so anti-aliased edges keep their weight on both black-on-white and white-on-black.
// The blend routine is chosen when the pixel format is set, never per pixel.
//
// Thread-safety: a canvas is used from one thread at a time; the shared tables are immutable.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "support/fixed.h"

namespace inkset::raster {

using Gray = uint8_t;  // 0 = black, 255 = white

enum class PixelFormat : uint8_t { kGray8, kRgba8 };

inline constexpr int bytes_per_pixel(PixelFormat f) { return f == PixelFormat::kGray8 ? 1 : 4; }

// A rectangle in whole pixels (half-open: [x, x + width) x [y, y + height)).
struct PixelRect {
  int32_t x = 0, y = 0, width = 0, height = 0;
};

// An 8-bit mask placed on the canvas; rows are `stride` bytes apart. Borrowed for the call.
struct Mask {
  const uint8_t* coverage = nullptr;
  const uint8_t* level = nullptr;  // per-pixel gray (colour glyphs); nullptr: one colour for the mask
  int32_t width = 0, height = 0, stride = 0;
};

// Maps glyph coverage to drawn coverage. On e-ink, thin stems lose weight once anti-aliased edges are
// quantized and blended in linear light; coverage' = coverage^(1/gamma) gives the stems back their
// darkness without touching full-coverage pixels. gamma 1 is the identity (LCD, where blending is exact).
class CoverageCurve {
 public:
  explicit CoverageCurve(double gamma = 1.0);
  double gamma() const { return m_gamma; }
  const uint8_t* table() const { return m_table.data(); }

 private:
  double m_gamma = 1.0;
  std::array<uint8_t, 256> m_table{};
};

class Canvas {
 public:
  Canvas() = default;  // empty; allocates nothing
  Canvas(int32_t width, int32_t height, PixelFormat format);

  // Resizes (keeping the allocation when it is large enough) and leaves the pixels unspecified.
  void reset(int32_t width, int32_t height, PixelFormat format);
  // Masks blended afterwards are cut to this rectangle (reset() clears it to the whole canvas).
  void set_clip(const PixelRect& clip) { m_clip = clip; }

  int32_t width() const { return m_width; }
  int32_t height() const { return m_height; }
  int32_t stride() const { return m_stride; }  // bytes per row
  PixelFormat format() const { return m_format; }
  uint8_t* row(int32_t y) { return m_pixels.data() + static_cast<size_t>(y) * m_stride; }
  const uint8_t* row(int32_t y) const { return m_pixels.data() + static_cast<size_t>(y) * m_stride; }
  // Gray value at (x, y); for RGBA the red channel (the engine draws equal R, G, B).
  Gray gray_at(int32_t x, int32_t y) const { return row(y)[x * bytes_per_pixel(m_format)]; }

  void fill(Gray color);

  // Fills a 26.6 rectangle; edge pixels get the fraction of their area the rectangle covers, so a
  // rule on whole pixels is solid and one on a half pixel spreads over two rows. Clipped to the canvas.
  void fill_rect(Fixed x, Fixed y, Fixed width, Fixed height, Gray color);

  // Blends mask with its top-left corner at pixel (x, y); coverage goes through `curve` first.
  // Without mask.level the whole mask draws in `color`. Clipped to the canvas.
  void blend_mask(const Mask& mask, int32_t x, int32_t y, Gray color, const CoverageCurve& curve);

  // Copies opaque gray pixels (rows `stride` bytes apart) with the top-left corner at (x, y). Clipped.
  void copy_gray(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride, int32_t x, int32_t y);

 private:
  // One span of `count` pixels; coverage[i] already curved. level == nullptr means a solid colour.
  using SpanBlend = void (*)(uint8_t* dst, const uint8_t* coverage, const uint8_t* level, Gray color, int32_t count);

  void select_routines();

  std::vector<uint8_t> m_pixels;
  int32_t m_width = 0;
  int32_t m_height = 0;
  int32_t m_stride = 0;
  PixelFormat m_format = PixelFormat::kGray8;
  SpanBlend m_blend = nullptr;
  PixelRect m_clip;
  std::vector<uint8_t> m_span;  // scratch coverage for one row; grows to the widest row, then reused

  // Gray results of blending one solid colour, through one coverage curve, over each background
  // gray at each coverage: a glyph's pixel is then one lookup instead of two gamma conversions and a
  // mix. A row (one background gray) is filled on first use: black text on white needs a handful.
  struct SolidBlend {
    Gray color = 0;
    double gamma = 0;
    std::array<bool, 256> ready{};
    std::array<uint8_t, 256 * 256> result{};  // [background * 256 + raw coverage]
  };
  void blend_solid_gray(const Mask& mask, int32_t x0, int32_t y0, int32_t x1, int32_t y1, int32_t x, int32_t y,
                        Gray color, const CoverageCurve& curve);
  std::unique_ptr<SolidBlend> m_solid;
};

}  // namespace inkset::raster
