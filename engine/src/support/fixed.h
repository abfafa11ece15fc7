#pragma once
// Layout positions are 26.6 fixed point (1/64 px) end to end, as FreeType and HarfBuzz report them,
// so the same input gives bit-identical breaks and pages on every CPU. Floating point is used only
// for ratios that are reported, never for positions that decide a break.
#include <cstdint>

namespace inkset {

using Fixed = int32_t;  // 26.6: 64 units per pixel
inline constexpr Fixed kFixedOne = 64;

constexpr Fixed px_to_fixed(int32_t px) { return px * kFixedOne; }
constexpr int32_t fixed_floor(Fixed f) { return f >> 6; }
constexpr int32_t fixed_ceil(Fixed f) { return (f + 63) >> 6; }
constexpr int32_t fixed_round(Fixed f) { return (f + 32) >> 6; }
constexpr double fixed_to_double(Fixed f) { return f / 64.0; }

// Points (1/72 in) at a given dpi to 26.6 pixels, rounded to nearest.
constexpr Fixed points_to_fixed(double points, int dpi) {
  const double px64 = points * dpi / 72.0 * 64.0;
  return static_cast<Fixed>(px64 >= 0 ? px64 + 0.5 : px64 - 0.5);
}

}  // namespace inkset
