#pragma once
// SDL2, loaded when a window is first asked for instead of linked: linked, it and the fifty
// libraries it brings (X11, Wayland, PulseAudio...) are mapped into every inkset process, which costs
// each command 4 MB of memory and 3 ms of start-up although only the preview opens a window, and
// stops `inkset` from starting at all on a machine without them.
#include <SDL.h>

#include <inkset/result.h>

namespace inkset::platform {

// The SDL functions the desktop window calls.
#define INKSET_SDL_FUNCTIONS(X)                                                                                   \
  X(SDL_ComposeCustomBlendMode) X(SDL_CreateRenderer) X(SDL_CreateTexture) X(SDL_CreateWindow) X(SDL_Delay)       \
  X(SDL_DestroyRenderer) X(SDL_DestroyTexture) X(SDL_DestroyWindow) X(SDL_GetDesktopDisplayMode)                 \
  X(SDL_GetDisplayUsableBounds) X(SDL_GetError) X(SDL_GetTicks) X(SDL_GetWindowFlags) X(SDL_InitSubSystem)        \
  X(SDL_PollEvent) X(SDL_QuitSubSystem) X(SDL_RenderClear) X(SDL_RenderCopy) X(SDL_RenderFillRect)               \
  X(SDL_RenderPresent) X(SDL_RenderSetLogicalSize) X(SDL_SetHint) X(SDL_SetRenderDrawBlendMode)                  \
  X(SDL_SetRenderDrawColor) X(SDL_SetWindowSize) X(SDL_StartTextInput) X(SDL_UpdateTexture) X(SDL_WaitEvent)     \
  X(SDL_WaitEventTimeout)

struct SdlLibrary {
#define INKSET_SDL_POINTER(name) decltype(&::name) name = nullptr;
  INKSET_SDL_FUNCTIONS(INKSET_SDL_POINTER)
#undef INKSET_SDL_POINTER
};

// Loads the SDL2 shared library once per process (later calls return the same table). Error:
// kUnreadableFile, "cannot load SDL2 (<reason>): install libsdl2-2.0-0 for the preview window".
Result<const SdlLibrary*> load_sdl();

}  // namespace inkset::platform
