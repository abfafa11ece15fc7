#pragma once
// Converting and rotating page pixels into a screen's own memory layout. The layout is described the
// way the Linux framebuffer describes it (bits per pixel plus a bit field per channel), which also
// covers SDL textures and in-memory frames.
#include <cstdint>
#include <optional>

#include <inkset/document.h>

#include "display.h"

namespace inkset::platform {

struct ChannelField {
  int offset = 0;  // of the least significant bit
  int length = 0;  // 0: channel absent
};

struct ScreenFormat {
  int bits_per_pixel = 8;  // 8, 16 or 32
  // With 8 bits per pixel the channels are ignored and the byte holds a gray level.
  ChannelField red, green, blue, transp;
  // Some e-ink controllers store 0 as white.
  bool inverted_gray = false;

  int bytes_per_pixel() const { return bits_per_pixel / 8; }
};

ScreenFormat gray8_format();
ScreenFormat rgb565_format();
ScreenFormat xrgb8888_format();  // bytes B, G, R, X in memory
// The engine format matching a screen format exactly, if any (kBgra8888 for XRGB8888 and so on).
std::optional<PixelFormat> engine_format_of(const ScreenFormat& format);

// The rectangle r of a logical page (size logical_w x logical_h) as it lies in memory after turning
// the page `rotation` degrees clockwise.
Rect rotate_rect(const Rect& r, int rotation, int logical_w, int logical_h);

// Copies the logical rectangle r of page into a screen buffer of the given format whose rows are
// stride bytes apart and whose (unrotated) origin is dst. The page is turned `rotation` degrees
// clockwise; the screen holds the rotated page (physical size logical_h x logical_w for 90/270).
// r must lie inside the page. The conversion is chosen once per call, not per pixel.
void blit(const Bitmap& page, const Rect& r, int rotation, const ScreenFormat& format, uint8_t* dst, int stride);

// The 8-bit red, green and blue of one page pixel.
struct Rgb {
  uint8_t r, g, b;
};
Rgb pixel_rgb(const Bitmap& page, int x, int y);

}  // namespace inkset::platform
