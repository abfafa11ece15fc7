#pragma once
// The image table of one document: each image decoded once to gray, scaled copies cached per
// destination size.
//
// Hostile files are refused before any pixel is decoded: the file size is checked before reading and
// the header's dimensions (stbi_info) before decoding, so a small file claiming a huge canvas (a
// decompression bomb) costs nothing. A refused or broken image keeps its index and is marked failed;
// the renderer draws a placeholder for it.
//
// Thread-safety: not thread-safe; one store per document.
#include <cstddef>
#include <cstdint>
#include <list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace inkset::raster {

struct ImageLimits {
  uint64_t max_pixels = 40'000'000;    // width * height from the header
  uint64_t max_file_bytes = 32u << 20;
  // Longest side: no page is wider or taller, and scaling a sliver of extreme aspect ratio costs
  // time that grows faster than its pixel count (325255x2 took 28 s; found by the image fuzzer).
  int32_t max_side = 16384;
};

// Opaque 8-bit gray pixels, rows `width` bytes apart.
struct GrayImage {
  int32_t width = 0;
  int32_t height = 0;
  std::vector<uint8_t> pixels;
};

// Decodes PNG, JPEG, GIF (first frame) or BMP to gray: Rec. 709 luma weights on the stored (sRGB)
// values, alpha composited over white. `name` only labels errors.
// Errors: kLimitExceeded (file or pixel limit, checked before decoding), kUnreadableFile (not an
// image stb_image understands, or corrupt).
Result<GrayImage> decode_gray(std::span<const uint8_t> bytes, std::string_view name, const ImageLimits& limits);

// Reads a file (its size checked against the limit first) and decodes it with decode_gray.
Result<GrayImage> load_gray(const std::string& path, const ImageLimits& limits);

// Resamples in linear light (Mitchell filter; a box filter for reductions beyond 2:1, where it
// averages every source pixel and the cubic would alias).
GrayImage scale_gray(const GrayImage& image, int32_t width, int32_t height);

struct ImageStoreStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  size_t scaled_bytes = 0;
};

class ImageStore {
 public:
  static constexpr size_t kDefaultScaledBytes = 16u << 20;

  explicit ImageStore(ImageLimits limits = {}, size_t max_scaled_bytes = kDefaultScaledBytes);

  // Adds an image and returns its index (indices count up from 0 in order of addition). Never fails:
  // a bad image is stored as failed and error() says why.
  uint32_t add_file(const std::string& path);
  uint32_t add_memory(std::span<const uint8_t> bytes, std::string_view name);

  size_t size() const { return m_images.size(); }
  // True for failed images and for indices that were never added.
  bool failed(uint32_t index) const;
  const Error* error(uint32_t index) const;  // nullptr when the image loaded
  int32_t width(uint32_t index) const;       // intrinsic size; 0 when failed
  int32_t height(uint32_t index) const;

  // The image scaled to width x height; nullptr for a failed index or an empty size. Cached (bounded
  // by max_scaled_bytes, least recently used dropped first). Valid until the next call to scaled().
  const GrayImage* scaled(uint32_t index, int32_t width, int32_t height);

  ImageStoreStats stats() const;

 private:
  struct Slot {
    GrayImage original;
    bool ok = false;
    Error error;
  };
  struct Scaled {
    uint32_t index;
    GrayImage image;
  };

  uint32_t add(Result<GrayImage> decoded);
  void trim();

  ImageLimits m_limits;
  size_t m_max_scaled_bytes;
  std::vector<Slot> m_images;
  std::list<Scaled> m_scaled;  // most recently used first
  size_t m_scaled_bytes = 0;
  uint64_t m_hits = 0;
  uint64_t m_misses = 0;
};

}  // namespace inkset::raster
