#include <catch2/catch.hpp>

#include <stb/stb_image_write.h>

#include <fstream>
#include <vector>

#include "raster/image_store.h"
#include "raster_fixtures.h"

using namespace inkset;
using namespace inkset::raster;
using namespace inkset::raster::testing;

namespace {

uint32_t crc32(const uint8_t* data, size_t len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

// A PNG signature and a valid IHDR claiming width x height, with no image data behind it.
std::vector<uint8_t> png_header_only(uint32_t width, uint32_t height) {
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> chunk = {'I', 'H', 'D', 'R'};
  put_be32(chunk, width);
  put_be32(chunk, height);
  chunk.insert(chunk.end(), {8, 2, 0, 0, 0});  // 8-bit RGB, deflate, no filter, no interlace
  put_be32(png, 13);
  png.insert(png.end(), chunk.begin(), chunk.end());
  put_be32(png, crc32(chunk.data(), chunk.size()));
  return png;
}

}  // namespace

TEST_CASE("image store: PNG decodes to Rec. 709 gray with alpha over white", "[raster][image]") {
  TempDir dir("image_png");
  const uint8_t rgba[] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 128};
  const std::string path = dir.file("colors.png");
  REQUIRE(stbi_write_png(path.c_str(), 5, 1, 4, rgba, 5 * 4));
  ImageStore store;
  const uint32_t index = store.add_file(path);
  REQUIRE_FALSE(store.failed(index));
  CHECK(store.width(index) == 5);
  CHECK(store.height(index) == 1);
  const GrayImage* img = store.scaled(index, 5, 1);
  REQUIRE(img != nullptr);
  CHECK(std::abs(img->pixels[0] - 54) <= 1);   // 0.2126 * 255
  CHECK(std::abs(img->pixels[1] - 182) <= 1);  // 0.7152 * 255
  CHECK(std::abs(img->pixels[2] - 18) <= 1);   // 0.0722 * 255
  CHECK(img->pixels[3] == 255);                // fully transparent: paper
  CHECK(std::abs(img->pixels[4] - 127) <= 1);  // half-transparent black over white
}

TEST_CASE("image store: JPEG decodes to the same gray", "[raster][image]") {
  TempDir dir("image_jpg");
  const uint8_t colors[3][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
  const int expected[3] = {54, 182, 18};
  ImageStore store;
  for (int c = 0; c < 3; ++c) {
    std::vector<uint8_t> rgb;
    for (int i = 0; i < 16 * 16; ++i) rgb.insert(rgb.end(), colors[c], colors[c] + 3);
    const std::string path = dir.file("c" + std::to_string(c) + ".jpg");
    REQUIRE(stbi_write_jpg(path.c_str(), 16, 16, 3, rgb.data(), 100));
    const uint32_t index = store.add_file(path);
    REQUIRE_FALSE(store.failed(index));
    const GrayImage* img = store.scaled(index, 16, 16);
    REQUIRE(img != nullptr);
    INFO("colour " << c);
    CHECK(std::abs(img->pixels[8 * 16 + 8] - expected[c]) <= 1);
  }
}

TEST_CASE("image store: a huge header is refused before decoding", "[raster][image]") {
  const std::vector<uint8_t> bomb = png_header_only(100000, 100000);
  // stb_image itself would accept these dimensions (its own cap is 2^24 per side), and decoding a
  // file with no image data would fail as corrupt: kLimitExceeded shows the header check came first.
  auto decoded = decode_gray(bomb, "bomb.png", ImageLimits{});
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().code == ErrorCode::kLimitExceeded);
  CHECK_THAT(decoded.error().message, Catch::Contains("100000x100000"));
  ImageStore store;
  const uint32_t index = store.add_memory(bomb, "bomb.png");
  CHECK(store.failed(index));
  REQUIRE(store.error(index) != nullptr);
  CHECK(store.error(index)->code == ErrorCode::kLimitExceeded);
  CHECK(store.scaled(index, 10, 10) == nullptr);
  // The same header under the limit is decoded and found corrupt.
  auto small = decode_gray(png_header_only(10, 10), "small.png", ImageLimits{});
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().code == ErrorCode::kUnreadableFile);
}

TEST_CASE("image store: the file size limit is checked before reading", "[raster][image]") {
  TempDir dir("image_size");
  const uint8_t gray[64] = {};
  const std::string path = dir.file("g.png");
  REQUIRE(stbi_write_png(path.c_str(), 8, 8, 1, gray, 8));
  ImageLimits limits;
  limits.max_file_bytes = 16;
  auto loaded = load_gray(path, limits);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().code == ErrorCode::kLimitExceeded);
  auto missing = load_gray(dir.file("nope.png"), ImageLimits{});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kUnreadableFile);
  const uint8_t junk[] = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
  auto garbage = decode_gray(junk, "junk", ImageLimits{});
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().code == ErrorCode::kUnreadableFile);
  CHECK(ImageStore().failed(3));  // never added
}

TEST_CASE("image store: scaling is done in linear light and cached per size", "[raster][image]") {
  TempDir dir("image_scale");
  uint8_t checker[8 * 8];
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) checker[y * 8 + x] = ((x + y) & 1) ? 255 : 0;
  const std::string path = dir.file("checker.png");
  REQUIRE(stbi_write_png(path.c_str(), 8, 8, 1, checker, 8));
  ImageStore store;
  const uint32_t index = store.add_file(path);
  const GrayImage* small = store.scaled(index, 2, 2);
  REQUIRE(small != nullptr);
  // Half black, half white averages to half the light: sRGB 188, where averaging codes gives 128.
  for (uint8_t v : small->pixels) CHECK(std::abs(v - 188) <= 2);
  CHECK(store.stats().misses == 1);
  store.scaled(index, 2, 2);
  CHECK(store.stats().hits == 1);
  store.scaled(index, 4, 4);
  CHECK(store.stats().misses == 2);
  CHECK(store.stats().scaled_bytes == 4 + 16);
}
