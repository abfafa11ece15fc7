#include "raster/dither.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace inkset::raster {
namespace {

struct Levels {
  int step_num;  // level k is k * 255 / (levels - 1)
  int count;

  explicit Levels(int levels) : step_num(levels - 1), count(levels) { assert(levels >= 2 && levels <= 256); }
  int nearest(int v) const {
    const int k = (std::clamp(v, 0, 255) * step_num + 127) / 255;
    return (k * 255 + step_num / 2) / step_num;
  }
};

// Writes v to the pixel's gray channels (R, G and B on RGBA, where they are always equal).
inline void store(uint8_t* p, int bpp, int v) {
  p[0] = static_cast<uint8_t>(v);
  if (bpp == 4) p[1] = p[2] = static_cast<uint8_t>(v);
}

}  // namespace

void quantize_nearest(Canvas& canvas, int levels) {
  const Levels q(levels);
  uint8_t table[256];
  for (int v = 0; v < 256; ++v) table[v] = static_cast<uint8_t>(q.nearest(v));
  const int bpp = bytes_per_pixel(canvas.format());
  for (int32_t y = 0; y < canvas.height(); ++y) {
    uint8_t* row = canvas.row(y);
    for (int32_t x = 0; x < canvas.width(); ++x) store(row + x * bpp, bpp, table[row[x * bpp]]);
  }
}

void dither_floyd_steinberg(Canvas& canvas, const PixelRect& rect, int levels) {
  const Levels q(levels);
  const int32_t x0 = std::max(0, rect.x);
  const int32_t y0 = std::max(0, rect.y);
  const int32_t x1 = std::min(canvas.width(), rect.x + rect.width);
  const int32_t y1 = std::min(canvas.height(), rect.y + rect.height);
  if (x0 >= x1 || y0 >= y1) return;
  const int32_t w = x1 - x0;
  const int bpp = bytes_per_pixel(canvas.format());
  // Errors in 1/16 units, one row ahead, with a guard cell on each side so edges need no branches.
  std::vector<int32_t> cur(static_cast<size_t>(w) + 2), next(static_cast<size_t>(w) + 2);
  for (int32_t y = y0; y < y1; ++y) {
    std::fill(next.begin(), next.end(), 0);
    uint8_t* row = canvas.row(y);
    const bool forward = ((y - y0) & 1) == 0;
    const int dir = forward ? 1 : -1;
    for (int32_t i = 0; i < w; ++i) {
      const int32_t c = forward ? i : w - 1 - i;
      const size_t k = static_cast<size_t>(c) + 1;
      uint8_t* p = row + (x0 + c) * bpp;
      const int want = p[0] + (cur[k] + (cur[k] >= 0 ? 8 : -8)) / 16;
      const int got = q.nearest(want);
      store(p, bpp, got);
      const int err = want - got;
      cur[k + dir] += err * 7;
      next[k - dir] += err * 3;
      next[k] += err * 5;
      next[k + dir] += err * 1;
    }
    std::swap(cur, next);
  }
}

void quantize_page(Canvas& canvas, std::span<const PixelRect> image_rects, int levels) {
  for (const PixelRect& r : image_rects) dither_floyd_steinberg(canvas, r, levels);
  // Diffused pixels already sit on levels, so rounding leaves them as they are.
  quantize_nearest(canvas, levels);
}

}  // namespace inkset::raster
