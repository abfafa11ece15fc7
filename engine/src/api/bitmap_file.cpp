#include <inkset/document.h>

#include "raster/canvas.h"
#include "raster/image_output.h"

namespace inkset {

Status write_bitmap(const Bitmap& bitmap, const std::string& path, ImageFileFormat format) {
  if (bitmap.format != PixelFormat::kGray8)
    return make_error(ErrorCode::kBadArguments, path + ": only gray pages can be written as PNG or PGM");
  raster::Canvas canvas(bitmap.width, bitmap.height, raster::PixelFormat::kGray8);
  canvas.copy_gray(bitmap.pixels.data(), bitmap.width, bitmap.height, bitmap.stride, 0, 0);
  return format == ImageFileFormat::kPng ? raster::write_png(canvas, path) : raster::write_pgm(canvas, path);
}

}  // namespace inkset
