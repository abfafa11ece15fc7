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
#include <tuple>
#include <unordered_map>

#include "raster/outline_glyph.h"
#include "raster/raster_helper.h"
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

// Rec. 709 luma weights in 16-bit fixed point (they sum to 65536).
constexpr uint32_t kLumaR = 13933, kLumaG = 46871, kLumaB = 4732;

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

  // get_many's working memory: the distinct keys of a page, how often each is used, which one each
  // of the page's glyphs is (by open addressing on `slots`), the missing ones, and the answers.
  std::vector<GlyphKey> distinct;
  std::vector<uint32_t> uses, which, slots, missing;
  std::vector<uint8_t> failed;
  std::vector<GlyphBitmap> views, bitmaps;
  std::vector<RasterHelper::Job> jobs;
  std::vector<uint32_t> job_of;  // distinct index of each job

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

  const Entry* find(const GlyphKey& key) {
    const auto it = map.find(key);
    if (it == map.end()) return nullptr;
    pages[it->second.page].last_use = tick;
    return &it->second;
  }
  // Stores a rendered glyph whose pixels are at `pixels`; null when it is too large for a page (it
  // is then not kept). The entry is valid until the next keep().
  const Entry* keep(const GlyphKey& key, Entry e, const uint8_t* pixels) {
    const size_t n = static_cast<size_t>(e.width) * e.height * (e.color ? 2 : 1);
    if (n > page_bytes) return nullptr;
    make_room(n);
    Page& page = pages[current];
    e.page = current;
    e.offset = static_cast<uint32_t>(page.used);
    // An empty glyph (a space, or a broken outline) has no pixels: memcpy from its null data is
    // undefined even for 0 bytes (found by the font fuzzer).
    if (n > 0) std::memcpy(page.data.get() + page.used, pixels, n);
    page.used += n;
    page.last_use = tick;
    page.keys.push_back(key);
    return &map.emplace(key, e).first->second;
  }
  void collect_distinct(std::span<const GlyphKey> keys);
  // Draws the distinct keys listed in `missing` into the cache, sharing them with `helper` when it
  // pays; marks in `failed` those FreeType cannot draw. False when one cannot be kept.
  bool draw_missing(font::FontCollection& fonts, RasterHelper* helper);
  // Whether the helper's thread can draw `key` (a scalable face without colour, open on its side).
  bool helper_can_draw(font::FontCollection& fonts, RasterHelper& helper, const GlyphKey& key);
  // The glyph's outline, loaded, hinted and synthesized as `key` asks but at quarter-pixel 0, as a copy
  // the caller owns; from `outlines` when it holds it. Null with `error` set when FreeType fails.
  FT_Glyph hinted_outline(FT_Face face, const GlyphKey& key, FT_Error& error);
  // The rendered bitmap as an entry, its pixels in `scratch`.
  Entry gray_entry(const FT_Bitmap& bm, int32_t left, int32_t top);
  static Entry entry_of(const CoverageBox& box) {
    Entry e;
    e.width = box.width;
    e.height = box.height;
    e.left = box.left;
    e.top = box.top;
    return e;
  }
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
    CoverageBox box;
    if (const int e = render_outline(glyph, key.subpixel, scratch, box))
      return fail(e < 0 ? "unsupported pixel mode" : "cannot render", e);
    return entry_of(box);
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
  const GlyphKey base = outline_key(key);
  Outline& memo = outlines[KeyHash{}(base) % kOutlineSlots];
  FT_Glyph copy = nullptr;
  if (memo.glyph && memo.key == base) {
    error = FT_Glyph_Copy(memo.glyph, &copy);
    if (error) return nullptr;
    ++stats.outlines_reused;
    return copy;
  }
  copy = load_outline(face, key, error);
  if (!copy || copy->format != FT_GLYPH_FORMAT_OUTLINE) return copy;
  const FT_Outline& o = reinterpret_cast<FT_OutlineGlyph>(copy)->outline;
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
  copy_coverage(bm, scratch);
  return entry_of({static_cast<int32_t>(bm.width), static_cast<int32_t>(bm.rows), left, top});
}

void GlyphCache::Impl::collect_distinct(std::span<const GlyphKey> keys) {
  distinct.clear();
  uses.clear();
  which.resize(keys.size());
  size_t size = 64;
  while (size < 2 * keys.size()) size *= 2;
  slots.assign(size, UINT32_MAX);
  const size_t mask = size - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    size_t s = KeyHash{}(keys[i]) & mask;
    while (slots[s] != UINT32_MAX && !(distinct[slots[s]] == keys[i])) s = (s + 1) & mask;
    if (slots[s] == UINT32_MAX) {
      slots[s] = static_cast<uint32_t>(distinct.size());
      distinct.push_back(keys[i]);
      uses.push_back(0);
    }
    which[i] = slots[s];
    ++uses[slots[s]];
  }
}

bool GlyphCache::Impl::helper_can_draw(font::FontCollection& fonts, RasterHelper& helper, const GlyphKey& key) {
  if (!fonts.has_face(key.face) || key.size <= 0) return false;
  FT_Face face = fonts.ft_face(key.face);
  return FT_IS_SCALABLE(face) && !FT_HAS_COLOR(face) && helper.open_face(key.face, fonts.info(key.face));
}

