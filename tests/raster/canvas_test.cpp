#include <catch2/catch.hpp>

#include <random>

#include "raster/canvas.h"

using namespace inkset;
using namespace inkset::raster;

TEST_CASE("canvas: a one-pixel rule on whole pixels is solid black and nothing else", "[raster][canvas]") {
  Canvas c(80, 40, PixelFormat::kGray8);
  c.fill(255);
  c.fill_rect(px_to_fixed(10), px_to_fixed(20), px_to_fixed(50), px_to_fixed(1), 0);
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = 0; x < c.width(); ++x) {
      const bool inside = y == 20 && x >= 10 && x < 60;
      INFO("x=" << x << " y=" << y);
      REQUIRE(c.gray_at(x, y) == (inside ? 0 : 255));
    }
}

TEST_CASE("canvas: a rule on a half pixel spreads over two rows, blended in linear light", "[raster][canvas]") {
  Canvas c(20, 10, PixelFormat::kGray8);
  c.fill(255);
  c.fill_rect(px_to_fixed(2), px_to_fixed(4) + 32, px_to_fixed(10), px_to_fixed(1), 0);
  CHECK(c.gray_at(5, 3) == 255);
  CHECK(c.gray_at(5, 6) == 255);
  CHECK(c.gray_at(5, 4) == c.gray_at(5, 5));
  // Half coverage of black on white is half the light: sRGB 188, not the 128 a naive mix gives.
  CHECK(std::abs(c.gray_at(5, 4) - 188) <= 1);
  // A quarter-pixel sliver at the left edge gets a quarter of the light removed.
  Canvas d(4, 1, PixelFormat::kGray8);
  d.fill(255);
  d.fill_rect(16, 0, 64, 64, 0);  // x from 0.25 to 1.25: 3/4 of pixel 0, 1/4 of pixel 1
  CHECK(std::abs(d.gray_at(0, 0) - 137) <= 1);  // linear 0.25 -> sRGB 137
  CHECK(std::abs(d.gray_at(1, 0) - 225) <= 1);  // linear 0.75 -> sRGB 225
  CHECK(d.gray_at(2, 0) == 255);
}

TEST_CASE("canvas: linear blending is symmetric for white on black", "[raster][canvas]") {
  Canvas c(4, 4, PixelFormat::kGray8);
  c.fill(0);
  const uint8_t half[1] = {128};
  c.blend_mask(Mask{half, nullptr, 1, 1, 1}, 1, 1, 255, CoverageCurve(1.0));
  CHECK(std::abs(c.gray_at(1, 1) - 188) <= 1);
  CHECK(c.gray_at(0, 0) == 0);
}

TEST_CASE("canvas: the text coverage curve darkens partial coverage only", "[raster][canvas]") {
  const uint8_t mask[3] = {0, 128, 255};
  Canvas plain(3, 1, PixelFormat::kGray8), dark(3, 1, PixelFormat::kGray8);
  plain.fill(255);
  dark.fill(255);
  plain.blend_mask(Mask{mask, nullptr, 3, 1, 3}, 0, 0, 0, CoverageCurve(1.0));
  dark.blend_mask(Mask{mask, nullptr, 3, 1, 3}, 0, 0, 0, CoverageCurve(1.45));
  CHECK(plain.gray_at(0, 0) == 255);
  CHECK(dark.gray_at(0, 0) == 255);
  CHECK(dark.gray_at(1, 0) + 10 < plain.gray_at(1, 0));
  CHECK(plain.gray_at(2, 0) == 0);
  CHECK(dark.gray_at(2, 0) == 0);
  CHECK(CoverageCurve(1.45).table()[128] == 159);  // 255 * (128/255)^(1/1.45)
}

TEST_CASE("canvas: masks with per-pixel levels and clipping at the edges", "[raster][canvas]") {
  Canvas c(3, 3, PixelFormat::kGray8);
  c.fill(255);
  const uint8_t coverage[4] = {255, 255, 255, 0};
  const uint8_t level[4] = {10, 20, 30, 40};
  c.blend_mask(Mask{coverage, level, 2, 2, 2}, 2, 2, 0, CoverageCurve(1.0));  // only the top-left pixel lands
  CHECK(c.gray_at(2, 2) == 10);
  CHECK(c.gray_at(1, 1) == 255);
  c.blend_mask(Mask{coverage, level, 2, 2, 2}, -1, -1, 0, CoverageCurve(1.0));  // only the bottom-right lands
  CHECK(c.gray_at(0, 0) == 255);
}

TEST_CASE("canvas: RGBA pixels carry the gray on R, G and B with opaque alpha", "[raster][canvas]") {
  Canvas c(4, 2, PixelFormat::kRgba8);
  CHECK(c.stride() == 16);
  c.fill(255);
  c.fill_rect(0, 0, px_to_fixed(2), px_to_fixed(1), 40);
  c.fill_rect(px_to_fixed(2), 0, px_to_fixed(1), 32, 0);
  const uint8_t* p = c.row(0);
  CHECK((p[0] == 40 && p[1] == 40 && p[2] == 40 && p[3] == 255));
  CHECK(std::abs(p[8] - 188) <= 1);
  CHECK((p[9] == p[8] && p[10] == p[8] && p[11] == 255));
  CHECK(c.row(1)[0] == 255);
}

TEST_CASE("canvas: a solid mask on gray blends exactly as the colour path does, through any curve and colour",
          "[raster][canvas]") {
  // The gray canvas looks results up in a table; the RGBA canvas mixes in linear light per pixel.
  std::mt19937 random(11);
  std::uniform_int_distribution<int> byte(0, 255);
  const int w = 40, h = 24;
  std::vector<uint8_t> background(static_cast<size_t>(w) * h), coverage(static_cast<size_t>(w) * h);
  for (const double gamma : {1.0, 1.45}) {
    const CoverageCurve curve(gamma);
    for (const Gray color : {Gray{0}, Gray{90}, Gray{255}}) {
      for (auto& b : background) b = static_cast<uint8_t>(byte(random));
      for (auto& c : coverage) c = static_cast<uint8_t>(byte(random) < 80 ? 0 : byte(random) < 60 ? 255 : byte(random));
      Canvas gray(w, h, PixelFormat::kGray8), rgba(w, h, PixelFormat::kRgba8);
      gray.copy_gray(background.data(), w, h, w, 0, 0);
      rgba.copy_gray(background.data(), w, h, w, 0, 0);
      Mask mask;
      mask.coverage = coverage.data();
      mask.width = w - 3;
      mask.height = h - 2;
      mask.stride = w;
      gray.blend_mask(mask, 2, 1, color, curve);
      rgba.blend_mask(mask, 2, 1, color, curve);
      int differing = 0;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) differing += gray.gray_at(x, y) != rgba.gray_at(x, y);
      INFO("gamma " << gamma << ", colour " << int(color));
      CHECK(differing == 0);
    }
  }
}
