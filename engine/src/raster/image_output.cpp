#include "raster/image_output.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace inkset::raster {
namespace {

using File = std::unique_ptr<FILE, int (*)(FILE*)>;

Error write_error(const std::string& path, int err) {
  return make_error(ErrorCode::kUnreadableFile, "cannot write " + path + ": " + std::strerror(err));
}

// Writes all of bytes to path, reporting errno from whichever step failed.
Status write_file(const std::string& path, const std::string& header, const uint8_t* data, size_t size) {
  errno = 0;
  File file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return write_error(path, errno);
  if (std::fwrite(header.data(), 1, header.size(), file.get()) != header.size() ||
      std::fwrite(data, 1, size, file.get()) != size)
    return write_error(path, errno ? errno : EIO);
  // fclose flushes: a full disk shows up here.
  if (std::fclose(file.release()) != 0) return write_error(path, errno ? errno : EIO);
  return ok_status();
}

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

Canvas rotate(const Canvas& canvas, Rotation rotation) {
  const int32_t w = canvas.width(), h = canvas.height();
  const bool swap = rotation == Rotation::k90 || rotation == Rotation::k270;
  Canvas out(swap ? h : w, swap ? w : h, canvas.format());
  const int bpp = bytes_per_pixel(canvas.format());
  for (int32_t y = 0; y < out.height(); ++y) {
    uint8_t* dst = out.row(y);
    for (int32_t x = 0; x < out.width(); ++x) {
      int32_t sx = x, sy = y;
      switch (rotation) {
        case Rotation::k0: break;
        case Rotation::k90: sx = y; sy = h - 1 - x; break;
        case Rotation::k180: sx = w - 1 - x; sy = h - 1 - y; break;
        case Rotation::k270: sx = w - 1 - y; sy = x; break;
      }
      std::memcpy(dst + x * bpp, canvas.row(sy) + sx * bpp, static_cast<size_t>(bpp));
    }
  }
  return out;
}

Status write_png(const Canvas& canvas, const std::string& path, Rotation rotation) {
  const Canvas rotated = rotation == Rotation::k0 ? Canvas() : rotate(canvas, rotation);
  const Canvas& c = rotation == Rotation::k0 ? canvas : rotated;
  if (c.width() == 0 || c.height() == 0)
    return make_error(ErrorCode::kBadArguments, "cannot write " + path + ": empty page");
  std::vector<uint8_t> png;
  if (!stbi_write_png_to_func(append_bytes, &png, c.width(), c.height(), bytes_per_pixel(c.format()), c.row(0),
                              c.stride()))
    return make_error(ErrorCode::kInternal, "cannot encode " + path + " as PNG");
  return write_file(path, {}, png.data(), png.size());
}

Status write_pgm(const Canvas& canvas, const std::string& path, Rotation rotation) {
  const Canvas rotated = rotation == Rotation::k0 ? Canvas() : rotate(canvas, rotation);
  const Canvas& c = rotation == Rotation::k0 ? canvas : rotated;
  if (c.width() == 0 || c.height() == 0)
    return make_error(ErrorCode::kBadArguments, "cannot write " + path + ": empty page");
  std::vector<uint8_t> gray(static_cast<size_t>(c.width()) * c.height());
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = 0; x < c.width(); ++x) gray[static_cast<size_t>(y) * c.width() + x] = c.gray_at(x, y);
  const std::string header = "P5\n" + std::to_string(c.width()) + " " + std::to_string(c.height()) + "\n255\n";
  return write_file(path, header, gray.data(), gray.size());
}

}  // namespace inkset::raster
