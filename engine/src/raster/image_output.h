#pragma once
// Writing pages to files: PNG (gray or RGBA, as the canvas is) and binary PGM (P5, gray).
// The panel's orientation is applied here, after rendering, so layout and raster never see it.
#include <string>

#include "raster/canvas.h"
#include "support/result.h"

namespace inkset::raster {

enum class Rotation : uint8_t { k0, k90, k180, k270 };  // clockwise

// A rotated copy; 90 and 270 swap width and height.
Canvas rotate(const Canvas& canvas, Rotation rotation);

// Errors: kUnreadableFile (the file class) with the path and the system's reason when writing fails.
Status write_png(const Canvas& canvas, const std::string& path, Rotation rotation = Rotation::k0);
// RGBA canvases are written from their red channel (the engine draws equal R, G and B).
Status write_pgm(const Canvas& canvas, const std::string& path, Rotation rotation = Rotation::k0);

}  // namespace inkset::raster
