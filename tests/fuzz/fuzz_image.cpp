// Image decoding (PNG, JPEG, GIF, BMP, PNM through stb_image) and scaling, with the engine's limits.
#include <cstdint>
#include <span>

#include "raster/image_store.h"

using namespace inkset;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  raster::ImageLimits limits;
  // Small enough that a fuzzer-made header cannot make one run take seconds.
  limits.max_pixels = 4'000'000;
  auto image = raster::decode_gray(std::span<const uint8_t>(data, size), "fuzz", limits);
  if (!image) return 0;
  const int32_t w = image->width, h = image->height;
  // Reductions beyond 2:1 take the box filter, mild ones the cubic; both and an enlargement.
  (void)raster::scale_gray(*image, w / 3 + 1, h / 3 + 1);
  (void)raster::scale_gray(*image, w - w / 4, h - h / 4 > 0 ? h - h / 4 : 1);
  if (static_cast<int64_t>(w) * h < 10'000) (void)raster::scale_gray(*image, w * 2, h * 2);
  return 0;
}
