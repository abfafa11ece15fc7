#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

#include "raster/canvas.h"
#include "raster/glyph_cache.h"
#include "raster_fixtures.h"

using namespace inkset;
using namespace inkset::raster;
using namespace inkset::raster::testing;

namespace {

struct Copy {
  std::vector<uint8_t> coverage;
  int32_t width = 0, height = 0, left = 0, top = 0;
  bool color = false;
};

Copy fetch(GlyphCache& cache, const GlyphKey& key) {
  auto g = cache.get(bundled_fonts(), key);
  REQUIRE(g.ok());
  Copy c;
  c.width = g->width;
  c.height = g->height;
  c.left = g->left;
  c.top = g->top;
  c.color = g->level != nullptr;
  c.coverage.assign(g->coverage, g->coverage + static_cast<size_t>(g->width) * g->height);
  return c;
}

uint64_t ink(const Copy& c) { return std::accumulate(c.coverage.begin(), c.coverage.end(), uint64_t{0}); }

GlyphKey charis_key(char32_t cp, int px = 24) {
  GlyphKey key;
  key.face = charis();
  key.size = px_to_fixed(px);
  key.glyph = glyph_of(bundled_fonts(), key.face, cp);
  return key;
}

// Horizontal ink centroid of rows [from, to).
double centroid_x(const Copy& c, int32_t from, int32_t to) {
  double sum = 0, weight = 0;
  for (int32_t y = from; y < to; ++y)
    for (int32_t x = 0; x < c.width; ++x) {
      sum += x * c.coverage[static_cast<size_t>(y) * c.width + x];
      weight += c.coverage[static_cast<size_t>(y) * c.width + x];
    }
  return weight > 0 ? sum / weight : 0;
}

}  // namespace

TEST_CASE("glyph cache: 'H' at 24px inks the expected box and nothing outside", "[raster][glyph]") {
  REQUIRE(charis() != font::kNoFace);
  GlyphCache cache;
  const GlyphKey key = charis_key(U'H');
  REQUIRE(key.glyph != 0);
  auto g = cache.get(bundled_fonts(), key);
  REQUIRE(g.ok());
  Canvas c(60, 60, PixelFormat::kGray8);
  c.fill(255);
  const int32_t pen_x = 10, baseline = 40;
  c.blend_mask(Mask{g->coverage, nullptr, g->width, g->height, g->width}, pen_x + g->left, baseline - g->top, 0,
               CoverageCurve(1.0));
  // Charis caps are about 0.67 em (16 px at 24 px) tall and the H about 0.72 em wide; allow a pixel of slack.
  int dark = 0;
  for (int32_t y = 0; y < c.height(); ++y)
    for (int32_t x = 0; x < c.width(); ++x) {
      const bool in_box = x >= pen_x - 1 && x <= pen_x + 19 && y >= baseline - 18 && y <= baseline;
      if (!in_box) {
        INFO("x=" << x << " y=" << y);
        REQUIRE(c.gray_at(x, y) == 255);
      }
      if (c.gray_at(x, y) < 64) ++dark;
    }
  CHECK(dark > 60);
  // The stems: solid ink at a third of the cap height on the left, none in the counter's middle.
  CHECK(g->top >= 15);
  CHECK(g->top <= 17);
  CHECK(g->width >= 14);
}

TEST_CASE("glyph cache: quarter-pixel offsets give different bitmaps", "[raster][glyph]") {
  GlyphCache cache;
  GlyphKey key = charis_key(U'l', 16);
  std::vector<Copy> shots;
  for (uint8_t s = 0; s < kSubpixelSteps; ++s) {
    key.subpixel = s;
    shots.push_back(fetch(cache, key));
  }
  for (size_t i = 1; i < shots.size(); ++i) CHECK(shots[i].coverage != shots[0].coverage);
  // Moving right shifts the ink right.
  CHECK(centroid_x(shots[2], 0, shots[2].height) + shots[2].left > centroid_x(shots[0], 0, shots[0].height) + shots[0].left);
  CHECK(cache.stats().misses == 4);
}

