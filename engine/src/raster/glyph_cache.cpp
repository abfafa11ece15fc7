#include "raster/glyph_cache.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_OUTLINE_H

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>

#include "support/hash.h"

namespace inkset::raster {
namespace {

struct KeyHash {
  size_t operator()(const GlyphKey& k) const {
    const uint64_t flags = static_cast<uint64_t>(k.face) | static_cast<uint64_t>(k.subpixel) << 16 |
                           static_cast<uint64_t>(k.hinting) << 24 | static_cast<uint64_t>(k.synthetic_bold) << 32 |
                           static_cast<uint64_t>(k.synthetic_italic) << 33;
    const uint64_t glyph = static_cast<uint64_t>(static_cast<uint32_t>(k.size)) << 32 | k.glyph;
    return static_cast<size_t>(hash_mix(hash_mix(kHashSeed, flags), glyph));
  }
};

struct Entry {
  uint32_t page = 0;
  uint32_t offset = 0;
  int32_t width = 0, height = 0, left = 0, top = 0;
  bool color = false;
};

// What one cached glyph costs besides its pixels: the key kept in its page, the map node and bucket.
constexpr size_t kEntryOverhead = sizeof(GlyphKey) * 2 + sizeof(Entry) + 4 * sizeof(void*);
constexpr size_t kMinMaxBytes = 64u << 10;
constexpr uint32_t kNoPage = UINT32_MAX;

// Synthetic oblique: x' = x + 0.2 y, about 11 degrees, the slant most italics use.
constexpr FT_Fixed kObliqueShear = 0x3333;

// Rec. 709 luma weights in 16-bit fixed point (they sum to 65536).
constexpr uint32_t kLumaR = 13933, kLumaG = 46871, kLumaB = 4732;

// Synthetic bold and oblique, on a loaded outline.
void synthesize(FT_Face face, const GlyphKey& key, FT_Outline* outline) {
  if (key.synthetic_bold) {
    // A 24th of the em, FreeType's own choice for FT_GlyphSlot_Embolden.
    const FT_Pos strength = FT_MulFix(face->units_per_EM, face->size->metrics.y_scale) / 24;
    FT_Outline_EmboldenXY(outline, strength, strength);
  }
  if (key.synthetic_italic) {
    FT_Matrix shear{0x10000, kObliqueShear, 0, 0x10000};
    FT_Outline_Transform(outline, &shear);
  }
}

FT_Int32 load_flags(Hinting hinting, bool color_face) {
  FT_Int32 flags = color_face ? FT_LOAD_COLOR : FT_LOAD_NO_BITMAP;
  switch (hinting) {
    case Hinting::kNone: return flags | FT_LOAD_NO_HINTING;
    case Hinting::kLight: return flags | FT_LOAD_TARGET_LIGHT;
    case Hinting::kFull: return flags | FT_LOAD_TARGET_NORMAL;
  }
  return flags;
}

// One axis of an area-average resample: each destination sample is the mean of the source interval
// it covers, partial source samples weighted by their overlap. Works for any ratio.
void resample_axis(const float* src, int32_t src_len, int32_t src_step, float* dst, int32_t dst_len, int32_t dst_step) {
  const double ratio = static_cast<double>(src_len) / dst_len;
  for (int32_t d = 0; d < dst_len; ++d) {
    const double lo = d * ratio;
    const double hi = lo + ratio;
    double sum = 0;
    for (int32_t s = static_cast<int32_t>(lo); s < src_len && s < hi; ++s) {
      const double overlap = std::min<double>(hi, s + 1) - std::max<double>(lo, s);
      if (overlap > 0) sum += overlap * src[s * src_step];
    }
    dst[d * dst_step] = static_cast<float>(sum / ratio);
  }
}

void resample_area(const std::vector<float>& src, int32_t sw, int32_t sh, std::vector<float>& tmp,
                   std::vector<float>& dst, int32_t dw, int32_t dh) {
  tmp.resize(static_cast<size_t>(dw) * sh);
  dst.resize(static_cast<size_t>(dw) * dh);
  for (int32_t y = 0; y < sh; ++y) resample_axis(&src[static_cast<size_t>(y) * sw], sw, 1, &tmp[static_cast<size_t>(y) * dw], dw, 1);
  for (int32_t x = 0; x < dw; ++x) resample_axis(&tmp[x], sh, dw, &dst[x], dh, dw);
}

}  // namespace

struct GlyphCache::Impl {
  struct Page {
    std::unique_ptr<uint8_t[]> data;
    size_t used = 0;
    uint64_t last_use = 0;
    std::vector<GlyphKey> keys;
  };

