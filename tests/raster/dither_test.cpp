#include <catch2/catch.hpp>

#include <set>

#include "raster/dither.h"

using namespace inkset;
using namespace inkset::raster;

namespace {

double mean(const Canvas& c, int32_t x0, int32_t x1) {
  double sum = 0;
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = x0; x < x1; ++x) sum += c.gray_at(x, y);
  return sum / (static_cast<double>(x1 - x0) * c.height());
}

}  // namespace

TEST_CASE("dither: nearest rounding lands on the 16 levels", "[raster][dither]") {
  Canvas c(256, 1, PixelFormat::kGray8);
  for (int x = 0; x < 256; ++x) c.row(0)[x] = static_cast<uint8_t>(x);
  quantize_nearest(c, 16);
  for (int x = 0; x < 256; ++x) {
    INFO("x=" << x);
    CHECK(c.gray_at(x, 0) % 17 == 0);
    CHECK(std::abs(c.gray_at(x, 0) - x) <= 8);
  }
}

TEST_CASE("dither: Floyd-Steinberg keeps the mean gray of a gradient", "[raster][dither]") {
  Canvas c(256, 64, PixelFormat::kGray8);
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = 0; x < c.width(); ++x) c.row(y)[x] = static_cast<uint8_t>(x);
  const double before = mean(c, 0, 256);
  dither_floyd_steinberg(c, PixelRect{0, 0, 256, 64}, 16);
  CHECK(std::abs(mean(c, 0, 256) - before) <= before * 0.01);
  std::set<int> values;
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = 0; x < c.width(); ++x) values.insert(c.gray_at(x, y));
  for (int v : values) CHECK(v % 17 == 0);
  // A flat tone between two levels keeps its mean only through diffusion (rounding would give 0).
  Canvas flat(64, 64, PixelFormat::kGray8);
  flat.fill(8);
  dither_floyd_steinberg(flat, PixelRect{0, 0, 64, 64}, 16);
  CHECK(std::abs(mean(flat, 0, 64) - 8.0) < 0.5);
}

TEST_CASE("dither: the page pass diffuses inside images and rounds elsewhere", "[raster][dither]") {
  for (PixelFormat format : {PixelFormat::kGray8, PixelFormat::kRgba8}) {
    Canvas c(64, 32, format);
    c.fill(8);
    const PixelRect image{0, 0, 32, 32};
    quantize_page(c, std::span<const PixelRect>(&image, 1), 16);
    CHECK(std::abs(mean(c, 0, 32) - 8.0) < 0.6);
    CHECK(mean(c, 32, 64) == 0.0);
    if (format == PixelFormat::kRgba8) {
      const uint8_t* p = c.row(5);
      for (int32_t x = 0; x < 64; ++x) CHECK((p[4 * x] == p[4 * x + 1] && p[4 * x] == p[4 * x + 2]));
    }
  }
}
