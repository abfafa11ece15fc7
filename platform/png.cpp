#include "png.h"

#include <vector>

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include "pixels.h"

namespace inkset::platform {

Status write_png(const Bitmap& page, const std::string& path) {
  int ok = 0;
  if (page.format == PixelFormat::kGray8) {
    ok = stbi_write_png(path.c_str(), page.width, page.height, 1, page.pixels.data(), page.stride);
  } else {
    std::vector<uint8_t> rgb(static_cast<size_t>(page.width) * page.height * 3);
    size_t i = 0;
    for (int y = 0; y < page.height; ++y)
      for (int x = 0; x < page.width; ++x) {
        const Rgb c = pixel_rgb(page, x, y);
        rgb[i++] = c.r;
        rgb[i++] = c.g;
        rgb[i++] = c.b;
      }
    ok = stbi_write_png(path.c_str(), page.width, page.height, 3, rgb.data(), page.width * 3);
  }
  if (!ok) return make_error(ErrorCode::kUnreadableFile, "cannot write PNG '" + path + "'");
  return ok_status();
}

}  // namespace inkset::platform
