#include "raster/image_store.h"

// PNM stays enabled: tests read back the PGM pages written by image_output.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_PSD
#define STBI_NO_HDR
#define STBI_NO_PIC
#define STBI_NO_TGA
#include <stb/stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb/stb_image_resize.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace inkset::raster {
namespace {

// Rec. 709 luma weights in 16-bit fixed point (they sum to 65536).
constexpr uint32_t kLumaR = 13933, kLumaG = 46871, kLumaB = 4732;

// Width and height from a PNG's IHDR, which the format fixes at bytes 16..23 (PNG spec, 5.2 and 11.2.2).
// stb_image's own PNG probe rejects anything over 2^30 bytes and then reports "unknown image type",
// which would file a decompression bomb under corrupt files; reading IHDR keeps it a limit error.
bool png_dimensions(std::span<const uint8_t> bytes, uint64_t& width, uint64_t& height) {
  static constexpr uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (bytes.size() < 24 || std::memcmp(bytes.data(), kSignature, 8) != 0 || std::memcmp(&bytes[12], "IHDR", 4) != 0)
    return false;
  auto be32 = [&](size_t at) {
    return uint64_t{bytes[at]} << 24 | uint64_t{bytes[at + 1]} << 16 | uint64_t{bytes[at + 2]} << 8 | bytes[at + 3];
  };
  width = be32(16);
  height = be32(20);
  return true;
}

Error pixel_limit_error(const std::string& label, uint64_t w, uint64_t h, const ImageLimits& limits) {
  return make_error(ErrorCode::kLimitExceeded, label + ": " + std::to_string(w) + "x" + std::to_string(h) + " is " +
                                                   std::to_string(w * h) + " pixels, over the limit of " +
                                                   std::to_string(limits.max_pixels));
}

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// stb_image's Huffman table builder writes past its 257-entry size table when a JPEG DHT segment
// declares more than 256 codes (found by the image fuzzer); such tables are invalid (ITU T.81 B.2.4.2)
// and the file is refused before stb sees it. Walks every marker segment, between scans too.
bool jpeg_tables_valid(std::span<const uint8_t> b) {
  // stb finds the start-of-image marker after any number of 0xFF fill bytes.
  size_t at = 0;
  while (at < b.size() && b[at] == 0xFF) ++at;
  if (at == 0 || at >= b.size() || b[at] != 0xD8) return true;  // not a JPEG: not ours to judge
  ++at;
  while (at + 4 <= b.size()) {
    if (b[at] != 0xFF) return false;
    const uint8_t marker = b[at + 1];
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    if (marker == 0xD9) return true;  // end of image
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
      at += 2;  // markers without a length (TEM, RSTn, a repeated SOI): stb steps over them
      continue;
    }
    const size_t length = (size_t{b[at + 2]} << 8) | b[at + 3];
    if (length < 2) return true;  // stb reports it
    if (marker == 0xC4) {
      // stb reads a table's counts and codes even past the segment's end or a truncated file.
      const size_t end = at + 2 + length;
      for (size_t p = at + 4; p < end && p + 17 <= b.size();) {
        size_t codes = 0;
        for (size_t i = 1; i <= 16; ++i) codes += b[p + i];
        if (codes > 256) return false;
        p += 17 + codes;
      }
    }
    if (at + 2 + length > b.size()) return true;  // truncated: stb reports it
    if (marker == 0xDA) {
      // Entropy-coded data follows a scan header; tables may still come between scans (progressive
      // and multi-scan files), so skip to the next real marker: 0xFF not followed by a stuffed 0x00,
      // a restart marker (0xD0-0xD7) or fill.
      at += 2 + length;
      while (at + 1 < b.size() &&
             !(b[at] == 0xFF && b[at + 1] != 0x00 && b[at + 1] != 0xFF && (b[at + 1] < 0xD0 || b[at + 1] > 0xD7)))
        ++at;
      continue;
    }
    at += 2 + length;
  }
  return true;
}

