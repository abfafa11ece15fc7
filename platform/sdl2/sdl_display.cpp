#include "sdl_display.h"

#include <algorithm>
#include <cmath>

#include <SDL.h>
#include <stb_easy_font.h>

#include "sdl_library.h"

namespace inkset::platform {

namespace {

// Loaded by SdlDisplay::create before any other call.
const SdlLibrary& sdl() { return *load_sdl().value(); }

Error sdl_error(const char* what) {
  return make_error(ErrorCode::kInternal, std::string(what) + ": " + sdl().SDL_GetError());
}

ScreenFormat texture_format() {
  ScreenFormat f = xrgb8888_format();
  f.transp = {24, 8};
  return f;
}

constexpr int kTextScale = 2;  // stb_easy_font glyphs are 7 pixels high: too small on 200+ dpi pages

}  // namespace

Result<std::unique_ptr<SdlDisplay>> SdlDisplay::create(const SdlDisplayOptions& options) {
  if (auto library = load_sdl(); !library) return std::move(library).take_error();
  if (sdl().SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return sdl_error("cannot start SDL video");
  std::unique_ptr<SdlDisplay> d(new SdlDisplay());
  d->m_options = options;
  int page_w = options.page_width, page_h = options.page_height;
  const int status = options.status_height;
  SDL_Rect usable{0, 0, 0, 0};
  if (options.fullscreen) {
    SDL_DisplayMode mode;
    if (sdl().SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > status) {
      page_w = mode.w;
      page_h = mode.h - status;
    }
  } else if (sdl().SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
    // Large pages open scaled down to fit the desktop; the scale then stays, so resizing reflows.
    d->m_scale = std::min({1.0, usable.w / static_cast<double>(page_w),
                           usable.h / static_cast<double>(page_h + status)});
  }
  sdl().SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
  const Uint32 flags = options.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
  d->m_window = sdl().SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 static_cast<int>(std::lround(page_w * d->m_scale)),
                                 static_cast<int>(std::lround((page_h + status) * d->m_scale)), flags);
  if (!d->m_window) return sdl_error("cannot open a window");
  d->m_renderer = sdl().SDL_CreateRenderer(d->m_window, -1, 0);
  if (!d->m_renderer) d->m_renderer = sdl().SDL_CreateRenderer(d->m_window, -1, SDL_RENDERER_SOFTWARE);
  if (!d->m_renderer) return sdl_error("cannot create a renderer");
  INKSET_TRY(d->allocate(page_w, page_h));
  sdl().SDL_StartTextInput();
  return d;
}

SdlDisplay::~SdlDisplay() {
  if (m_texture) sdl().SDL_DestroyTexture(m_texture);
  if (m_renderer) sdl().SDL_DestroyRenderer(m_renderer);
  if (m_window) sdl().SDL_DestroyWindow(m_window);
  sdl().SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

Status SdlDisplay::allocate(int physical_width, int physical_height) {
  if (m_texture) sdl().SDL_DestroyTexture(m_texture);
  m_texture = sdl().SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, physical_width,
                                physical_height);
  if (!m_texture) return sdl_error("cannot create the page texture");
  m_phys_width = physical_width;
  m_phys_height = physical_height;
  m_pixels.assign(static_cast<size_t>(physical_width) * physical_height * 4, 0xFF);
  sdl().SDL_RenderSetLogicalSize(m_renderer, m_phys_width, m_phys_height + m_options.status_height);
  return ok_status();
}

Status SdlDisplay::set_page_size(int width, int height) {
  if (width <= 0 || height <= 0) return make_error(ErrorCode::kBadArguments, "page size must be positive");
  const bool turned = m_rotation % 180 != 0;
  INKSET_TRY(allocate(turned ? height : width, turned ? width : height));
  if (!m_options.fullscreen && !(sdl().SDL_GetWindowFlags(m_window) & SDL_WINDOW_MAXIMIZED))
    sdl().SDL_SetWindowSize(m_window, static_cast<int>(std::lround(m_phys_width * m_scale)),
                      static_cast<int>(std::lround((m_phys_height + m_options.status_height) * m_scale)));
  redraw(false);
  return ok_status();
}

void SdlDisplay::set_status(const std::string& text) {
  m_status = text;
  redraw(false);
}

int SdlDisplay::width() const { return m_rotation % 180 == 0 ? m_phys_width : m_phys_height; }
int SdlDisplay::height() const { return m_rotation % 180 == 0 ? m_phys_height : m_phys_width; }

Status SdlDisplay::set_rotation(int degrees) {
  if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
    return make_error(ErrorCode::kBadArguments, "rotation must be 0, 90, 180 or 270 degrees");
  const int w = width(), h = height();
  m_rotation = degrees;
  return set_page_size(w, h);
}

Result<RefreshToken> SdlDisplay::present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) {
  if (page.width != width() || page.height != height())
    return make_error(ErrorCode::kBadArguments, "page is " + std::to_string(page.width) + "x" +
                                                    std::to_string(page.height) + ", the window's page " +
                                                    std::to_string(width()) + "x" + std::to_string(height()));
  const Rect screen{0, 0, width(), height()};
  bool any = false;
  for (const Rect& d : dirty) {
    const Rect r = intersect(d, screen);
    if (r.empty()) continue;
    blit(page, r, m_rotation, texture_format(), m_pixels.data(), m_phys_width * 4);
    any = true;
  }
  if (!any) return RefreshToken{0};
  sdl().SDL_UpdateTexture(m_texture, nullptr, m_pixels.data(), m_phys_width * 4);
  if (m_options.eink && kind == RefreshKind::kFull) {
    redraw(true);
    sdl().SDL_Delay(120);
  }
  redraw(false);
  return m_next_token++;
}

