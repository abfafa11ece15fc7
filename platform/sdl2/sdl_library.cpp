#include "sdl_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace inkset::platform {

Result<const SdlLibrary*> load_sdl() {
  static SdlLibrary library;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    // Never closed: the window code may run until the process ends.
    void* handle = dlopen("libSDL2-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* reason = dlerror();
      failure = reason ? reason : "libSDL2-2.0.so.0 not found";
      return;
    }
#define INKSET_SDL_RESOLVE(name)                                                   \
  library.name = reinterpret_cast<decltype(library.name)>(dlsym(handle, #name));  \
  if (!library.name && failure.empty()) failure = std::string("no symbol ") + #name;
    INKSET_SDL_FUNCTIONS(INKSET_SDL_RESOLVE)
#undef INKSET_SDL_RESOLVE
  });
  if (!failure.empty())
    return make_error(ErrorCode::kUnreadableFile,
                      "cannot load SDL2 (" + failure + "): install libsdl2-2.0-0 for the preview window");
  return &library;
}

}  // namespace inkset::platform
