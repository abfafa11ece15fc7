#pragma once
// Rasterized glyphs, cached by (face, size, glyph, quarter-pixel offset, hinting, synthesis). A glyph's
// hinted outline is kept too, so that its other quarter-pixel positions are drawn without loading and
// hinting it again.
//
// Bitmaps live in a few large pages (not one allocation per glyph); when the byte bound is reached
// the least recently used page is emptied whole and reused. Colour glyphs (CBDT emoji) are turned
// into gray coverage plus a gray level per pixel, so e-ink and kiosks draw them the same way.
//
// Thread-safety: not thread-safe; one cache per rendering thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "font/font_collection.h"
#include "support/fixed.h"
#include "support/result.h"

namespace inkset::raster {

class RasterHelper;

enum class Hinting : uint8_t { kNone, kLight, kFull };

// Horizontal positions are kept to a quarter pixel: enough to keep word shapes even at reading sizes
// while the cache holds at most four bitmaps per glyph and size.
inline constexpr int kSubpixelSteps = 4;

struct GlyphKey {
  font::FaceId face = font::kNoFace;
  Fixed size = 0;         // 26.6 pixels
  uint32_t glyph = 0;
  uint8_t subpixel = 0;   // 0..kSubpixelSteps-1, in quarter pixels
  Hinting hinting = Hinting::kLight;
  bool synthetic_bold = false;
  bool synthetic_italic = false;

  bool operator==(const GlyphKey&) const = default;
};

// A rendered glyph. Pointers are valid until the next call to GlyphCache::get() or clear().
struct GlyphBitmap {
  const uint8_t* coverage = nullptr;  // width * height bytes, rows `width` apart
  const uint8_t* level = nullptr;     // colour glyphs: gray per pixel (same layout); nullptr otherwise
  int32_t width = 0;
  int32_t height = 0;
  int32_t left = 0;  // from the whole-pixel pen x to the bitmap's left column
  int32_t top = 0;   // from the baseline up to the bitmap's top row
};

struct GlyphCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evicted_pages = 0;
  uint64_t failures = 0;  // glyphs FreeType could not load or render
  uint64_t outlines_reused = 0;  // misses drawn from a glyph's hinted outline kept from another position
  size_t entries = 0;
  size_t bytes = 0;  // pages plus per-entry bookkeeping, never above max_bytes (one oversized glyph aside)
};

class GlyphCache {
 public:
  static constexpr size_t kDefaultMaxBytes = 4u << 20;
  static constexpr size_t kMaxPageBytes = 256u << 10;

  explicit GlyphCache(size_t max_bytes = kDefaultMaxBytes);
  ~GlyphCache();
  GlyphCache(const GlyphCache&) = delete;
  GlyphCache& operator=(const GlyphCache&) = delete;

  // The bitmap for key, rendering it on a miss. Sets the face's size on `fonts` (FT_Face sizes are
  // shared state). A glyph too large for a page is rendered into scratch memory and not kept.
  // Errors: kInternal when FreeType cannot load or render the glyph (counted in stats().failures).
  Result<GlyphBitmap> get(font::FontCollection& fonts, const GlyphKey& key);

  // The bitmaps of a page's glyphs (repeats and all), in the order of `keys`: each distinct key is
  // looked up once, and those missing are drawn, shared with `helper`'s thread when it is given and
  // there are enough of them (the pixels are the same either way). Counted as get() for each key
  // in turn would count them. A glyph FreeType cannot draw comes back empty and is counted in
  // failures. Null when the page's glyphs cannot all be held at once (a glyph too large for a page,
  // or a bound smaller than the page needs): get() glyph by glyph then. Valid until the next call.
  const std::vector<GlyphBitmap>* get_many(font::FontCollection& fonts, std::span<const GlyphKey> keys,
                                           RasterHelper* helper = nullptr);

  // Drops every glyph; keeps the pages' memory for reuse.
  void clear();
  // Changes the bound (at least 64 KiB; pages are an eighth of it, at most kMaxPageBytes) and drops
  // every glyph, since the page size follows the bound.
  void set_max_bytes(size_t max_bytes);
  size_t max_bytes() const;
  GlyphCacheStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace inkset::raster
