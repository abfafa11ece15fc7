#pragma once
// Reduction of a rendered page to the gray levels an e-ink panel shows (16 on most: 0, 17, ..., 255).
//
// Photos are error-diffused (Floyd-Steinberg) so their tones survive; text and rules are rounded to
// the nearest level, because diffusion would scatter noise along every anti-aliased edge.
#include <span>

#include "raster/canvas.h"

namespace inkset::raster {

// Rounds every pixel to the nearest of `levels` evenly spaced grays (2..256).
void quantize_nearest(Canvas& canvas, int levels);

// Floyd-Steinberg error diffusion (1976) inside rect only, scanning serpentine so the error does not
// drift in one direction; error never leaves the rect. Pixels already on a level stay put.
void dither_floyd_steinberg(Canvas& canvas, const PixelRect& rect, int levels);

// The page pass: diffusion inside each image rectangle, nearest level everywhere else.
void quantize_page(Canvas& canvas, std::span<const PixelRect> image_rects, int levels);

}  // namespace inkset::raster
