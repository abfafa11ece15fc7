#pragma once
// A Linux framebuffer (/dev/fbN) as a Display: pages are converted to the device's pixel layout and
// rotation, written into its mapped memory, and the written regions handed to a RefreshDriver.
// A regular file can stand in for the device (development, tests): it is sized and mapped, and the
// geometry is given instead of queried.
#include <memory>
#include <string>
#include <string_view>

#include "../display.h"
#include "../input/evdev.h"
#include "../pixels.h"
#include "refresh_driver.h"

namespace inkset::platform {

struct FramebufferGeometry {
  int width = 0;           // visible pixels, physical orientation
  int height = 0;
  int bits_per_pixel = 8;  // 8 (gray), 16 (RGB565) or 32 (XRGB8888)
};

// "WxHxBPP", e.g. "758x1024x8".
Result<FramebufferGeometry> parse_geometry(std::string_view text);

class FramebufferDisplay final : public Display {
 public:
  // Queries the device with FBIOGET_VSCREENINFO / FBIOGET_FSCREENINFO and maps its memory.
  static Result<std::unique_ptr<FramebufferDisplay>> open_device(const std::string& path);
  // Creates or truncates path to one screen of the given geometry and maps it (rows are packed).
  static Result<std::unique_ptr<FramebufferDisplay>> open_file(const std::string& path,
                                                               const FramebufferGeometry& geometry);
  ~FramebufferDisplay() override;
  FramebufferDisplay(const FramebufferDisplay&) = delete;
  FramebufferDisplay& operator=(const FramebufferDisplay&) = delete;

  // The default is NullRefreshDriver. The driver may use fd(); it is destroyed before the fd closes.
  void set_refresh_driver(std::unique_ptr<RefreshDriver> driver) { m_driver = std::move(driver); }
  void set_input(std::unique_ptr<EvdevInput> input);
  // True if the device driver is the i.MX EPDC (e-ink) one, which wants MXCFB update requests.
  bool is_mxc_epdc() const { return m_mxc_epdc; }
  int fd() const { return m_fd; }
  const ScreenFormat& screen_format() const { return m_format; }

  int width() const override;
  int height() const override;
  PixelFormat pixel_format() const override;
  int rotation() const override { return m_rotation; }
  Status set_rotation(int degrees) override;
  Result<RefreshToken> present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) override;
  Status wait(RefreshToken token) override;
  std::optional<InputEvent> poll_event(int timeout_ms) override;

 private:
  FramebufferDisplay() = default;
  Status map(size_t bytes);

  int m_fd = -1;
  uint8_t* m_memory = nullptr;
  size_t m_mapped = 0;
  uint8_t* m_visible = nullptr;  // first visible pixel (xoffset, yoffset applied)
  int m_stride = 0;              // line_length
  int m_phys_width = 0, m_phys_height = 0;
  ScreenFormat m_format;
  int m_rotation = 0;
  bool m_mxc_epdc = false;
  std::unique_ptr<RefreshDriver> m_driver = std::make_unique<NullRefreshDriver>();
  std::unique_ptr<EvdevInput> m_input;
};

}  // namespace inkset::platform
