// The page-at-once path of the glyph cache, and the helper thread that draws half of a page's new
// glyphs: every bitmap must be the one get() draws alone, whichever thread drew it.
#include <catch2/catch.hpp>

#include <vector>

#include "raster/glyph_cache.h"
#include "raster/raster_helper.h"
#include "raster/renderer.h"
#include "raster_fixtures.h"

using namespace inkset;
using namespace inkset::raster;
using namespace inkset::raster::testing;

namespace {

// A page's worth of keys: letters of Charis regular, bold and italic faces and synthetic styles, at
// two sizes and every quarter-pixel position, many repeated, plus a glyph no face has.
std::vector<GlyphKey> page_keys() {
  font::FontCollection& fonts = bundled_fonts();
  std::vector<GlyphKey> keys;
  const font::FaceId faces[] = {charis(), fonts.match("Charis SIL", 700, false).face,
                                fonts.match("Noto Sans", 400, true).face};
  const char* text = "Sphinx of black quartz, judge my vow";
  for (int round = 0; round < 3; ++round) {
    for (const font::FaceId face : faces) {
      for (const int px : {17, 30}) {
        for (const char* c = text; *c; ++c) {
          GlyphKey key;
          key.face = face;
          key.size = px_to_fixed(px);
          key.glyph = glyph_of(fonts, face, static_cast<unsigned char>(*c));
          key.subpixel = static_cast<uint8_t>((c - text + round) % kSubpixelSteps);
          key.synthetic_bold = round == 1 && face == charis();
          key.synthetic_italic = round == 2 && face == charis();
          keys.push_back(key);
        }
      }
    }
  }
  GlyphKey broken = keys.front();
  broken.glyph = 0x7FFFFFF;
  keys.push_back(broken);
  return keys;
}

struct Shot {
  std::vector<uint8_t> coverage;
  int32_t width = 0, height = 0, left = 0, top = 0;
  bool operator==(const Shot&) const = default;
};

Shot shot_of(const GlyphBitmap& b) {
  Shot s{{}, b.width, b.height, b.left, b.top};
  if (b.coverage) s.coverage.assign(b.coverage, b.coverage + static_cast<size_t>(b.width) * b.height);
  return s;
}

}  // namespace

TEST_CASE("glyph helper: a page's glyphs at once, with and without the helper, are get()'s glyphs", "[raster][glyph]") {
  const std::vector<GlyphKey> keys = page_keys();
  // Each key drawn by a cache of its own, one glyph at a time: the reference.
  std::vector<Shot> expected;
  for (const GlyphKey& key : keys) {
    GlyphCache alone;
    auto g = alone.get(bundled_fonts(), key);
    expected.push_back(g.ok() ? shot_of(g.value()) : Shot{});
  }
  RasterHelper helper;
  REQUIRE(helper.available());
  for (RasterHelper* with : {static_cast<RasterHelper*>(nullptr), &helper}) {
    INFO("helper: " << (with != nullptr));
    GlyphCache cache;
    GlyphCache one_by_one;
    for (const GlyphKey& key : keys) (void)one_by_one.get(bundled_fonts(), key);
    const std::vector<GlyphBitmap>* got = cache.get_many(bundled_fonts(), keys, with);
    REQUIRE(got != nullptr);
    REQUIRE(got->size() == keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      INFO("key " << i << " glyph " << keys[i].glyph << " subpixel " << int(keys[i].subpixel));
      CHECK(shot_of((*got)[i]) == expected[i]);
    }
    // Counted as get() counts the same keys one after another (the broken glyph aside: get() tries
    // it at each use, the page once).
    CHECK(cache.stats().hits + cache.stats().misses == one_by_one.stats().hits + one_by_one.stats().misses);
    CHECK(cache.stats().entries == one_by_one.stats().entries);
    CHECK(cache.stats().failures == 1);
    // Asked again, every glyph is a hit but the broken one, which is tried again as get() would.
    const uint64_t misses = cache.stats().misses;
    got = cache.get_many(bundled_fonts(), keys, with);
    REQUIRE(got != nullptr);
    CHECK(cache.stats().misses == misses + 1);
    CHECK(cache.stats().failures == 2);
    for (size_t i = 0; i < keys.size(); ++i) CHECK(shot_of((*got)[i]) == expected[i]);
  }
}

TEST_CASE("glyph helper: a cache too small for the page gives null, and get() still draws", "[raster][glyph]") {
  // 64 KiB holds far fewer than a page of 120 px glyphs: the page cannot be held at once.
  std::vector<GlyphKey> keys;
  for (char32_t c = U'A'; c <= U'Z'; ++c) {
    GlyphKey key;
    key.face = charis();
    key.size = px_to_fixed(120);
    key.glyph = glyph_of(bundled_fonts(), key.face, c);
    for (uint8_t s = 0; s < kSubpixelSteps; ++s) {
      key.subpixel = s;
      keys.push_back(key);
    }
  }
  RasterHelper helper;
  GlyphCache small(64 << 10);
  CHECK(small.get_many(bundled_fonts(), keys, &helper) == nullptr);
  CHECK(small.stats().bytes <= small.max_bytes());
  auto g = small.get(bundled_fonts(), keys.front());
  REQUIRE(g.ok());
  CHECK(g->width > 50);
}

TEST_CASE("glyph helper: a rendered page is the same with the helper and without", "[raster][renderer]") {
  display::DisplayList list;
  list.width = 600;
  list.height = 400;
  const std::vector<GlyphKey> keys = page_keys();
  display::GlyphRun run;
  Fixed x = px_to_fixed(5);
  Fixed y = px_to_fixed(30);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i == 0 || keys[i].face != keys[i - 1].face || keys[i].size != keys[i - 1].size ||
        keys[i].synthetic_bold != keys[i - 1].synthetic_bold) {
      run.face = keys[i].face;
      run.size = keys[i].size;
      run.synthetic_bold = keys[i].synthetic_bold;
      run.synthetic_italic = keys[i].synthetic_italic;
      run.color = static_cast<Gray>(i % 3 * 60);
      list.begin_glyph_run(run);
    }
    // Glyphs 9.3 px apart, so that neighbours overlap and every quarter-pixel phase is used.
    list.add_glyph({keys[i].glyph, x, y});
    x += px_to_fixed(9) + 19;
    if (x > px_to_fixed(560)) {
      x = px_to_fixed(5);
      y += px_to_fixed(34);
    }
  }
  ImageStore images;
  RasterHelper helper;
  std::vector<std::vector<uint8_t>> pages;
  for (RasterHelper* with : {static_cast<RasterHelper*>(nullptr), &helper, &helper}) {
    GlyphCache glyphs;
    Canvas canvas;
    REQUIRE(render_page(list, bundled_fonts(), glyphs, images, RenderOptions::eink(), canvas, with).ok());
    pages.emplace_back(canvas.row(0), canvas.row(0) + static_cast<size_t>(canvas.stride()) * canvas.height());
  }
  CHECK(pages[1] == pages[0]);
  CHECK(pages[2] == pages[0]);
}