// stb_image reads a PNM header's numbers into an int with no overflow check (undefined behaviour for
// a 10-digit width; found by the image fuzzer). No usable size has that many digits: such a header
// is refused before stb sees it.
bool pnm_numbers_sane(std::span<const uint8_t> b) {
  if (b.size() < 2 || b[0] != 'P' || b[1] < '1' || b[1] > '7') return true;  // not a PNM
  int numbers = 0;
  for (size_t i = 2; i < b.size() && numbers < 3;) {
    if (b[i] == '#') {
      while (i < b.size() && b[i] != '\n') ++i;
    } else if (b[i] >= '0' && b[i] <= '9') {
      size_t digits = 0;
      for (; i < b.size() && b[i] >= '0' && b[i] <= '9'; ++i)
        if (++digits > 9) return false;
      ++numbers;
    } else {
      ++i;
    }
  }
  return true;
}

}  // namespace

Result<GrayImage> decode_gray(std::span<const uint8_t> bytes, std::string_view name, const ImageLimits& limits) {
  const std::string label(name);
  if (bytes.size() > limits.max_file_bytes || bytes.size() > static_cast<size_t>(INT_MAX))
    return make_error(ErrorCode::kLimitExceeded, label + ": " + std::to_string(bytes.size()) +
                                                     " bytes is over the image file limit of " +
                                                     std::to_string(limits.max_file_bytes));
  const int len = static_cast<int>(bytes.size());
  uint64_t png_w = 0, png_h = 0;
  if (png_dimensions(bytes, png_w, png_h) && png_w * png_h > limits.max_pixels)
    return pixel_limit_error(label, png_w, png_h, limits);
  if (!pnm_numbers_sane(bytes))
    return make_error(ErrorCode::kUnreadableFile, label + ": invalid PNM header (a size with over nine digits)");
  if (!jpeg_tables_valid(bytes))
    return make_error(ErrorCode::kUnreadableFile, label + ": invalid JPEG (a Huffman table with more than 256 codes)");
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(bytes.data(), len, &w, &h, &comp))
    return make_error(ErrorCode::kUnreadableFile,
                      label + ": not a supported image (PNG, JPEG, GIF, BMP; " + stbi_failure_reason() + ")");
  // stb_image converts a 16-bit PNM to 4 channels with its 8-bit routine and then reads twice the
  // buffer it allocated (a heap overflow found by the image fuzzer): 16-bit PNM is refused.
  if (bytes.size() >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6') &&
      stbi_is_16_bit_from_memory(bytes.data(), len))
    return make_error(ErrorCode::kUnreadableFile, label + ": 16-bit PNM images are not supported");
  const uint64_t pixels = static_cast<uint64_t>(w) * static_cast<uint64_t>(h);
  if (pixels > limits.max_pixels) return pixel_limit_error(label, static_cast<uint64_t>(w), static_cast<uint64_t>(h), limits);
  if (w > limits.max_side || h > limits.max_side)
    return make_error(ErrorCode::kLimitExceeded, label + ": " + std::to_string(w) + "x" + std::to_string(h) +
                                                     " has a side over the limit of " + std::to_string(limits.max_side) +
                                                     " pixels");
  std::unique_ptr<stbi_uc, StbFree> rgba(stbi_load_from_memory(bytes.data(), len, &w, &h, &comp, 4));
  if (!rgba)
    return make_error(ErrorCode::kUnreadableFile, label + ": cannot decode (" + stbi_failure_reason() + ")");
  // stb_image accepts a PNM header whose size overflows to 0 x 0 (found by the image fuzzer); such an
  // image has nothing to show and would make the scaler divide by zero.
  if (w <= 0 || h <= 0) return make_error(ErrorCode::kUnreadableFile, label + ": the image has no pixels");
  GrayImage out;
  out.width = w;
  out.height = h;
  out.pixels.resize(static_cast<size_t>(pixels));
  const stbi_uc* p = rgba.get();
  for (size_t i = 0; i < out.pixels.size(); ++i, p += 4) {
    const uint32_t luma = (kLumaR * p[0] + kLumaG * p[1] + kLumaB * p[2] + 32768) >> 16;
    // Over white: what the page shows through a transparent pixel is paper.
    out.pixels[i] = static_cast<uint8_t>((luma * p[3] + 255u * (255u - p[3]) + 127u) / 255u);
  }
  return out;
}

