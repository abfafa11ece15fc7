#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "platform/fbdev/framebuffer.h"
#include "platform/fbdev/refresh_driver.h"

using namespace inkset;
using namespace inkset::platform;

namespace {

// A page whose every pixel differs from its neighbours: value depends on x and y.
Bitmap synthetic_page(int w, int h) {
  Bitmap b;
  b.width = w;
  b.height = h;
  b.stride = w + 3;  // padded rows must not leak into the screen
  b.format = PixelFormat::kGray8;
  b.pixels.assign(static_cast<size_t>(b.stride) * h, 0x5A);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) b.pixels[y * b.stride + x] = static_cast<uint8_t>((x * 7 + y * 13) & 0xFF);
  return b;
}

uint8_t gray_at(const Bitmap& b, int x, int y) { return b.pixels[y * b.stride + x]; }

std::vector<uint8_t> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string temp_path(const char* name) { return std::string("/tmp/inkset_fb_test_") + name; }

Result<std::unique_ptr<FramebufferDisplay>> open_fb(const std::string& path, const char* geometry) {
  auto g = parse_geometry(geometry);
  REQUIRE(g.ok());
  return FramebufferDisplay::open_file(path, *g);
}

void present_whole(FramebufferDisplay& fb, const Bitmap& page, RefreshKind kind = RefreshKind::kFull) {
  const Rect whole{0, 0, page.width, page.height};
  auto token = fb.present(page, std::span<const Rect>(&whole, 1), kind);
  REQUIRE(token.ok());
  REQUIRE(fb.wait(*token).ok());
}

}  // namespace

TEST_CASE("fb: geometry strings are parsed and checked", "[platform][fb]") {
  auto g = parse_geometry("758x1024x16");
  REQUIRE(g.ok());
  CHECK(g->width == 758);
  CHECK(g->height == 1024);
  CHECK(g->bits_per_pixel == 16);
  CHECK_FALSE(parse_geometry("758x1024").ok());
  CHECK_FALSE(parse_geometry("758x1024x24").ok());
  CHECK_FALSE(parse_geometry("0x10x8").ok());
  CHECK_FALSE(parse_geometry("10x10x8junk").ok());
  CHECK(parse_geometry("axbxc").error().code == ErrorCode::kBadArguments);
}

TEST_CASE("fb: a gray8 file framebuffer holds the page byte for byte", "[platform][fb]") {
  const std::string path = temp_path("gray8");
  const Bitmap page = synthetic_page(37, 23);
  {
    auto fb = open_fb(path, "37x23x8");
    REQUIRE(fb.ok());
    CHECK((*fb)->pixel_format() == PixelFormat::kGray8);
    present_whole(**fb, page);
  }
  const auto bytes = read_all(path);
  REQUIRE(bytes.size() == 37u * 23u);
  for (int y = 0; y < 23; ++y)
    for (int x = 0; x < 37; ++x) REQUIRE(bytes[y * 37 + x] == gray_at(page, x, y));
  std::remove(path.c_str());
}

TEST_CASE("fb: an RGB565 file framebuffer holds the page's grays in 5-6-5 bits", "[platform][fb]") {
  const std::string path = temp_path("rgb565");
  const Bitmap page = synthetic_page(31, 17);
  {
    auto fb = open_fb(path, "31x17x16");
    REQUIRE(fb.ok());
    CHECK((*fb)->pixel_format() == PixelFormat::kRgb565);
    present_whole(**fb, page);
  }
  const auto bytes = read_all(path);
  REQUIRE(bytes.size() == 31u * 17u * 2u);
  for (int y = 0; y < 17; ++y)
    for (int x = 0; x < 31; ++x) {
      const unsigned v = bytes[(y * 31 + x) * 2] | (bytes[(y * 31 + x) * 2 + 1] << 8);
      const unsigned g = gray_at(page, x, y);
      REQUIRE(((v >> 11) & 31) == g >> 3);
      REQUIRE(((v >> 5) & 63) == g >> 2);
      REQUIRE((v & 31) == g >> 3);
    }
  std::remove(path.c_str());
}

TEST_CASE("fb: an XRGB8888 file framebuffer holds B, G, R, X bytes", "[platform][fb]") {
  const std::string path = temp_path("xrgb");
  Bitmap page;
  page.width = 5;
  page.height = 3;
  page.format = PixelFormat::kRgba8888;
  page.stride = 5 * 4;
  page.pixels.resize(5 * 3 * 4);
  for (int i = 0; i < 15; ++i) {
    page.pixels[i * 4 + 0] = static_cast<uint8_t>(i * 10);       // R
    page.pixels[i * 4 + 1] = static_cast<uint8_t>(i * 10 + 1);   // G
    page.pixels[i * 4 + 2] = static_cast<uint8_t>(i * 10 + 2);   // B
    page.pixels[i * 4 + 3] = 0;
  }
  {
    auto fb = open_fb(path, "5x3x32");
    REQUIRE(fb.ok());
    CHECK((*fb)->pixel_format() == PixelFormat::kBgra8888);
    present_whole(**fb, page);
  }
  const auto bytes = read_all(path);
  REQUIRE(bytes.size() == 5u * 3u * 4u);
  for (int i = 0; i < 15; ++i) {
    REQUIRE(bytes[i * 4 + 0] == i * 10 + 2);
    REQUIRE(bytes[i * 4 + 1] == i * 10 + 1);
    REQUIRE(bytes[i * 4 + 2] == i * 10);
    REQUIRE(bytes[i * 4 + 3] == 0);  // no alpha field: X stays 0
  }
  std::remove(path.c_str());
}

