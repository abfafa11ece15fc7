#include <catch2/catch.hpp>

#include <stb/stb_image_write.h>

#include <chrono>

#include "raster/renderer.h"
#include "raster_fixtures.h"

using namespace inkset;
using namespace inkset::raster;
using namespace inkset::raster::testing;

namespace {

// lines x columns of Latin glyphs at 18 px on a 1072x1448 page, the size of a 300 dpi 6" reader.
display::DisplayList text_page(int lines, int columns) {
  display::DisplayList list;
  list.width = 1072;
  list.height = 1448;
  const char* sample = "Sphinx of black quartz, judge my vow. The quick brown fox jumps";
  display::GlyphRun run;
  run.face = charis();
  run.size = px_to_fixed(18);
  for (int line = 0; line < lines; ++line) {
    list.begin_glyph_run(run);
    for (int col = 0; col < columns; ++col) {
      const char32_t cp = static_cast<unsigned char>(sample[(line * 7 + col) % 63]);
      // 16.3 px per glyph leaves every quarter-pixel phase in use.
      list.add_glyph({glyph_of(bundled_fonts(), run.face, cp), px_to_fixed(40) + col * 1043, px_to_fixed(60 + line * 30)});
    }
  }
  return list;
}

}  // namespace

TEST_CASE("renderer: draws glyphs, rules and images in order", "[raster][renderer]") {
  TempDir dir("render");
  uint8_t gradient[32 * 32];
  for (int i = 0; i < 32 * 32; ++i) gradient[i] = static_cast<uint8_t>((i % 32) * 8);
  const std::string path = dir.file("g.png");
  REQUIRE(stbi_write_png(path.c_str(), 32, 32, 1, gradient, 32));
  ImageStore images;
  const uint32_t good = images.add_file(path);

  display::DisplayList list;
  list.width = 200;
  list.height = 100;
  display::GlyphRun run;
  run.face = charis();
  run.size = px_to_fixed(24);
  list.begin_glyph_run(run);
  list.add_glyph({glyph_of(bundled_fonts(), run.face, U'H'), px_to_fixed(10), px_to_fixed(40)});
  list.add_rect({px_to_fixed(0), px_to_fixed(50), px_to_fixed(200), px_to_fixed(1), 0});
  list.add_image({good, 100, 10, 64, 64});
  list.add_rect({px_to_fixed(120), px_to_fixed(20), px_to_fixed(4), px_to_fixed(4), 255});  // over the image

  GlyphCache glyphs;
  for (const RenderOptions& options : {RenderOptions{}, RenderOptions::screen()}) {
    Canvas canvas;
    REQUIRE(render_page(list, bundled_fonts(), glyphs, images, options, canvas).ok());
    CHECK(canvas.width() == 200);
    CHECK(canvas.format() == options.format);
    int dark = 0;
    for (int32_t y = 20; y < 41; ++y)
      for (int32_t x = 9; x < 30; ++x) dark += canvas.gray_at(x, y) < 64;
    CHECK(dark > 40);
    CHECK(canvas.gray_at(60, 50) == 0);
    CHECK(canvas.gray_at(60, 49) == 255);
    CHECK(canvas.gray_at(101, 40) < 40);   // dark end of the gradient
    CHECK(canvas.gray_at(162, 40) > 200);  // light end
    CHECK(canvas.gray_at(121, 21) == 255);  // the later rectangle covers the image
  }
  CHECK(glyphs.stats().hits == 1);
}

TEST_CASE("renderer: a failed image is a framed cross", "[raster][renderer]") {
  ImageStore images;
  const uint8_t junk[] = {1, 2, 3, 4};
  const uint32_t bad = images.add_memory(junk, "junk");
  REQUIRE(images.failed(bad));
  display::DisplayList list;
  list.width = 100;
  list.height = 100;
  list.add_image({bad, 10, 10, 80, 60});
  list.add_image({77, 0, 0, 5, 5});  // an index the store never had
  GlyphCache glyphs;
  Canvas canvas;
  REQUIRE(render_page(list, bundled_fonts(), glyphs, images, RenderOptions{}, canvas).ok());
  CHECK(canvas.gray_at(50, 10) == 192);  // top edge of the frame
  CHECK(canvas.gray_at(10, 40) == 192);  // left edge
  CHECK(canvas.gray_at(89, 40) == 192);  // right edge
  CHECK(canvas.gray_at(50, 40) < 255);   // the diagonals cross in the middle
  CHECK(canvas.gray_at(50, 20) == 255);  // above the crossing, between the diagonals
  CHECK(canvas.gray_at(0, 0) == 192);
  CHECK(canvas.gray_at(95, 95) == 255);
}

TEST_CASE("renderer: 16-level output holds only the 16 levels", "[raster][renderer]") {
  TempDir dir("levels");
  uint8_t gradient[64 * 16];
  for (int i = 0; i < 64 * 16; ++i) gradient[i] = static_cast<uint8_t>((i % 64) * 4);
  const std::string path = dir.file("g.png");
  REQUIRE(stbi_write_png(path.c_str(), 64, 16, 1, gradient, 64));
  ImageStore images;
  display::DisplayList list = text_page(4, 30);
  list.add_image({images.add_file(path), 40, 200, 300, 80});
  list.add_rect({px_to_fixed(40), px_to_fixed(300) + 20, px_to_fixed(500), 40, 100});
  GlyphCache glyphs;
  Canvas canvas;
  REQUIRE(render_page(list, bundled_fonts(), glyphs, images, RenderOptions::eink(), canvas).ok());
  std::array<int, 256> seen{};
  for (int32_t y = 0; y < canvas.height(); ++y)
    for (int32_t x = 0; x < canvas.width(); ++x) ++seen[canvas.gray_at(x, y)];
  int levels_used = 0;
  for (int v = 0; v < 256; ++v) {
    if (!seen[v]) continue;
    INFO("value " << v);
    CHECK(v % 17 == 0);
    ++levels_used;
  }
  CHECK(levels_used > 8);
}

TEST_CASE("renderer: bad options and pages are refused", "[raster][renderer]") {
  display::DisplayList list;
  GlyphCache glyphs;
  ImageStore images;
  Canvas canvas;
  auto empty = render_page(list, bundled_fonts(), glyphs, images, RenderOptions{}, canvas);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == ErrorCode::kBadArguments);
  list.width = list.height = 10;
  RenderOptions options;
  options.gray_levels = 7;
  CHECK_FALSE(render_page(list, bundled_fonts(), glyphs, images, options, canvas).ok());
  options = RenderOptions{};
  options.text_gamma = 0;
  CHECK_FALSE(render_page(list, bundled_fonts(), glyphs, images, options, canvas).ok());
}

TEST_CASE("renderer: full text page, cold and warm glyph cache", "[.][bench][raster]") {
  const display::DisplayList list = text_page(45, 60);
  ImageStore images;
  Canvas canvas;
  for (const RenderOptions& options : {RenderOptions{}, RenderOptions::eink()}) {
    GlyphCache glyphs;
    auto time = [&] {
      const auto t0 = std::chrono::steady_clock::now();
      REQUIRE(render_page(list, bundled_fonts(), glyphs, images, options, canvas).ok());
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    };
    const double cold = time();
    double warm = 1e9;
    for (int i = 0; i < 5; ++i) warm = std::min(warm, time());
    WARN("levels " << options.gray_levels << ": cold " << cold << " ms, warm " << warm << " ms, glyphs "
                   << glyphs.stats().entries << " cached, " << glyphs.stats().bytes << " bytes");
  }
}