TEST_CASE("glyph cache: other quarter-pixel positions reuse the hinted outline, bit for bit", "[raster][glyph]") {
  for (const bool synthetic : {false, true}) {
    INFO("synthetic bold and italic: " << synthetic);
    GlyphCache cache;
    GlyphKey key = charis_key(U'g', 20);
    key.synthetic_bold = key.synthetic_italic = synthetic;
    std::vector<Copy> shots;
    for (uint8_t s = 0; s < kSubpixelSteps; ++s) {
      key.subpixel = s;
      shots.push_back(fetch(cache, key));
    }
    CHECK(cache.stats().misses == 4);
    CHECK(cache.stats().outlines_reused == 3);
    // Each position drawn by a cache that never saw the glyph: the same bitmap.
    for (uint8_t s = 0; s < kSubpixelSteps; ++s) {
      GlyphCache fresh;
      key.subpixel = s;
      const Copy alone = fetch(fresh, key);
      CHECK(fresh.stats().outlines_reused == 0);
      CHECK(alone.coverage == shots[s].coverage);
      CHECK(alone.width == shots[s].width);
      CHECK(alone.height == shots[s].height);
      CHECK(alone.left == shots[s].left);
      CHECK(alone.top == shots[s].top);
    }
    // Emptying the cache forgets the outlines too.
    cache.clear();
    key.subpixel = 1;
    fetch(cache, key);
    CHECK(cache.stats().outlines_reused == 3);
  }
}

TEST_CASE("glyph cache: a repeat is a hit and counters move", "[raster][glyph]") {
  GlyphCache cache;
  const GlyphKey key = charis_key(U'a');
  const Copy first = fetch(cache, key);
  CHECK(cache.stats().misses == 1);
  CHECK(cache.stats().hits == 0);
  const Copy again = fetch(cache, key);
  CHECK(cache.stats().misses == 1);
  CHECK(cache.stats().hits == 1);
  CHECK(cache.stats().entries == 1);
  CHECK(again.coverage == first.coverage);
  GlyphKey other = key;
  other.hinting = Hinting::kNone;
  fetch(cache, other);
  CHECK(cache.stats().misses == 2);
}

TEST_CASE("glyph cache: stays within its byte bound over thousands of glyphs", "[raster][glyph]") {
  GlyphCache cache(256u << 10);
  const FT_Face face = bundled_fonts().ft_face(charis());
  const uint32_t glyphs = static_cast<uint32_t>(std::min<long>(face->num_glyphs, 1500));
  REQUIRE(glyphs > 500);
  GlyphKey key = charis_key(U'a', 22);
  size_t peak = 0;
  for (int size : {22, 30}) {
    key.size = px_to_fixed(size);
    for (uint32_t id = 1; id < glyphs; ++id) {
      key.glyph = id;
      auto g = cache.get(bundled_fonts(), key);
      REQUIRE(g.ok());
      peak = std::max(peak, cache.stats().bytes);
    }
  }
  const GlyphCacheStats s = cache.stats();
  CHECK(peak <= cache.max_bytes());
  CHECK(s.evicted_pages > 0);
  CHECK(s.misses == 2 * (glyphs - 1));
  // The first glyphs were evicted long ago; the last one is still there.
  key.glyph = 1;
  key.size = px_to_fixed(22);
  REQUIRE(cache.get(bundled_fonts(), key).ok());
  CHECK(cache.stats().misses == s.misses + 1);
  key.glyph = glyphs - 1;
  key.size = px_to_fixed(30);
  REQUIRE(cache.get(bundled_fonts(), key).ok());
  CHECK(cache.stats().hits == s.hits + 1);
}

