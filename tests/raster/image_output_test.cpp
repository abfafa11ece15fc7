#include <catch2/catch.hpp>

#include <stb/stb_image.h>

#include "raster/image_output.h"
#include "raster_fixtures.h"

using namespace inkset;
using namespace inkset::raster;
using namespace inkset::raster::testing;

namespace {

Canvas pattern(int32_t w, int32_t h, PixelFormat format) {
  Canvas c(w, h, format);
  c.fill(255);
  for (int32_t y = 0; y < h; ++y)
    for (int32_t x = 0; x < w; ++x)
      c.fill_rect(px_to_fixed(x), px_to_fixed(y), kFixedOne, kFixedOne, static_cast<Gray>((y * w + x) * 7 % 256));
  return c;
}

}  // namespace

TEST_CASE("image output: PNG and PGM round trip", "[raster][output]") {
  TempDir dir("output");
  for (PixelFormat format : {PixelFormat::kGray8, PixelFormat::kRgba8}) {
    const Canvas c = pattern(7, 5, format);
    const std::string png = dir.file("page.png");
    REQUIRE(write_png(c, png).ok());
    int w = 0, h = 0, comp = 0;
    stbi_uc* back = stbi_load(png.c_str(), &w, &h, &comp, 0);
    REQUIRE(back != nullptr);
    CHECK(w == 7);
    CHECK(h == 5);
    CHECK(comp == bytes_per_pixel(format));
    CHECK(std::equal(back, back + c.stride() * 5, c.row(0)));
    stbi_image_free(back);

    const std::string pgm = dir.file("page.pgm");
    REQUIRE(write_pgm(c, pgm).ok());
    back = stbi_load(pgm.c_str(), &w, &h, &comp, 0);
    REQUIRE(back != nullptr);
    CHECK(comp == 1);
    for (int32_t y = 0; y < 5; ++y)
      for (int32_t x = 0; x < 7; ++x) CHECK(back[y * 7 + x] == c.gray_at(x, y));
    stbi_image_free(back);
  }
}

TEST_CASE("image output: rotation swaps sides and maps pixels clockwise", "[raster][output]") {
  const Canvas c = pattern(3, 2, PixelFormat::kGray8);
  const Canvas r90 = rotate(c, Rotation::k90);
  REQUIRE(r90.width() == 2);
  REQUIRE(r90.height() == 3);
  // Clockwise: the input's top-left lands top-right, its bottom-left top-left.
  CHECK(r90.gray_at(1, 0) == c.gray_at(0, 0));
  CHECK(r90.gray_at(0, 0) == c.gray_at(0, 1));
  for (int32_t y = 0; y < 3; ++y)
    for (int32_t x = 0; x < 2; ++x) CHECK(r90.gray_at(x, y) == c.gray_at(y, 1 - x));
  const Canvas r180 = rotate(c, Rotation::k180);
  CHECK(r180.gray_at(0, 0) == c.gray_at(2, 1));
  const Canvas r270 = rotate(c, Rotation::k270);
  CHECK(r270.width() == 2);
  CHECK(r270.gray_at(0, 2) == c.gray_at(0, 0));
  const Canvas back = rotate(r90, Rotation::k270);
  CHECK(std::equal(back.row(0), back.row(0) + 6, c.row(0)));

  TempDir dir("rotate");
  const std::string pgm = dir.file("r.pgm");
  REQUIRE(write_pgm(c, pgm, Rotation::k90).ok());
  int w = 0, h = 0, comp = 0;
  stbi_uc* px = stbi_load(pgm.c_str(), &w, &h, &comp, 1);
  REQUIRE(px != nullptr);
  CHECK(w == 2);
  CHECK(h == 3);
  CHECK(px[1] == c.gray_at(0, 0));
  stbi_image_free(px);
}

TEST_CASE("image output: a write failure names the path and the reason", "[raster][output]") {
  const Canvas c = pattern(2, 2, PixelFormat::kGray8);
  for (auto status : {write_png(c, "/nonexistent-dir/x.png"), write_pgm(c, "/nonexistent-dir/x.pgm")}) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == ErrorCode::kUnreadableFile);
    CHECK_THAT(status.error().message, Catch::Contains("/nonexistent-dir/x.p") && Catch::Contains("No such file"));
  }
}
