// Golden pages and pixel-level promises of the renderer. The tolerance metric lets a one-pixel change
// of anti-aliasing pass while an accidental change of layout or raster fails: the page's mean absolute
// difference must stay tiny and no 8x8 tile may change much on average.
#include <catch2/catch.hpp>

#include <stb/stb_image.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "api/document_impl.h"

using namespace inkset;

namespace {

constexpr double kMaxPageMeanDiff = 0.6;  // gray levels, over the whole page
constexpr double kMaxTileMeanDiff = 40;   // gray levels, averaged over any 8x8 tile

Engine& engine() {
  static std::unique_ptr<Engine> e = std::move(Engine::create().value());
  return *e;
}

std::unique_ptr<Document> sample(int w, int h, const std::string& name = "sample") {
  LayoutSettings s;
  s.page_width = w;
  s.page_height = h;
  auto doc = Document::open_file(engine(), std::string(INKSET_SOURCE_DIR) + "/content/" + name + "/article.md", s);
  REQUIRE(doc.ok());
  return std::move(doc.value());
}

struct Diff {
  double page_mean = 0;
  double worst_tile = 0;
};

Diff compare(const Bitmap& page, const uint8_t* ref, int rw, int rh) {
  REQUIRE(page.width == rw);
  REQUIRE(page.height == rh);
  Diff d;
  double total = 0;
  for (int ty = 0; ty < rh; ty += 8)
    for (int tx = 0; tx < rw; tx += 8) {
      double tile = 0;
      int n = 0;
      for (int y = ty; y < std::min(ty + 8, rh); ++y)
        for (int x = tx; x < std::min(tx + 8, rw); ++x, ++n)
          tile += std::abs(int(page.pixels[size_t(y) * page.stride + x]) - int(ref[size_t(y) * rw + x]));
      total += tile;
      d.worst_tile = std::max(d.worst_tile, tile / n);
    }
  d.page_mean = total / (double(rw) * rh);
  return d;
}

}  // namespace

TEST_CASE("render: the sample's first pages match the golden references", "[render][golden]") {
  for (auto [w, h] : {std::pair{758, 1024}, std::pair{1072, 1448}}) {
    auto doc = sample(w, h);
    for (int page = 1; page <= 2; ++page) {
      const std::string path = std::string(INKSET_TEST_DATA) + "/golden/sample-" + std::to_string(w) + "x" +
                               std::to_string(h) + "-page-" + std::to_string(page) + ".png";
      int rw = 0, rh = 0, channels = 0;
      std::unique_ptr<uint8_t, void (*)(void*)> ref(stbi_load(path.c_str(), &rw, &rh, &channels, 1), stbi_image_free);
      INFO(path << " (regenerate on purpose with tools/update-golden)");
      REQUIRE(ref);
      auto bitmap = doc->render_page(page - 1);
      REQUIRE(bitmap.ok());
      const Diff d = compare(*bitmap, ref.get(), rw, rh);
      INFO("page mean " << d.page_mean << ", worst 8x8 tile " << d.worst_tile);
      CHECK(d.page_mean <= kMaxPageMeanDiff);
      CHECK(d.worst_tile <= kMaxTileMeanDiff);
    }
  }
}

TEST_CASE("render: the golden metric catches a moved line but not a one-pixel smudge", "[render][golden]") {
  auto doc = sample(758, 1024);
  auto page = doc->render_page(1);
  REQUIRE(page.ok());
  std::vector<uint8_t> ref(page->pixels.begin(), page->pixels.end());
  // Anti-aliasing noise: a few pixels off by a little.
  Bitmap smudged = *page;
  for (int i = 0; i < 50; ++i) smudged.pixels[size_t(i) * 997 % smudged.pixels.size()] ^= 0x07;
  const Diff small = compare(smudged, ref.data(), page->width, page->height);
  CHECK(small.page_mean <= kMaxPageMeanDiff);
  CHECK(small.worst_tile <= kMaxTileMeanDiff);
  // A layout change: the page shifted down by one line's height.
  Bitmap shifted = *page;
  const int dy = 40;
  for (int y = page->height - 1; y >= dy; --y)
    std::copy_n(&page->pixels[size_t(y - dy) * page->stride], page->width, &shifted.pixels[size_t(y) * page->stride]);
  const Diff big = compare(shifted, ref.data(), page->width, page->height);
  CHECK((big.page_mean > kMaxPageMeanDiff || big.worst_tile > kMaxTileMeanDiff));
}

