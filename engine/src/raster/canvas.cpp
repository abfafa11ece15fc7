#include "raster/canvas.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace inkset::raster {
namespace {

// Linear light in 16 bits; the inverse table is indexed by linear >> 2 (14 bits), fine enough that
// every sRGB value survives a decode/encode round trip, even in the darkest steps.
constexpr int kLinearShift = 2;
constexpr int kEncodeEntries = 65536 >> kLinearShift;

struct GammaTables {
  std::array<uint16_t, 256> to_linear{};
  std::array<uint8_t, kEncodeEntries> to_srgb{};

  GammaTables() {
    // IEC 61966-2-1 (sRGB) transfer function.
    for (int v = 0; v < 256; ++v) {
      const double c = v / 255.0;
      const double lin = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
      to_linear[v] = static_cast<uint16_t>(std::lround(lin * 65535.0));
    }
    for (int i = 0; i < kEncodeEntries; ++i) {
      const double lin = (static_cast<double>(i << kLinearShift) + ((1 << kLinearShift) - 1) / 2.0) / 65535.0;
      const double c = lin <= 0.0031308 ? lin * 12.92 : 1.055 * std::pow(lin, 1.0 / 2.4) - 0.055;
      to_srgb[i] = static_cast<uint8_t>(std::clamp(std::lround(c * 255.0), 0L, 255L));
    }
  }
};

const GammaTables& gamma_tables() {
  static const GammaTables tables;
  return tables;
}

inline uint8_t mix(const GammaTables& t, uint8_t dst, uint8_t src, uint32_t alpha) {
  const int32_t d = t.to_linear[dst];
  const int32_t s = t.to_linear[src];
  const int32_t lin = d + ((s - d) * static_cast<int32_t>(alpha) + 127) / 255;
  return t.to_srgb[static_cast<uint32_t>(lin) >> kLinearShift];
}

void blend_span_gray(uint8_t* dst, const uint8_t* coverage, const uint8_t* level, Gray color, int32_t count) {
  const GammaTables& t = gamma_tables();
  for (int32_t i = 0; i < count; ++i) {
    const uint32_t a = coverage[i];
    if (a == 0) continue;
    const uint8_t src = level ? level[i] : color;
    dst[i] = a == 255 ? src : mix(t, dst[i], src, a);
  }
}

void blend_span_rgba(uint8_t* dst, const uint8_t* coverage, const uint8_t* level, Gray color, int32_t count) {
  const GammaTables& t = gamma_tables();
  for (int32_t i = 0; i < count; ++i) {
    const uint32_t a = coverage[i];
    if (a == 0) continue;
    const uint8_t src = level ? level[i] : color;
    uint8_t* p = dst + 4 * i;
    if (a == 255) {
      p[0] = p[1] = p[2] = src;
    } else {
      p[0] = mix(t, p[0], src, a);
      p[1] = mix(t, p[1], src, a);
      p[2] = mix(t, p[2], src, a);
    }
    p[3] = 255;
  }
}

// Area of pixel [p, p+1) covered by [lo, hi), in 1/64 of a pixel.
inline int32_t span_coverage(int32_t p, Fixed lo, Fixed hi) {
  const Fixed a = std::max(lo, px_to_fixed(p));
  const Fixed b = std::min(hi, px_to_fixed(p + 1));
  return std::max(0, b - a);
}

}  // namespace

CoverageCurve::CoverageCurve(double gamma) : m_gamma(gamma) {
  assert(gamma > 0);
  for (int i = 0; i < 256; ++i)
    m_table[i] = static_cast<uint8_t>(std::lround(255.0 * std::pow(i / 255.0, 1.0 / gamma)));
}

Canvas::Canvas(int32_t width, int32_t height, PixelFormat format) { reset(width, height, format); }

void Canvas::reset(int32_t width, int32_t height, PixelFormat format) {
  assert(width >= 0 && height >= 0);
  m_width = width;
  m_height = height;
  m_format = format;
  m_stride = width * bytes_per_pixel(format);
  m_pixels.resize(static_cast<size_t>(m_stride) * height);
  m_clip = {0, 0, width, height};
  select_routines();
}

void Canvas::select_routines() { m_blend = m_format == PixelFormat::kGray8 ? blend_span_gray : blend_span_rgba; }

void Canvas::fill(Gray color) {
  if (m_format == PixelFormat::kGray8) {
    std::memset(m_pixels.data(), color, m_pixels.size());
    return;
  }
  for (size_t i = 0; i < m_pixels.size(); i += 4) {
    m_pixels[i] = m_pixels[i + 1] = m_pixels[i + 2] = color;
    m_pixels[i + 3] = 255;
  }
}

