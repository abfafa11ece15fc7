#include "api/pixel_export.h"

namespace inkset {
namespace {

template <typename Write>
void export_rotated(const raster::Canvas& gray, int rotation, uint8_t* out, int stride, int bpp, Write write) {
  const int w = gray.width();
  const int h = gray.height();
  const int turns = ((rotation / 90) % 4 + 4) % 4;
  const int out_w = turns % 2 ? h : w;
  const int out_h = turns % 2 ? w : h;
  for (int oy = 0; oy < out_h; ++oy) {
    uint8_t* row = out + static_cast<size_t>(oy) * stride;
    for (int ox = 0; ox < out_w; ++ox) {
      // Source pixel for a clockwise rotation of the page by `turns` quarter turns.
      int sx = ox, sy = oy;
      switch (turns) {
        case 1: sx = oy; sy = h - 1 - ox; break;
        case 2: sx = w - 1 - ox; sy = h - 1 - oy; break;
        case 3: sx = w - 1 - oy; sy = ox; break;
        default: break;
      }
      write(row + static_cast<size_t>(ox) * bpp, gray.row(sy)[sx]);
    }
  }
}

}  // namespace

void export_pixels(const raster::Canvas& gray, int rotation, PixelFormat format, uint8_t* out, int stride) {
  const int bpp = bytes_per_pixel(format);
  switch (format) {
    case PixelFormat::kGray8:
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
