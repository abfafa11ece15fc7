#include "api/pixel_export.h"

#include <cstddef>
#include <cstring>

namespace inkset {
namespace {

// Each output row reads the page along a straight line: a start pixel and a fixed step, so the inner
// loop has no per-pixel case analysis (it was 40 % of a page's render time).
template <typename Write>
void export_rotated(const raster::Canvas& gray, int rotation, uint8_t* out, int stride, int bpp, Write write) {
  const int w = gray.width();
  const int h = gray.height();
  const int turns = ((rotation / 90) % 4 + 4) % 4;
  const int out_w = turns % 2 ? h : w;
  const int out_h = turns % 2 ? w : h;
  const ptrdiff_t row_step = h > 1 ? gray.row(1) - gray.row(0) : 0;
  for (int oy = 0; oy < out_h; ++oy) {
    uint8_t* row = out + static_cast<size_t>(oy) * stride;
    // Source pixel of output (0, oy) and the step to the next output pixel, for a clockwise rotation
    // of the page by `turns` quarter turns.
    const uint8_t* src = nullptr;
    ptrdiff_t step = 1;
    switch (turns) {
      case 1: src = gray.row(h - 1) + oy; step = -row_step; break;
      case 2: src = gray.row(h - 1 - oy) + (w - 1); step = -1; break;
      case 3: src = gray.row(0) + (w - 1 - oy); step = row_step; break;
      default: src = gray.row(oy); break;
    }
    if (step == 1) {
      for (int ox = 0; ox < out_w; ++ox) write(row + static_cast<size_t>(ox) * bpp, src[ox]);
    } else {
      for (int ox = 0; ox < out_w; ++ox, src += step) write(row + static_cast<size_t>(ox) * bpp, *src);
    }
  }
}

}  // namespace

void export_pixels(const raster::Canvas& gray, int rotation, PixelFormat format, uint8_t* out, int stride) {
  const int bpp = bytes_per_pixel(format);
  switch (format) {
    case PixelFormat::kGray8:
      if (rotation % 360 == 0) {
        for (int y = 0; y < gray.height(); ++y)
          std::memcpy(out + static_cast<size_t>(y) * stride, gray.row(y), static_cast<size_t>(gray.width()));
        break;
      }
      export_rotated(gray, rotation, out, stride, bpp, [](uint8_t* p, uint8_t v) { p[0] = v; });
      break;
    case PixelFormat::kRgba8888:
    case PixelFormat::kBgra8888:
      export_rotated(gray, rotation, out, stride, bpp, [](uint8_t* p, uint8_t v) {
        p[0] = v;
        p[1] = v;
        p[2] = v;
        p[3] = 255;
      });
      break;
    case PixelFormat::kRgb565:
      export_rotated(gray, rotation, out, stride, bpp, [](uint8_t* p, uint8_t v) {
        const uint16_t c = static_cast<uint16_t>(((v >> 3) << 11) | ((v >> 2) << 5) | (v >> 3));
        p[0] = static_cast<uint8_t>(c & 0xFF);
        p[1] = static_cast<uint8_t>(c >> 8);
      });
      break;
  }
}

}  // namespace inkset