TEST_CASE("render: ink stays inside the content box and the running head and folio", "[render][pixels]") {
  for (const char* name : {"sample", "longform", "multilingual"}) {
    auto doc = sample(758, 1024, name);
    const auto& g = doc->impl().resolved.geometry;
    auto inside = [&](const style::Box& b, int x, int y) {
      return x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;
    };
    const int pages = std::min(doc->page_count(), 6);
    for (int p = 0; p < pages; ++p) {
      auto bitmap = doc->render_page(p);
      REQUIRE(bitmap.ok());
      int outside = 0;
      for (int y = 0; y < bitmap->height; ++y)
        for (int x = 0; x < bitmap->width; ++x) {
          if (bitmap->pixels[size_t(y) * bitmap->stride + x] == 255) continue;
          const bool ok = inside(g.content, x, y) || (g.header && inside(*g.header, x, y)) ||
                          (g.footer && inside(*g.footer, x, y));
          if (!ok) ++outside;
        }
      INFO(name << " page " << p + 1);
      CHECK(outside == 0);
    }
  }
}

TEST_CASE("render: hanging punctuation puts ink in the right margin, within half the body size", "[render][pixels]") {
  auto doc = sample(600, 800, "longform");
  LayoutSettings s = doc->layout();
  s.hanging_punctuation = true;
  REQUIRE(doc->set_layout(s).ok());
  const auto& g = doc->impl().resolved.geometry;
  const int hang = fixed_ceil(doc->impl().resolved.style(style::ElementKind::kBody).size / 2);
  int in_margin = 0, beyond = 0;
  for (int p = 0; p < 4; ++p) {
    auto bitmap = doc->render_page(p);
    REQUIRE(bitmap.ok());
    for (int y = g.content.y; y < g.content.y + g.content.height; ++y)
      for (int x = g.content.x + g.content.width; x < bitmap->width; ++x) {
        if (bitmap->pixels[size_t(y) * bitmap->stride + x] == 255) continue;
        ++(x < g.content.x + g.content.width + hang ? in_margin : beyond);
      }
  }
  CHECK(in_margin > 0);  // the hyphens and stops at line ends, not clipped
  CHECK(beyond == 0);
}

TEST_CASE("render: 16-level pages use only the 16 levels", "[render][pixels]") {
  auto doc = sample(758, 1024);
  RenderSettings settings;
  settings.gray_levels = 16;
  for (int p = 0; p < 3; ++p) {
    auto bitmap = doc->render_page(p, settings);
    REQUIRE(bitmap.ok());
    std::set<int> levels(bitmap->pixels.begin(), bitmap->pixels.end());
    for (int v : levels) CHECK(v % 17 == 0);
    CHECK(levels.size() > 2);
  }
}

TEST_CASE("render: a one-pixel rule is drawn black, not gray", "[render][pixels]") {
  auto doc = Document::open_memory(engine(), "before\n\n---\n\nafter\n", "");
  REQUIRE(doc.ok());
  auto bitmap = (*doc)->render_page(0);
  REQUIRE(bitmap.ok());
  // The thematic break is the longest run of pure black pixels on any row.
  int longest = 0;
  for (int y = 0; y < bitmap->height; ++y) {
    int run = 0;
    for (int x = 0; x < bitmap->width; ++x) {
      run = bitmap->pixels[size_t(y) * bitmap->stride + x] == 0 ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  const auto& g = (*doc)->impl().resolved.geometry;
  CHECK(longest >= g.content.width / 3 - 1);
}
