#pragma once
// Copies a rendered gray page into a caller's buffer in the device's pixel format and rotation.
// The format and rotation are chosen once per page; the inner loops are per format.
#include <cstdint>

#include <inkset/document.h>

#include "raster/canvas.h"

namespace inkset {

// rotation: 0, 90, 180 or 270 degrees clockwise. `out` holds the rotated page with `stride` bytes per row.
void export_pixels(const raster::Canvas& gray, int rotation, PixelFormat format, uint8_t* out, int stride);

}  // namespace inkset