void Canvas::fill_rect(Fixed x, Fixed y, Fixed width, Fixed height, Gray color) {
  if (width <= 0 || height <= 0) return;
  const Fixed right = x + width;
  const Fixed bottom = y + height;
  const int32_t x0 = std::max(0, fixed_floor(x));
  const int32_t x1 = std::min(m_width, fixed_ceil(right));
  const int32_t y0 = std::max(0, fixed_floor(y));
  const int32_t y1 = std::min(m_height, fixed_ceil(bottom));
  if (x0 >= x1 || y0 >= y1) return;
  const int32_t count = x1 - x0;
  m_span.resize(static_cast<size_t>(count) * 2);
  uint8_t* column = m_span.data();
  uint8_t* coverage = column + count;
  for (int32_t c = 0; c < count; ++c) column[c] = static_cast<uint8_t>(span_coverage(x0 + c, x, right));
  const int bpp = bytes_per_pixel(m_format);
  for (int32_t r = y0; r < y1; ++r) {
    const int32_t cy = span_coverage(r, y, bottom);
    // cx * cy is at most 64 * 64: the product of the two overlaps is the area, scaled to 0..255.
    for (int32_t c = 0; c < count; ++c) coverage[c] = static_cast<uint8_t>((column[c] * cy * 255 + 2048) >> 12);
    m_blend(row(r) + x0 * bpp, coverage, nullptr, color, count);
  }
}

void Canvas::blend_mask(const Mask& mask, int32_t x, int32_t y, Gray color, const CoverageCurve& curve) {
  const int32_t x0 = std::max({0, x, m_clip.x});
  const int32_t y0 = std::max({0, y, m_clip.y});
  const int32_t x1 = std::min({m_width, x + mask.width, m_clip.x + m_clip.width});
  const int32_t y1 = std::min({m_height, y + mask.height, m_clip.y + m_clip.height});
  if (x0 >= x1 || y0 >= y1) return;
  if (m_format == PixelFormat::kGray8 && !mask.level) {
    blend_solid_gray(mask, x0, y0, x1, y1, x, y, color, curve);
    return;
  }
  const int32_t count = x1 - x0;
  m_span.resize(static_cast<size_t>(count));
  const uint8_t* table = curve.table();
  const int bpp = bytes_per_pixel(m_format);
  for (int32_t r = y0; r < y1; ++r) {
    const size_t offset = static_cast<size_t>(r - y) * mask.stride + (x0 - x);
    const uint8_t* src = mask.coverage + offset;
    for (int32_t c = 0; c < count; ++c) m_span[c] = table[src[c]];
    m_blend(row(r) + x0 * bpp, m_span.data(), mask.level ? mask.level + offset : nullptr, color, count);
  }
}

void Canvas::blend_solid_gray(const Mask& mask, int32_t x0, int32_t y0, int32_t x1, int32_t y1, int32_t x, int32_t y,
                              Gray color, const CoverageCurve& curve) {
  if (!m_solid) m_solid = std::make_unique<SolidBlend>();
  SolidBlend& s = *m_solid;
  if (s.color != color || s.gamma != curve.gamma()) {
    s.color = color;
    s.gamma = curve.gamma();
    s.ready.fill(false);
  }
  const GammaTables& t = gamma_tables();
  const uint8_t* curved = curve.table();
  for (int32_t r = y0; r < y1; ++r) {
    const uint8_t* src = mask.coverage + static_cast<size_t>(r - y) * mask.stride + (x0 - x);
    uint8_t* dst = row(r) + x0;
    for (int32_t c = 0; c < x1 - x0; ++c) {
      const uint8_t coverage = src[c];
      if (coverage == 0) continue;
      const uint8_t background = dst[c];
      uint8_t* results = s.result.data() + static_cast<size_t>(background) * 256;
      if (!s.ready[background]) {
        for (int i = 0; i < 256; ++i) {
          const uint8_t a = curved[i];
          results[i] = a == 0 ? background : a == 255 ? color : mix(t, background, color, a);
        }
        s.ready[background] = true;
      }
      dst[c] = results[coverage];
    }
  }
}

void Canvas::copy_gray(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride, int32_t x, int32_t y) {
  const int32_t x0 = std::max(0, x);
  const int32_t y0 = std::max(0, y);
  const int32_t x1 = std::min(m_width, x + width);
  const int32_t y1 = std::min(m_height, y + height);
  if (x0 >= x1 || y0 >= y1) return;
  for (int32_t r = y0; r < y1; ++r) {
    const uint8_t* src = pixels + static_cast<size_t>(r - y) * stride + (x0 - x);
    uint8_t* dst = row(r);
    if (m_format == PixelFormat::kGray8) {
      std::memcpy(dst + x0, src, static_cast<size_t>(x1 - x0));
      continue;
    }
    for (int32_t c = 0; c < x1 - x0; ++c) {
      uint8_t* p = dst + 4 * (x0 + c);
      p[0] = p[1] = p[2] = src[c];
      p[3] = 255;
    }
  }
}

}  // namespace inkset::raster