Result<GrayImage> load_gray(const std::string& path, const ImageLimits& limits) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(ErrorCode::kUnreadableFile, path + ": " + ec.message());
  if (size > limits.max_file_bytes)
    return make_error(ErrorCode::kLimitExceeded, path + ": " + std::to_string(size) +
                                                     " bytes is over the image file limit of " +
                                                     std::to_string(limits.max_file_bytes));
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return make_error(ErrorCode::kUnreadableFile, path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size())
    return make_error(ErrorCode::kUnreadableFile, path + ": short read");
  return decode_gray(bytes, path, limits);
}

GrayImage scale_gray(const GrayImage& image, int32_t width, int32_t height) {
  GrayImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<size_t>(width) * height);
  const bool strong = width * 2 < image.width || height * 2 < image.height;
  stbir_resize_uint8_generic(image.pixels.data(), image.width, image.height, image.width, out.pixels.data(), width,
                             height, width, 1, STBIR_ALPHA_CHANNEL_NONE, 0, STBIR_EDGE_CLAMP,
                             strong ? STBIR_FILTER_BOX : STBIR_FILTER_MITCHELL, STBIR_COLORSPACE_SRGB, nullptr);
  return out;
}

ImageStore::ImageStore(ImageLimits limits, size_t max_scaled_bytes)
    : m_limits(limits), m_max_scaled_bytes(max_scaled_bytes) {}

uint32_t ImageStore::add(Result<GrayImage> decoded) {
  Slot slot;
  if (decoded) {
    slot.original = std::move(decoded).value();
    slot.ok = true;
  } else {
    slot.error = std::move(decoded).take_error();
  }
  m_images.push_back(std::move(slot));
  return static_cast<uint32_t>(m_images.size() - 1);
}

uint32_t ImageStore::add_file(const std::string& path) { return add(load_gray(path, m_limits)); }

uint32_t ImageStore::add_memory(std::span<const uint8_t> bytes, std::string_view name) {
  return add(decode_gray(bytes, name, m_limits));
}

bool ImageStore::failed(uint32_t index) const { return index >= m_images.size() || !m_images[index].ok; }

const Error* ImageStore::error(uint32_t index) const {
  if (index >= m_images.size()) return nullptr;
  return m_images[index].ok ? nullptr : &m_images[index].error;
}

int32_t ImageStore::width(uint32_t index) const { return failed(index) ? 0 : m_images[index].original.width; }
int32_t ImageStore::height(uint32_t index) const { return failed(index) ? 0 : m_images[index].original.height; }

const GrayImage* ImageStore::scaled(uint32_t index, int32_t width, int32_t height) {
  if (failed(index) || width <= 0 || height <= 0) return nullptr;
  const GrayImage& original = m_images[index].original;
  if (original.width == width && original.height == height) return &original;
  for (auto it = m_scaled.begin(); it != m_scaled.end(); ++it) {
    if (it->index == index && it->image.width == width && it->image.height == height) {
      ++m_hits;
      m_scaled.splice(m_scaled.begin(), m_scaled, it);
      return &m_scaled.front().image;
    }
  }
  ++m_misses;
  m_scaled.push_front(Scaled{index, scale_gray(original, width, height)});
  m_scaled_bytes += m_scaled.front().image.pixels.size();
  trim();
  return &m_scaled.front().image;
}

// Drops least recently used copies until within the bound; the most recent one always stays, since
// the caller is about to draw it.
void ImageStore::trim() {
  while (m_scaled_bytes > m_max_scaled_bytes && m_scaled.size() > 1) {
    m_scaled_bytes -= m_scaled.back().image.pixels.size();
    m_scaled.pop_back();
  }
}

ImageStoreStats ImageStore::stats() const { return {m_hits, m_misses, m_scaled_bytes}; }

}  // namespace inkset::raster
