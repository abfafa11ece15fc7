#pragma once
// A desktop window as a Display: the page at device resolution, scaled to fit with nearest-neighbour
// sampling so pixels stay crisp, and an optional status line below the page (outside its pixels).
// With e-ink simulation a full refresh flashes the page inverted, as a panel does.
#include <memory>
#include <string>
#include <vector>

#include "../display.h"
#include "../pixels.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;

namespace inkset::platform {

struct SdlDisplayOptions {
  std::string title = "inkset";
  int page_width = 758;  // ignored when fullscreen: the page is the screen
  int page_height = 1024;
  bool fullscreen = false;
  bool eink = false;
  int status_height = 24;  // in page pixels; 0: no status line
};

class SdlDisplay final : public Display {
 public:
  // Initialises SDL video; the driver can be chosen beforehand with SDL_VIDEODRIVER.
  static Result<std::unique_ptr<SdlDisplay>> create(const SdlDisplayOptions& options);
  ~SdlDisplay() override;
  SdlDisplay(const SdlDisplay&) = delete;
  SdlDisplay& operator=(const SdlDisplay&) = delete;

  // A new logical page size (device turned, window resized); the screen is cleared to white.
  Status set_page_size(int width, int height);
  // Shown below the page; ASCII.
  void set_status(const std::string& text);

  int width() const override;
  int height() const override;
  PixelFormat pixel_format() const override { return PixelFormat::kBgra8888; }
  int rotation() const override { return m_rotation; }
  Status set_rotation(int degrees) override;
  Result<RefreshToken> present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) override;
  Status wait(RefreshToken token) override;
  std::optional<InputEvent> poll_event(int timeout_ms) override;

 private:
  SdlDisplay() = default;
  Status allocate(int physical_width, int physical_height);
  void redraw(bool flash);
  std::optional<InputEvent> translate(const void* sdl_event);

  SDL_Window* m_window = nullptr;
  SDL_Renderer* m_renderer = nullptr;
  SDL_Texture* m_texture = nullptr;
  SdlDisplayOptions m_options;
  double m_scale = 1.0;  // window pixels per page pixel, fixed when the window opens
  int m_phys_width = 0, m_phys_height = 0;
  int m_rotation = 0;
  std::vector<uint8_t> m_pixels;  // the physical frame, XRGB8888
  std::string m_status;
  RefreshToken m_next_token = 1;
};

}  // namespace inkset::platform