  size_t max_bytes = 0;
  size_t page_bytes = 0;
  size_t max_pages = 0;
  std::vector<Page> pages;
  uint32_t current = kNoPage;
  std::unordered_map<GlyphKey, Entry, KeyHash> map;
  uint64_t tick = 0;
  GlyphCacheStats stats;

  // Reused across misses: the glyph as rendered, then resampling buffers for colour strikes.
  std::vector<uint8_t> scratch;
  std::vector<float> alpha, luma, tmp, alpha_out, luma_out;

  // Hinted outlines, one per glyph whatever its quarter-pixel position: loading and hinting a glyph
  // (FreeType's auto-hinter) costs more than drawing it, and a page draws most glyphs at two to four
  // positions, each a cache entry of its own. Direct-mapped, within a sixteenth of the bound.
  struct Outline {
    GlyphKey key;  // subpixel 0
    FT_Glyph glyph = nullptr;
    size_t bytes = 0;
  };
  static constexpr size_t kOutlineSlots = 64;
  std::array<Outline, kOutlineSlots> outlines{};
  size_t outline_bytes = 0;
  size_t outline_budget = 0;

  ~Impl() { forget_outlines(); }

  void forget(Outline& o) {
    if (!o.glyph) return;
    FT_Done_Glyph(o.glyph);
    outline_bytes -= o.bytes;
    o = Outline{};
  }
  void forget_outlines() {
    for (Outline& o : outlines) forget(o);
  }

  void configure(size_t bytes) {
    max_bytes = std::max(bytes, kMinMaxBytes);
    page_bytes = std::clamp<size_t>(max_bytes / 8, 8u << 10, kMaxPageBytes);
    outline_budget = max_bytes / 16;
    // An eighth of the budget stays free for entry bookkeeping, a sixteenth for hinted outlines.
    max_pages = std::max<size_t>(1, (max_bytes - max_bytes / 8 - outline_budget) / page_bytes);
    pages.clear();
    map.clear();
    forget_outlines();
    current = kNoPage;
  }

  size_t bytes() const { return pages.size() * page_bytes + map.size() * kEntryOverhead + outline_bytes; }

  void evict(uint32_t index) {
    Page& p = pages[index];
    for (const GlyphKey& k : p.keys) map.erase(k);
    p.keys.clear();
    p.used = 0;
    ++stats.evicted_pages;
  }

  // The least recently used page holding glyphs, other than `except`; kNoPage if there is none.
  uint32_t lru_page(uint32_t except) const {
    uint32_t best = kNoPage;
    for (uint32_t i = 0; i < pages.size(); ++i)
      if (i != except && !pages[i].keys.empty() && (best == kNoPage || pages[i].last_use < pages[best].last_use))
        best = i;
    return best;
  }

  uint32_t empty_page(uint32_t except) const {
    for (uint32_t i = 0; i < pages.size(); ++i)
      if (i != except && pages[i].keys.empty()) return i;
    return kNoPage;
  }

