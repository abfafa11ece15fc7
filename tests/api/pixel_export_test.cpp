#include <catch2/catch.hpp>

#include <vector>

#include "api/pixel_export.h"

using namespace inkset;

TEST_CASE("pixel export: each quarter turn puts every pixel where a clockwise rotation takes it", "[api][pixels]") {
  const int w = 5, h = 3;
  raster::Canvas page(w, h, raster::PixelFormat::kGray8);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) page.row(y)[x] = static_cast<uint8_t>(10 * y + x);
  for (const int rotation : {0, 90, 180, 270}) {
    INFO("rotation " << rotation);
    const bool turned = rotation % 180 != 0;
    const int ow = turned ? h : w, oh = turned ? w : h;
    const int stride = ow + 3;  // padding the export must leave alone
    std::vector<uint8_t> out(static_cast<size_t>(stride) * oh, 0xEE);
    export_pixels(page, rotation, PixelFormat::kGray8, out.data(), stride);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        // Where pixel (x, y) of the page lands after the rotation.
        int ox = x, oy = y;
        if (rotation == 90) ox = h - 1 - y, oy = x;
        if (rotation == 180) ox = w - 1 - x, oy = h - 1 - y;
        if (rotation == 270) ox = y, oy = w - 1 - x;
        CHECK(out[static_cast<size_t>(oy) * stride + ox] == 10 * y + x);
      }
    for (int oy = 0; oy < oh; ++oy)
      for (int pad = ow; pad < stride; ++pad) CHECK(out[static_cast<size_t>(oy) * stride + pad] == 0xEE);
  }
  SECTION("the other formats carry the same gray") {
    std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4);
    export_pixels(page, 0, PixelFormat::kRgba8888, rgba.data(), w * 4);
    CHECK(rgba[(2 * w + 3) * 4 + 0] == 23);
    CHECK(rgba[(2 * w + 3) * 4 + 1] == 23);
    CHECK(rgba[(2 * w + 3) * 4 + 3] == 255);
    std::vector<uint8_t> rgb565(static_cast<size_t>(w) * h * 2);
    export_pixels(page, 180, PixelFormat::kRgb565, rgb565.data(), w * 2);
    // Pixel (3, 2) = 23 lands at (1, 0): 23 >> 3 = 2 in red and blue, 23 >> 2 = 5 in green.
    const uint16_t c = static_cast<uint16_t>(rgb565[2] | (rgb565[3] << 8));
    CHECK(c == ((2 << 11) | (5 << 5) | 2));
  }
}