Status SdlDisplay::wait(RefreshToken) { return ok_status(); }

void SdlDisplay::redraw(bool flash) {
  sdl().SDL_SetRenderDrawColor(m_renderer, 0xD8, 0xD8, 0xD8, 0xFF);
  sdl().SDL_RenderClear(m_renderer);
  // The window is the panel: it shows the physical frame, turned as the panel would hold it.
  const SDL_Rect page{0, 0, m_phys_width, m_phys_height};
  sdl().SDL_RenderCopy(m_renderer, m_texture, nullptr, &page);
  if (flash) {
    // An e-ink full refresh drives every pixel through its inverse; show the inverted page briefly.
    const SDL_BlendMode invert =
        sdl().SDL_ComposeCustomBlendMode(SDL_BLENDFACTOR_ONE_MINUS_DST_COLOR, SDL_BLENDFACTOR_ZERO, SDL_BLENDOPERATION_ADD,
                                   SDL_BLENDFACTOR_ZERO, SDL_BLENDFACTOR_ONE, SDL_BLENDOPERATION_ADD);
    const bool inverts = sdl().SDL_SetRenderDrawBlendMode(m_renderer, invert) == 0;
    if (inverts) sdl().SDL_SetRenderDrawColor(m_renderer, 0xFF, 0xFF, 0xFF, 0xFF);
    else sdl().SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 0xFF);
    sdl().SDL_RenderFillRect(m_renderer, &page);
    sdl().SDL_SetRenderDrawBlendMode(m_renderer, SDL_BLENDMODE_NONE);
  }
  if (m_options.status_height > 0 && !m_status.empty()) {
    std::vector<char> text(m_status.begin(), m_status.end());
    text.push_back('\0');
    static char quads[64 * 1024];
    unsigned char color[4] = {0, 0, 0, 255};
    const int n = stb_easy_font_print(0, 0, text.data(), color, quads, sizeof quads);
    const int text_w = stb_easy_font_width(text.data()) * kTextScale;
    const int x0 = std::max(4, (m_phys_width - text_w) / 2);
    const int y0 = m_phys_height + (m_options.status_height - 7 * kTextScale) / 2;
    sdl().SDL_SetRenderDrawColor(m_renderer, 0x20, 0x20, 0x20, 0xFF);
    for (int q = 0; q < n; ++q) {
      // Each quad is 4 vertices of 16 bytes (x, y, z floats, then the colour); corners 0 and 2 span it.
      const float* v0 = reinterpret_cast<const float*>(quads + q * 64);
      const float* v2 = reinterpret_cast<const float*>(quads + q * 64 + 32);
      const SDL_Rect r{x0 + static_cast<int>(v0[0]) * kTextScale, y0 + static_cast<int>(v0[1]) * kTextScale,
                       static_cast<int>(v2[0] - v0[0]) * kTextScale, static_cast<int>(v2[1] - v0[1]) * kTextScale};
      sdl().SDL_RenderFillRect(m_renderer, &r);
    }
  }
  sdl().SDL_RenderPresent(m_renderer);
}