  // Room for n bytes in the current page and for one more entry within the bound. Every pass either
  // succeeds, moves to an empty page or empties one, so the loop ends.
  void make_room(size_t n) {
    for (;;) {
      const bool fits_page = current != kNoPage && pages[current].used + n <= page_bytes;
      const bool fits_meta = bytes() + kEntryOverhead <= max_bytes;
      if (fits_page && fits_meta) return;
      if (!fits_page) {
        if (const uint32_t empty = empty_page(current); empty != kNoPage) {
          current = empty;
          pages[current].used = 0;
          continue;
        }
        if (pages.size() < max_pages) {
          pages.push_back(Page{std::make_unique<uint8_t[]>(page_bytes), 0, tick, {}});
          current = static_cast<uint32_t>(pages.size() - 1);
          continue;
        }
        current = lru_page(kNoPage);
        evict(current);
        continue;
      }
      // Too many small entries for the bookkeeping share: drop the oldest page's glyphs.
      const uint32_t victim = lru_page(current);
      evict(victim != kNoPage ? victim : current);
    }
  }

  GlyphBitmap view(const Entry& e, const uint8_t* base) const {
    GlyphBitmap g;
    g.coverage = base;
    g.level = e.color ? base + static_cast<size_t>(e.width) * e.height : nullptr;
    g.width = e.width;
    g.height = e.height;
    g.left = e.left;
    g.top = e.top;
    return g;
  }

