#include "memory_display.h"

#include "pixels.h"

namespace inkset::platform {

namespace {

ScreenFormat screen_format_for(PixelFormat format) {
  switch (format) {
    case PixelFormat::kRgb565: return rgb565_format();
    case PixelFormat::kBgra8888: return xrgb8888_format();
    case PixelFormat::kRgba8888: {
      ScreenFormat f = xrgb8888_format();
      f.red.offset = 0;
      f.blue.offset = 16;
      f.transp = {24, 8};
      return f;
    }
    case PixelFormat::kGray8: break;
  }
  return gray8_format();
}

}  // namespace

MemoryDisplay::MemoryDisplay(int width, int height, PixelFormat format) {
  m_frame.width = width;
  m_frame.height = height;
  m_frame.format = format;
  m_frame.stride = width * bytes_per_pixel(format);
  m_frame.pixels.assign(static_cast<size_t>(m_frame.stride) * height, 0xFF);
}

int MemoryDisplay::width() const { return m_rotation % 180 == 0 ? m_frame.width : m_frame.height; }
int MemoryDisplay::height() const { return m_rotation % 180 == 0 ? m_frame.height : m_frame.width; }

Status MemoryDisplay::set_rotation(int degrees) {
  if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
    return make_error(ErrorCode::kBadArguments, "rotation must be 0, 90, 180 or 270 degrees");
  m_rotation = degrees;
  return ok_status();
}

Result<RefreshToken> MemoryDisplay::present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) {
  if (page.width != width() || page.height != height())
    return make_error(ErrorCode::kBadArguments, "page is " + std::to_string(page.width) + "x" +
                                                    std::to_string(page.height) + ", the screen " +
                                                    std::to_string(width()) + "x" + std::to_string(height()));
  const Rect screen{0, 0, width(), height()};
  PresentRecord record{kind, {}};
  for (const Rect& d : dirty) {
    const Rect r = intersect(d, screen);
    if (r.empty()) continue;
    blit(page, r, m_rotation, screen_format_for(m_frame.format), m_frame.pixels.data(), m_frame.stride);
    record.regions.push_back(r);
  }
  if (record.regions.empty()) return RefreshToken{0};
  m_presents.push_back(std::move(record));
  return static_cast<RefreshToken>(m_presents.size());
}

Status MemoryDisplay::wait(RefreshToken) { return ok_status(); }

std::optional<InputEvent> MemoryDisplay::poll_event(int) {
  if (m_events.empty()) return std::nullopt;
  InputEvent e = m_events.front();
  m_events.pop_front();
  return e;
}

}  // namespace inkset::platform
