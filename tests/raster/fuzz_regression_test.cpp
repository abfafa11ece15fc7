// Inputs the fuzzers (tests/fuzz) crashed on, replayed through the same calls. Under the sanitized
// build (INKSET_SANITIZE) these fail loudly if the bug comes back; in a plain build they check the
// repaired behaviour.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "font/font_collection.h"
#include "raster/glyph_cache.h"
#include "raster/image_store.h"
#include "shape/shape_cache.h"
#include "shape/shaper.h"

namespace fs = std::filesystem;
using namespace inkset;

namespace {

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

const std::string kDir = std::string(INKSET_TEST_DATA) + "/bad-input/";

}  // namespace

TEST_CASE("fuzz regression: a PNM header overflowing to 0 x 0 is refused, not scaled", "[raster][fuzz]") {
  raster::ImageLimits limits;
  auto image = raster::decode_gray(read_bytes(kDir + "fuzz-image-zero-size.pgm"), "zero.pgm", limits);
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().code == ErrorCode::kUnreadableFile);
  CHECK(image.error().message == "zero.pgm: the image has no pixels");
  raster::ImageStore store;
  const uint32_t index = store.add_memory(read_bytes(kDir + "fuzz-image-zero-size.pgm"), "zero.pgm");
  CHECK(store.failed(index));
  CHECK(store.scaled(index, 10, 10) == nullptr);
}

TEST_CASE("fuzz regression: 16-bit PNM is refused before stb_image overflows its buffer", "[raster][fuzz]") {
  raster::ImageLimits limits;
  auto image = raster::decode_gray(read_bytes(kDir + "fuzz-image-16bit.pgm"), "deep.pgm", limits);
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().message == "deep.pgm: 16-bit PNM images are not supported");
  // 8-bit PNM still decodes.
  const std::string pgm = "P5\n2 1\n255\n\x10\x20";
  auto ok = raster::decode_gray(std::span(reinterpret_cast<const uint8_t*>(pgm.data()), pgm.size()), "ok.pgm", limits);
  REQUIRE(ok.ok());
  CHECK(ok->pixels == std::vector<uint8_t>{0x10, 0x20});
}

TEST_CASE("fuzz regression: a JPEG Huffman table of more than 256 codes is refused", "[raster][fuzz]") {
  raster::ImageLimits limits;
  auto image = raster::decode_gray(read_bytes(kDir + "fuzz-image-jpeg-huffman.jpg"), "h.jpg", limits);
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().message == "h.jpg: invalid JPEG (a Huffman table with more than 256 codes)");
  // A valid JPEG still decodes.
  auto photo = raster::load_gray(std::string(INKSET_SOURCE_DIR) + "/content/sample/images/video-still.jpg", limits);
  CHECK(photo.ok());
}

TEST_CASE("fuzz regression: empty glyphs of a broken font are cached without copying", "[raster][fuzz]") {
  char tmpl[] = "/tmp/inkset-fuzz-font-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  const fs::path dir = tmpl;
  const char* font_file = GENERATE("fuzz-font-empty-glyph.ttf", "fuzz-font-zero-width-glyph.ttf");
  INFO(font_file);
  fs::copy_file(kDir + font_file, dir / "f.ttf");
  font::FontConfig config;
  config.directories = {dir.string()};
  auto fonts = font::FontCollection::create(config);
  REQUIRE(fonts.ok());
  shape::ShapeCache cache(1u << 20);
  shape::Shaper shaper(**fonts, cache);
  const std::string text = "Affine fi";
  shape::TextStyle style;
  style.family = (*fonts)->info(0).family;
  style.size = 16 * 64;
  const shape::StyleRange ranges[1] = {{0, static_cast<uint32_t>(text.size()), 0}};
  const shape::TextStyle styles[1] = {style};
  const auto shaped = shaper.shape(text, ranges, styles, shape::BaseDirection::kAuto);
  raster::GlyphCache glyphs(1u << 20);
  int empty = 0;
  for (size_t g = 0; g < shaped.glyph_count(); ++g) {
    raster::GlyphKey key;
    key.face = 0;
    key.glyph = shaped.glyph_id[g];
    key.size = style.size;
    auto bitmap = glyphs.get(**fonts, key);
    if (bitmap.ok() && bitmap->width * bitmap->height == 0) ++empty;
    // A second lookup is a cache hit on the same (empty) entry.
    auto again = glyphs.get(**fonts, key);
    CHECK(again.ok() == bitmap.ok());
  }
  CHECK(empty > 0);
  fs::remove_all(dir);
}

TEST_CASE("fuzz regression: a sliver image of extreme aspect ratio is refused, not scaled for seconds", "[raster][image][fuzz]") {
  // The image fuzzer's timeout: a 74-byte PGM header claiming 325255x2 pixels (under the pixel limit).
  std::string pgm = "P5\n325255\n 2\n255\n";
  pgm.append(64, '\0');
  const std::vector<uint8_t> bytes(pgm.begin(), pgm.end());
  raster::ImageLimits limits;
  auto image = raster::decode_gray(bytes, "sliver.pgm", limits);
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().code == ErrorCode::kLimitExceeded);
  CHECK(image.error().message.find("side over the limit") != std::string::npos);
  // A long but sane image still decodes.
  std::string ok = "P5\n4000 2\n255\n";
  ok.append(8000, '\x80');
  CHECK(raster::decode_gray(std::vector<uint8_t>(ok.begin(), ok.end()), "long.pgm", limits).ok());
}

TEST_CASE("fuzz regression: a PNM header number too long for an int is refused before stb_image", "[raster][image][fuzz]") {
  // stb_image's header parser overflows a signed int on this (undefined behaviour, found by the fuzzer).
  std::string pnm = "P5" + std::string(60, '8') + "\n3 2\n255\n";
  pnm.append(6, '\0');
  auto image = raster::decode_gray(std::vector<uint8_t>(pnm.begin(), pnm.end()), "long.pgm", raster::ImageLimits{});
  REQUIRE_FALSE(image.ok());
  CHECK(image.error().message.find("invalid PNM header") != std::string::npos);
  const std::string fine = "P5 # a comment\n3 2\n255\n" + std::string(6, '\x40');
  CHECK(raster::decode_gray(std::vector<uint8_t>(fine.begin(), fine.end()), "fine.pgm", raster::ImageLimits{}).ok());
}

TEST_CASE("fuzz regression: a Huffman table of over 256 codes in a truncated JPEG segment is refused", "[raster][image][fuzz]") {
  // The DHT segment claims more bytes than the file has; stb_image still reads the table and
  // overflows its code-size array (found by the image fuzzer).
  // A second variant hides the start-of-image marker behind 0xFF fill bytes, which stb skips.
  for (const char* name : {"truncated-huffman-table.jpg", "fill-before-soi-huffman-table.jpg"}) {
    INFO(name);
    const auto bytes = read_bytes(std::string(INKSET_TEST_DATA) + "/raster/" + name);
    auto image = raster::decode_gray(bytes, name, raster::ImageLimits{});
    REQUIRE_FALSE(image.ok());
    CHECK(image.error().message.find("Huffman table") != std::string::npos);
  }
}