TEST_CASE("fb: rotation turns the page clockwise into the physical screen", "[platform][fb]") {
  const std::string path = temp_path("rot");
  auto fb = open_fb(path, "4x6x8");  // physical 4 wide, 6 high
  REQUIRE(fb.ok());
  FramebufferDisplay& d = **fb;
  REQUIRE(d.set_rotation(90).ok());
  REQUIRE(d.width() == 6);
  REQUIRE(d.height() == 4);
  const Bitmap page = synthetic_page(6, 4);
  present_whole(d, page);
  const auto bytes = read_all(path);
  // Clockwise: logical (x, y) lands at physical (H - 1 - y, x), H being the logical height.
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 6; ++x) REQUIRE(bytes[x * 4 + (3 - y)] == gray_at(page, x, y));

  REQUIRE(d.set_rotation(180).ok());
  const Bitmap upright = synthetic_page(4, 6);
  present_whole(d, upright);
  const auto turned = read_all(path);
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 4; ++x) REQUIRE(turned[(5 - y) * 4 + (3 - x)] == gray_at(upright, x, y));

  REQUIRE(d.set_rotation(270).ok());
  present_whole(d, page);
  const auto ccw = read_all(path);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 6; ++x) REQUIRE(ccw[(5 - x) * 4 + y] == gray_at(page, x, y));
  CHECK_FALSE(d.set_rotation(45).ok());
  std::remove(path.c_str());
}

TEST_CASE("fb: only dirty regions are written and sent to the refresh driver, rotated", "[platform][fb]") {
  const std::string path = temp_path("dirty");
  const std::string log = temp_path("dirty.log");
  auto fb = open_fb(path, "8x6x8");
  REQUIRE(fb.ok());
  FramebufferDisplay& d = **fb;
  auto rec = RecordingRefreshDriver::create(log);
  REQUIRE(rec.ok());
  RecordingRefreshDriver* driver = rec->get();
  d.set_refresh_driver(std::move(*rec));
  REQUIRE(d.set_rotation(90).ok());  // logical 6x8
  const Bitmap page = synthetic_page(6, 8);
  const Rect dirty{1, 2, 3, 4};
  auto token = d.present(page, std::span<const Rect>(&dirty, 1), RefreshKind::kPartial);
  REQUIRE(token.ok());
  REQUIRE(d.wait(*token).ok());
  const auto bytes = read_all(path);
  for (int py = 0; py < 6; ++py)
    for (int px = 0; px < 8; ++px) {
      // Physical (px, py) shows logical (py, H - 1 - px) with logical height 8.
      const int lx = py, ly = 7 - px;
      const bool inside = lx >= 1 && lx < 4 && ly >= 2 && ly < 6;
      REQUIRE(bytes[py * 8 + px] == (inside ? gray_at(page, lx, ly) : 0));
    }
  REQUIRE(driver->records().size() == 1);
  CHECK(driver->records()[0].region == Rect{2, 1, 4, 3});
  CHECK(driver->records()[0].kind == RefreshKind::kPartial);
  CHECK(std::string(driver->records()[0].waveform) == "GC16");
  CHECK(driver->waited() == std::vector<RefreshToken>{*token});

  // Nothing dirty: nothing sent.
  auto none = d.present(page, {}, RefreshKind::kPartial);
  REQUIRE(none.ok());
  CHECK(*none == 0);
  CHECK(driver->records().size() == 1);

  std::ifstream in(log);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(line == "marker=1 kind=partial waveform=GC16 region=2,1,4x3");
  std::remove(path.c_str());
  std::remove(log.c_str());
}

TEST_CASE("fb: a page of the wrong size is refused", "[platform][fb]") {
  const std::string path = temp_path("size");
  auto fb = open_fb(path, "8x6x8");
  REQUIRE(fb.ok());
  const Bitmap page = synthetic_page(6, 8);
  const Rect whole{0, 0, 6, 8};
  auto r = (*fb)->present(page, std::span<const Rect>(&whole, 1), RefreshKind::kFull);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kBadArguments);
  std::remove(path.c_str());
}

TEST_CASE("fb: a missing device is a clear error", "[platform][fb]") {
  auto fb = FramebufferDisplay::open_device("/nonexistent/fb0");
  REQUIRE_FALSE(fb.ok());
  CHECK(fb.error().message.find("/nonexistent/fb0") != std::string::npos);
  auto notfb = FramebufferDisplay::open_device("/dev/null");
  REQUIRE_FALSE(notfb.ok());
}

TEST_CASE("fb: waveforms per refresh kind follow the EPDC conventions", "[platform][fb]") {
  CHECK(waveform_for(RefreshKind::kFull).update_mode == 1);
  CHECK(waveform_for(RefreshKind::kPartial).update_mode == 0);
  CHECK(std::string(waveform_for(RefreshKind::kFast).name) == "DU");
}