std::optional<InputEvent> SdlDisplay::translate(const void* sdl_event) {
  const SDL_Event& e = *static_cast<const SDL_Event*>(sdl_event);
  InputEvent out;
  switch (e.type) {
    case SDL_QUIT: out.type = EventType::kQuit; return out;
    case SDL_KEYDOWN:
      switch (e.key.keysym.sym) {
        case SDLK_RIGHT:
        case SDLK_SPACE:
        case SDLK_PAGEDOWN: out.type = EventType::kNextPage; return out;
        case SDLK_LEFT:
        case SDLK_PAGEUP: out.type = EventType::kPreviousPage; return out;
        case SDLK_HOME: out.type = EventType::kFirstPage; return out;
        case SDLK_END: out.type = EventType::kLastPage; return out;
        case SDLK_q:
        case SDLK_ESCAPE: out.type = EventType::kQuit; return out;
        case SDLK_RETURN:
        case SDLK_KP_ENTER: out.type = EventType::kKey; out.ch = '\n'; return out;
        case SDLK_BACKSPACE: out.type = EventType::kKey; out.ch = '\b'; return out;
        default: return std::nullopt;
      }
    case SDL_TEXTINPUT: {
      const unsigned char c = static_cast<unsigned char>(e.text.text[0]);
      // Space and q already act through their key codes.
      if (c < 0x21 || c > 0x7E || c == 'q') return std::nullopt;
      out.type = EventType::kKey;
      out.ch = c;
      return out;
    }
    case SDL_MOUSEBUTTONUP: {
      if (e.button.button != SDL_BUTTON_LEFT || e.button.x >= m_phys_width || e.button.y >= m_phys_height)
        return std::nullopt;
      // Mouse positions are physical; turning back by the rest of a full turn gives page coordinates.
      const Rect at = rotate_rect(Rect{e.button.x, e.button.y, 1, 1}, (360 - m_rotation) % 360, m_phys_width,
                                  m_phys_height);
      out.type = EventType::kTap;
      out.x = at.x;
      out.y = at.y;
      return out;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        const int w = static_cast<int>(e.window.data1 / m_scale);
        const int h = static_cast<int>(e.window.data2 / m_scale) - m_options.status_height;
        if (w < 64 || h < 64) return std::nullopt;
        out.type = EventType::kResize;
        out.width = m_rotation % 180 == 0 ? w : h;
        out.height = m_rotation % 180 == 0 ? h : w;
        return out;
      }
      if (e.window.event == SDL_WINDOWEVENT_EXPOSED) redraw(false);
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<InputEvent> SdlDisplay::poll_event(int timeout_ms) {
  const Uint32 start = sdl().SDL_GetTicks();
  while (true) {
    SDL_Event e;
    int waited = 0;
    if (timeout_ms < 0) {
      waited = sdl().SDL_WaitEvent(&e);
    } else {
      const int left = timeout_ms - static_cast<int>(sdl().SDL_GetTicks() - start);
      waited = left > 0 ? sdl().SDL_WaitEventTimeout(&e, left) : sdl().SDL_PollEvent(&e);
    }
    if (!waited) return std::nullopt;
    if (auto event = translate(&e)) return event;
  }
}

}  // namespace inkset::platform