  Result<Entry> render(font::FontCollection& fonts, const GlyphKey& key);
  // The glyph's outline, loaded, hinted and synthesized as `key` asks but at quarter-pixel 0, as a copy
  // the caller owns; from `outlines` when it holds it. Null with `error` set when FreeType fails.
  FT_Glyph hinted_outline(FT_Face face, const GlyphKey& key, FT_Error& error);
  // The rendered bitmap as an entry, its pixels in `scratch`.
  Entry gray_entry(const FT_Bitmap& bm, int32_t left, int32_t top);
  Entry convert_color(const FT_Bitmap& bm, int32_t left, int32_t top, double scale);
};

// A BGRA strike (premultiplied, as FreeType delivers it) becomes coverage = alpha and level = the
// unpremultiplied Rec. 709 luma, area-averaged from the strike's size to the requested one.
Entry GlyphCache::Impl::convert_color(const FT_Bitmap& bm, int32_t left, int32_t top, double scale) {
  const int32_t sw = static_cast<int32_t>(bm.width);
  const int32_t sh = static_cast<int32_t>(bm.rows);
  alpha.resize(static_cast<size_t>(sw) * sh);
  luma.resize(alpha.size());
  for (int32_t y = 0; y < sh; ++y) {
    const uint8_t* src = bm.buffer + static_cast<ptrdiff_t>(y) * bm.pitch;
    for (int32_t x = 0; x < sw; ++x) {
      const uint8_t* p = src + 4 * x;  // B, G, R, A
      alpha[static_cast<size_t>(y) * sw + x] = p[3];
      luma[static_cast<size_t>(y) * sw + x] = static_cast<float>((kLumaR * p[2] + kLumaG * p[1] + kLumaB * p[0]) >> 16);
    }
  }
  Entry e;
  e.color = true;
  e.width = std::max(1, static_cast<int32_t>(std::lround(sw * scale)));
  e.height = std::max(1, static_cast<int32_t>(std::lround(sh * scale)));
  e.left = static_cast<int32_t>(std::lround(left * scale));
  e.top = static_cast<int32_t>(std::lround(top * scale));
  // Averaging premultiplied values keeps transparent pixels from bleeding their (black) colour in.
  resample_area(alpha, sw, sh, tmp, alpha_out, e.width, e.height);
  resample_area(luma, sw, sh, tmp, luma_out, e.width, e.height);
  const size_t n = static_cast<size_t>(e.width) * e.height;
  scratch.resize(n * 2);
  for (size_t i = 0; i < n; ++i) {
    const float a = alpha_out[i];
    scratch[i] = static_cast<uint8_t>(std::clamp(std::lround(a), 0L, 255L));
    scratch[n + i] = a > 0 ? static_cast<uint8_t>(std::clamp(std::lround(luma_out[i] * 255.0f / a), 0L, 255L)) : 255;
  }
  return e;
}

Result<Entry> GlyphCache::Impl::render(font::FontCollection& fonts, const GlyphKey& key) {
  auto fail = [&](const char* what, int err) {
    ++stats.failures;
    return make_error(ErrorCode::kInternal, std::string("glyph ") + std::to_string(key.glyph) + " of face " +
                                                std::to_string(key.face) + ": " + what + " (FreeType error " +
                                                std::to_string(err) + ")");
  };
  if (!fonts.has_face(key.face) || key.size <= 0) return fail("no such face or empty size", 0);
  FT_Face face = fonts.ft_face(key.face);
  double scale = 1.0;
  if (FT_IS_SCALABLE(face)) {
    if (const int err = FT_Set_Char_Size(face, 0, key.size, 72, 72)) return fail("cannot set size", err);
  } else {
    if (face->num_fixed_sizes <= 0) return fail("face has neither outlines nor strikes", 0);
    // Colour emoji come as bitmap strikes: take the smallest strike at least as large as asked (the
    // largest if none is), and area-average it down, which keeps them sharp and balanced.
    int best = 0;
    for (int i = 1; i < face->num_fixed_sizes; ++i) {
      const FT_Pos have = face->available_sizes[i].y_ppem;
      const FT_Pos chosen = face->available_sizes[best].y_ppem;
      const bool better = chosen < key.size ? have > chosen : (have >= key.size && have < chosen);
      if (better) best = i;
    }
    if (const int err = FT_Select_Size(face, best)) return fail("cannot select strike", err);
    scale = static_cast<double>(key.size) / static_cast<double>(face->available_sizes[best].y_ppem);
  }
  if (FT_IS_SCALABLE(face) && !FT_HAS_COLOR(face)) {
    FT_Error err = 0;
    FT_Glyph glyph = hinted_outline(face, key, err);
    if (!glyph) return fail("cannot load", err);
    if (key.subpixel) {
      FT_Vector shift{key.subpixel * (kFixedOne / kSubpixelSteps), 0};
      FT_Glyph_Transform(glyph, nullptr, &shift);
    }
    if (const FT_Error e = FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, nullptr, 1)) {
      FT_Done_Glyph(glyph);
      return fail("cannot render", e);
    }
    const FT_BitmapGlyph bitmap = reinterpret_cast<FT_BitmapGlyph>(glyph);
    if (bitmap->bitmap.pixel_mode != FT_PIXEL_MODE_GRAY && bitmap->bitmap.pixel_mode != FT_PIXEL_MODE_MONO) {
      const int mode = bitmap->bitmap.pixel_mode;
      FT_Done_Glyph(glyph);
      return fail("unsupported pixel mode", mode);
    }
    const Entry e = gray_entry(bitmap->bitmap, bitmap->left, bitmap->top);
    FT_Done_Glyph(glyph);
    return e;
  }
  if (const int err = FT_Load_Glyph(face, key.glyph, load_flags(key.hinting, FT_HAS_COLOR(face))))
    return fail("cannot load", err);
  FT_GlyphSlot slot = face->glyph;
  if (slot->format == FT_GLYPH_FORMAT_OUTLINE) {
    synthesize(face, key, &slot->outline);
    if (key.subpixel) FT_Outline_Translate(&slot->outline, key.subpixel * (kFixedOne / kSubpixelSteps), 0);
  }
  if (const int err = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)) return fail("cannot render", err);
  const FT_Bitmap& bm = slot->bitmap;
  if (bm.pixel_mode == FT_PIXEL_MODE_BGRA) return convert_color(bm, slot->bitmap_left, slot->bitmap_top, scale);
  if (bm.pixel_mode != FT_PIXEL_MODE_GRAY && bm.pixel_mode != FT_PIXEL_MODE_MONO)
    return fail("unsupported pixel mode", bm.pixel_mode);
  return gray_entry(bm, slot->bitmap_left, slot->bitmap_top);
}

