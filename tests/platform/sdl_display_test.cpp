#include <catch2/catch.hpp>

// The SDL2 window is part of the build only with INKSET_WITH_SDL.
#if INKSET_HAVE_SDL2

#include <cstdlib>

#include <SDL.h>

#include "platform/sdl2/sdl_display.h"

using namespace inkset;
using namespace inkset::platform;

namespace {

std::unique_ptr<SdlDisplay> offscreen_display(int w, int h) {
  SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
  SdlDisplayOptions options;
  options.page_width = w;
  options.page_height = h;
  auto display = SdlDisplay::create(options);
  REQUIRE(display.ok());
  return std::move(*display);
}

SDL_Event key_down(SDL_Keycode key) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key;
  return e;
}

}  // namespace

TEST_CASE("sdl: keys and clicks become reader events", "[platform][sdl]") {
  auto display = offscreen_display(120, 80);
  CHECK(display->width() == 120);
  CHECK(display->height() == 80);
  while (display->poll_event(0)) {
  }
  for (SDL_Keycode k : {SDLK_RIGHT, SDLK_PAGEUP, SDLK_HOME, SDLK_END, SDLK_RETURN, SDLK_ESCAPE}) {
    SDL_Event e = key_down(k);
    SDL_PushEvent(&e);
  }
  SDL_Event text{};
  text.type = SDL_TEXTINPUT;
  text.text.text[0] = '+';
  SDL_PushEvent(&text);
  SDL_Event click{};
  click.type = SDL_MOUSEBUTTONUP;
  click.button.button = SDL_BUTTON_LEFT;
  click.button.x = 10;
  click.button.y = 20;
  SDL_PushEvent(&click);

  std::vector<InputEvent> got;
  while (auto e = display->poll_event(0)) got.push_back(*e);
  REQUIRE(got.size() == 8);
  CHECK(got[0].type == EventType::kNextPage);
  CHECK(got[1].type == EventType::kPreviousPage);
  CHECK(got[2].type == EventType::kFirstPage);
  CHECK(got[3].type == EventType::kLastPage);
  CHECK((got[4].type == EventType::kKey && got[4].ch == '\n'));
  CHECK(got[5].type == EventType::kQuit);
  CHECK((got[6].type == EventType::kKey && got[6].ch == '+'));
  CHECK((got[7].type == EventType::kTap && got[7].x == 10 && got[7].y == 20));
}

TEST_CASE("sdl: pages must match the window's page size, which can change", "[platform][sdl]") {
  auto display = offscreen_display(100, 60);
  Bitmap page;
  page.width = 60;
  page.height = 100;
  page.stride = 60;
  page.pixels.assign(6000, 128);
  const Rect whole{0, 0, 60, 100};
  CHECK_FALSE(display->present(page, std::span<const Rect>(&whole, 1), RefreshKind::kFull).ok());
  REQUIRE(display->set_page_size(60, 100).ok());
  auto token = display->present(page, std::span<const Rect>(&whole, 1), RefreshKind::kFull);
  REQUIRE(token.ok());
  CHECK(*token != 0);
  REQUIRE(display->set_rotation(90).ok());
  CHECK(display->width() == 60);
  CHECK(display->height() == 100);
}

#endif