TEST_CASE("glyph cache: synthetic bold inks more and synthetic italic leans right", "[raster][glyph]") {
  GlyphCache cache;
  GlyphKey key = charis_key(U'H', 32);
  const Copy regular = fetch(cache, key);
  key.synthetic_bold = true;
  const Copy bold = fetch(cache, key);
  CHECK(ink(bold) > ink(regular) * 11 / 10);
  key.synthetic_bold = false;
  key.synthetic_italic = true;
  const Copy italic = fetch(cache, key);
  const int32_t q = regular.height / 4;
  const double lean_regular = centroid_x(regular, 0, q) - centroid_x(regular, regular.height - q, regular.height);
  const double lean_italic = centroid_x(italic, 0, q) - centroid_x(italic, italic.height - q, italic.height);
  CHECK(lean_italic > lean_regular + 2.0);
}

TEST_CASE("glyph cache: a glyph FreeType cannot load is an error and counted", "[raster][glyph]") {
  GlyphCache cache;
  GlyphKey key = charis_key(U'a');
  key.glyph = 0x7FFFFFF;
  auto g = cache.get(bundled_fonts(), key);
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().code == ErrorCode::kInternal);
  CHECK(cache.stats().failures == 1);
}

TEST_CASE("glyph cache: drawing a bundled face's glyph never lists the system fonts", "[raster][glyph]") {
  // Listing them opens every installed font file: it cost the first page of an article 20 ms.
  auto made = font::FontCollection::create(font::default_font_config());
  REQUIRE(made.ok());
  font::FontCollection& fonts = *made.value();
  GlyphKey key = charis_key(U'a');
  key.face = fonts.match("Charis SIL", 400, false).face;
  GlyphCache cache;
  REQUIRE(cache.get(fonts, key).ok());
  CHECK_FALSE(fonts.system_faces_listed());

  key.face = static_cast<font::FaceId>(fonts.face_count());
  CHECK_FALSE(cache.get(fonts, key).ok());
}

TEST_CASE("glyph cache: colour emoji become gray coverage and levels at the asked size", "[raster][glyph]") {
  const std::string path = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
  font::FontConfig config;
  config.directories.push_back("/usr/share/fonts/truetype/noto");
  auto fonts = font::FontCollection::create(config);
  REQUIRE(fonts.ok());
  font::FaceId emoji = font::kNoFace;
  for (size_t i = 0; i < (*fonts)->face_count(); ++i)
    if ((*fonts)->info(static_cast<font::FaceId>(i)).path == path) emoji = static_cast<font::FaceId>(i);
  REQUIRE(emoji != font::kNoFace);
  GlyphCache cache;
  GlyphKey key;
  key.face = emoji;
  key.size = px_to_fixed(32);
  key.glyph = glyph_of(**fonts, emoji, U'\U0001F600');
  REQUIRE(key.glyph != 0);
  auto g = cache.get(**fonts, key);
  REQUIRE(g.ok());
  REQUIRE(g->level != nullptr);
  // The strike is 109 ppem with 136-pixel-wide bitmaps; at 32 px it comes out about 40 wide.
  CHECK(g->width >= 30);
  CHECK(g->width <= 48);
  const size_t n = static_cast<size_t>(g->width) * g->height;
  size_t opaque = 0, toned = 0;
  for (size_t i = 0; i < n; ++i) {
    opaque += g->coverage[i] > 200;
    toned += g->coverage[i] > 200 && g->level[i] > 40 && g->level[i] < 240;
  }
  CHECK(opaque > n / 3);
  CHECK(toned > n / 4);  // a yellow face is a mid-light gray, not black
  Canvas c(64, 64, PixelFormat::kGray8);
  c.fill(255);
  c.blend_mask(Mask{g->coverage, g->level, g->width, g->height, g->width}, 8 + g->left, 48 - g->top, 0,
               CoverageCurve(1.0));
  size_t changed = 0;
  for (int32_t y = 0; y < 64; ++y)
    for (int32_t x = 0; x < 64; ++x) changed += c.gray_at(x, y) != 255;
  CHECK(changed > n / 3);
}