FT_Glyph GlyphCache::Impl::hinted_outline(FT_Face face, const GlyphKey& key, FT_Error& error) {
  GlyphKey base = key;
  base.subpixel = 0;
  Outline& memo = outlines[KeyHash{}(base) % kOutlineSlots];
  FT_Glyph copy = nullptr;
  if (memo.glyph && memo.key == base) {
    error = FT_Glyph_Copy(memo.glyph, &copy);
    if (error) return nullptr;
    ++stats.outlines_reused;
    return copy;
  }
  if ((error = FT_Load_Glyph(face, key.glyph, load_flags(key.hinting, false)))) return nullptr;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format == FT_GLYPH_FORMAT_OUTLINE) synthesize(face, key, &slot->outline);
  if ((error = FT_Get_Glyph(slot, &copy))) return nullptr;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return copy;
  const FT_Outline& o = slot->outline;
  const size_t bytes = sizeof(FT_OutlineGlyphRec) + static_cast<size_t>(o.n_points) * (sizeof(FT_Vector) + 1) +
                       static_cast<size_t>(o.n_contours) * sizeof(short) + 3 * kEntryOverhead;
  forget(memo);
  if (outline_bytes + bytes > outline_budget || FT_Glyph_Copy(copy, &memo.glyph)) return copy;
  memo.key = base;
  memo.bytes = bytes;
  outline_bytes += bytes;
  return copy;
}

Entry GlyphCache::Impl::gray_entry(const FT_Bitmap& bm, int32_t left, int32_t top) {
  Entry e;
  e.width = static_cast<int32_t>(bm.width);
  e.height = static_cast<int32_t>(bm.rows);
  e.left = left;
  e.top = top;
  scratch.resize(static_cast<size_t>(e.width) * e.height);
  // A bitmap may have rows but no columns (found by the font fuzzer): nothing to copy then.
  for (int32_t y = 0; e.width > 0 && y < e.height; ++y) {
    const uint8_t* src = bm.buffer + static_cast<ptrdiff_t>(y) * bm.pitch;
    uint8_t* dst = &scratch[static_cast<size_t>(y) * e.width];
    if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
      std::memcpy(dst, src, static_cast<size_t>(e.width));
    } else {
      for (int32_t x = 0; x < e.width; ++x) dst[x] = (src[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
    }
  }
  return e;
}

GlyphCache::GlyphCache(size_t max_bytes) : m_impl(std::make_unique<Impl>()) { m_impl->configure(max_bytes); }
GlyphCache::~GlyphCache() = default;

Result<GlyphBitmap> GlyphCache::get(font::FontCollection& fonts, const GlyphKey& key) {
  Impl& c = *m_impl;
  ++c.tick;
  if (auto it = c.map.find(key); it != c.map.end()) {
    ++c.stats.hits;
    Impl::Page& page = c.pages[it->second.page];
    page.last_use = c.tick;
    return c.view(it->second, page.data.get() + it->second.offset);
  }
  ++c.stats.misses;
  auto rendered = c.render(fonts, key);
  if (!rendered) return std::move(rendered).take_error();
  Entry e = rendered.value();
  const size_t n = static_cast<size_t>(e.width) * e.height * (e.color ? 2 : 1);
  if (n > c.page_bytes) return c.view(e, c.scratch.data());
  c.make_room(n);
  Impl::Page& page = c.pages[c.current];
  e.page = c.current;
  e.offset = static_cast<uint32_t>(page.used);
  // An empty glyph (a space, or a broken outline) leaves the scratch empty: memcpy from its null
  // data is undefined even for 0 bytes (found by the font fuzzer).
  if (n > 0) std::memcpy(page.data.get() + page.used, c.scratch.data(), n);
  page.used += n;
  page.last_use = c.tick;
  page.keys.push_back(key);
  c.map.emplace(key, e);
  return c.view(e, page.data.get() + e.offset);
}

void GlyphCache::clear() {
  for (auto& p : m_impl->pages) {
    p.keys.clear();
    p.used = 0;
  }
  m_impl->map.clear();
  m_impl->forget_outlines();
}

void GlyphCache::set_max_bytes(size_t max_bytes) { m_impl->configure(max_bytes); }
size_t GlyphCache::max_bytes() const { return m_impl->max_bytes; }

GlyphCacheStats GlyphCache::stats() const {
  GlyphCacheStats s = m_impl->stats;
  s.entries = m_impl->map.size();
  s.bytes = m_impl->bytes();
  return s;
}

}  // namespace inkset::raster