bool GlyphCache::Impl::draw_missing(font::FontCollection& fonts, RasterHelper* helper) {
  // Glyphs at their quarter-pixel positions side by side, so that each side hints a glyph once.
  std::sort(missing.begin(), missing.end(), [&](uint32_t a, uint32_t b) {
    const GlyphKey& x = distinct[a];
    const GlyphKey& y = distinct[b];
    return std::tie(x.face, x.size, x.glyph, x.hinting, x.synthetic_bold, x.synthetic_italic, x.subpixel) <
           std::tie(y.face, y.size, y.glyph, y.hinting, y.synthetic_bold, y.synthetic_italic, y.subpixel);
  });
  jobs.clear();
  job_of.clear();
  // Below this many glyphs, handing them over costs about what it saves.
  constexpr size_t kShareFrom = 16;
  const bool share = helper && helper->available() && missing.size() >= kShareFrom;
  size_t own = 0;
  for (size_t i = 0; i < missing.size();) {
    // A glyph's positions go to one side; the side with fewer glyphs so far takes the next glyph.
    const GlyphKey outline = outline_key(distinct[missing[i]]);
    size_t end = i + 1;
    while (end < missing.size() && outline_key(distinct[missing[end]]) == outline) ++end;
    const bool to_helper = share && jobs.size() < own && helper_can_draw(fonts, *helper, distinct[missing[i]]);
    for (size_t k = i; k < end; ++k) {
      if (to_helper) {
        jobs.emplace_back().key = distinct[missing[k]];
        job_of.push_back(missing[k]);
        missing[k] = UINT32_MAX;
      } else {
        ++own;
      }
    }
    i = end;
  }
  if (!jobs.empty()) helper->start(jobs);
  bool kept_all = true;
  auto draw_here = [&](uint32_t d) {
    auto rendered = render(fonts, distinct[d]);
    if (!rendered) failed[d] = 1;
    else if (!keep(distinct[d], rendered.value(), scratch.data())) kept_all = false;
  };
  for (const uint32_t d : missing)
    if (d != UINT32_MAX) draw_here(d);
  if (jobs.empty()) return kept_all;
  helper->wait();
  for (size_t j = 0; j < jobs.size(); ++j) {
    const RasterHelper::Job& job = jobs[j];
    // A glyph the helper could not draw is drawn here, where a failure is reported as get() reports it.
    if (job.error != 0) {
      draw_here(job_of[j]);
      continue;
    }
    if (!keep(job.key, entry_of(job.box), job.pixels.data())) kept_all = false;
  }
  return kept_all;
}

GlyphCache::GlyphCache(size_t max_bytes) : m_impl(std::make_unique<Impl>()) { m_impl->configure(max_bytes); }
GlyphCache::~GlyphCache() = default;

Result<GlyphBitmap> GlyphCache::get(font::FontCollection& fonts, const GlyphKey& key) {
  Impl& c = *m_impl;
  ++c.tick;
  if (const Entry* hit = c.find(key)) {
    ++c.stats.hits;
    return c.view(*hit, c.pages[hit->page].data.get() + hit->offset);
  }
  ++c.stats.misses;
  auto rendered = c.render(fonts, key);
  if (!rendered) return std::move(rendered).take_error();
  const Entry* kept = c.keep(key, rendered.value(), c.scratch.data());
  if (!kept) return c.view(rendered.value(), c.scratch.data());
  return c.view(*kept, c.pages[kept->page].data.get() + kept->offset);
}

const std::vector<GlyphBitmap>* GlyphCache::get_many(font::FontCollection& fonts, std::span<const GlyphKey> keys,
                                                     RasterHelper* helper) {
  Impl& c = *m_impl;
  ++c.tick;
  c.collect_distinct(keys);
  // Each distinct key counts as get() would count its uses one after another: a miss at most once.
  std::vector<uint32_t>& missing = c.missing;
  missing.clear();
  for (uint32_t d = 0; d < c.distinct.size(); ++d) {
    const bool cached = c.find(c.distinct[d]) != nullptr;
    c.stats.hits += c.uses[d] - (cached ? 0 : 1);
    c.stats.misses += cached ? 0 : 1;
    if (!cached) missing.push_back(d);
  }
  c.failed.assign(c.distinct.size(), 0);
  if (!c.draw_missing(fonts, helper)) return nullptr;
  // Every glyph of the page must be held at once: inserting the missing ones may have emptied a
  // page holding others, and then the caller goes glyph by glyph.
  c.views.resize(c.distinct.size());
  for (uint32_t d = 0; d < c.distinct.size(); ++d) {
    if (c.failed[d]) {
      c.views[d] = GlyphBitmap{};
      continue;
    }
    const Entry* e = c.find(c.distinct[d]);
    if (!e) return nullptr;
    c.views[d] = c.view(*e, c.pages[e->page].data.get() + e->offset);
  }
  c.bitmaps.resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) c.bitmaps[i] = c.views[c.which[i]];
  return &c.bitmaps;
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
