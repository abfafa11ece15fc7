#include "pixels.h"

#include <array>
#include <cassert>
#include <cstring>

namespace inkset::platform {

ScreenFormat gray8_format() { return ScreenFormat{}; }

ScreenFormat rgb565_format() {
  ScreenFormat f;
  f.bits_per_pixel = 16;
  f.red = {11, 5};
  f.green = {5, 6};
  f.blue = {0, 5};
  return f;
}

ScreenFormat xrgb8888_format() {
  ScreenFormat f;
  f.bits_per_pixel = 32;
  f.red = {16, 8};
  f.green = {8, 8};
  f.blue = {0, 8};
  return f;
}

std::optional<PixelFormat> engine_format_of(const ScreenFormat& format) {
  const auto same = [](const ChannelField& a, const ChannelField& b) {
    return a.offset == b.offset && a.length == b.length;
  };
  const auto rgb_as = [&](const ScreenFormat& f) {
    return format.bits_per_pixel == f.bits_per_pixel && same(format.red, f.red) &&
           same(format.green, f.green) && same(format.blue, f.blue);
  };
  if (format.bits_per_pixel == 8) {
    if (format.inverted_gray) return std::nullopt;
    return PixelFormat::kGray8;
  }
  if (rgb_as(rgb565_format())) return PixelFormat::kRgb565;
  if (rgb_as(xrgb8888_format())) return PixelFormat::kBgra8888;
  return std::nullopt;
}

Rect rotate_rect(const Rect& r, int rotation, int logical_w, int logical_h) {
  switch (rotation) {
    case 90: return Rect{logical_h - r.bottom(), r.x, r.height, r.width};
    case 180: return Rect{logical_w - r.right(), logical_h - r.bottom(), r.width, r.height};
    case 270: return Rect{r.y, logical_w - r.right(), r.height, r.width};
    default: return r;
  }
}

Rgb pixel_rgb(const Bitmap& page, int x, int y) {
  const uint8_t* p = page.pixels.data() + static_cast<size_t>(y) * page.stride;
  switch (page.format) {
    case PixelFormat::kGray8: return Rgb{p[x], p[x], p[x]};
    case PixelFormat::kRgba8888: p += x * 4; return Rgb{p[0], p[1], p[2]};
    case PixelFormat::kBgra8888: p += x * 4; return Rgb{p[2], p[1], p[0]};
    case PixelFormat::kRgb565: {
      const unsigned v = p[x * 2] | (p[x * 2 + 1] << 8);
      // Replicating the high bits into the low ones maps 31 and 63 to 255 exactly.
      const unsigned r = (v >> 11) & 31, g = (v >> 5) & 63, b = v & 31;
      return Rgb{static_cast<uint8_t>((r << 3) | (r >> 2)), static_cast<uint8_t>((g << 2) | (g >> 4)),
                 static_cast<uint8_t>((b << 3) | (b >> 2))};
    }
  }
  return Rgb{0, 0, 0};
}

namespace {

uint32_t pack_channel(unsigned value8, const ChannelField& field) {
  if (field.length <= 0) return 0;
  const unsigned v = field.length <= 8 ? value8 >> (8 - field.length) : value8 << (field.length - 8);
  return static_cast<uint32_t>(v) << field.offset;
}

uint32_t pack(const Rgb& c, const ScreenFormat& f) {
  if (f.bits_per_pixel == 8) {
    // BT.601 luma weights scaled to 256; they sum to 256, so gray input passes through unchanged.
    const unsigned y = (c.r * 77u + c.g * 150u + c.b * 29u) >> 8;
    return f.inverted_gray ? 255 - y : y;
  }
  const uint32_t alpha = f.transp.length > 0 ? pack_channel(255, f.transp) : 0;
  return pack_channel(c.r, f.red) | pack_channel(c.g, f.green) | pack_channel(c.b, f.blue) | alpha;
}

void store(uint8_t* p, uint32_t v, int bytes) {
  switch (bytes) {
    case 1: p[0] = static_cast<uint8_t>(v); break;
    case 2: p[0] = static_cast<uint8_t>(v); p[1] = static_cast<uint8_t>(v >> 8); break;
    default: std::memcpy(p, &v, 4); break;  // framebuffers are little-endian on every target we run on
  }
}

}  // namespace

void blit(const Bitmap& page, const Rect& r, int rotation, const ScreenFormat& format, uint8_t* dst, int stride) {
  assert(r.x >= 0 && r.y >= 0 && r.right() <= page.width && r.bottom() <= page.height);
  if (r.empty()) return;
  const ptrdiff_t bpp = format.bytes_per_pixel();
  const ptrdiff_t w = page.width, h = page.height, s = stride;
  // Memory address of logical (x, y) = origin + x * step_x + y * step_y.
  ptrdiff_t origin = 0, step_x = bpp, step_y = s;
  switch (rotation) {
    case 90: origin = (h - 1) * bpp; step_x = s; step_y = -bpp; break;
    case 180: origin = (w - 1) * bpp + (h - 1) * s; step_x = -bpp; step_y = -s; break;
    case 270: origin = (w - 1) * s; step_x = -s; step_y = bpp; break;
    default: break;
  }
  const int bytes = static_cast<int>(bpp);
  if (page.format == PixelFormat::kGray8) {
    std::array<uint32_t, 256> table{};
    for (unsigned v = 0; v < 256; ++v) table[v] = pack(Rgb{uint8_t(v), uint8_t(v), uint8_t(v)}, format);
    for (int y = r.y; y < r.bottom(); ++y) {
      const uint8_t* src = page.pixels.data() + static_cast<size_t>(y) * page.stride;
      uint8_t* out = dst + origin + r.x * step_x + y * step_y;
      if (rotation == 0 && bytes == 1 && !format.inverted_gray) {
        std::memcpy(out, src + r.x, static_cast<size_t>(r.width));
        continue;
      }
      for (int x = r.x; x < r.right(); ++x, out += step_x) store(out, table[src[x]], bytes);
    }
    return;
  }
  for (int y = r.y; y < r.bottom(); ++y) {
    uint8_t* out = dst + origin + r.x * step_x + y * step_y;
    for (int x = r.x; x < r.right(); ++x, out += step_x) store(out, pack(pixel_rgb(page, x, y), format), bytes);
  }
}

}  // namespace inkset::platform
