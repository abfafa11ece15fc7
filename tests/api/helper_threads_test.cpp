// The helper threads change when words are shaped and which thread draws a glyph, never how: every
// article lays out to the same pages, drawn to the same pixels, with helper threads on and off.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "api/document_impl.h"
#include "../support/cli_run.h"

using namespace inkset;

namespace {

// The layout dump without the figures that vary from run to run (time, cache hits), and the pixels
// of the first pages.
std::string pages_of(bool helpers, const std::string& path, const LayoutSettings& settings) {
  EngineConfig config;
  config.helper_threads = helpers;
  auto engine = Engine::create(config);
  REQUIRE(engine.ok());
  auto doc = Document::open_file(**engine, path, settings);
  REQUIRE(doc.ok());
  const shape::ShapePrefetcher* p = (*engine)->impl().shaper->prefetcher();
  CHECK((p && !p->text().empty()) == helpers);
  std::string pages = (*doc)->layout_json(false);
  for (int page = 0; page < std::min(3, (*doc)->page_count()); ++page) {
    auto bitmap = (*doc)->render_page(page);
    REQUIRE(bitmap.ok());
    pages.append(bitmap->pixels.begin(), bitmap->pixels.end());
  }
  CHECK(((*engine)->impl().raster_helper != nullptr) == helpers);
  return pages;
}

}  // namespace

TEST_CASE("helper threads: the pages and their pixels are the same with them and without", "[api][prefetch]") {
  LayoutSettings narrow;
  narrow.page_width = 400;
  narrow.page_height = 600;
  for (const char* name : {"sample", "longform", "multilingual"}) {
    const std::string path = std::string(INKSET_SOURCE_DIR "/content/") + name + "/article.md";
    INFO(name);
    for (const LayoutSettings& settings : {LayoutSettings{}, narrow}) {
      const std::string with = pages_of(true, path, settings);
      CHECK(with.size() > 1000);
      CHECK(with == pages_of(false, path, settings));
    }
  }
}

TEST_CASE("helper threads: closing the document stops the shaping ahead, the engine goes on", "[api][prefetch]") {
  auto engine = Engine::create();
  REQUIRE(engine.ok());
  const std::string path = INKSET_SOURCE_DIR "/content/bench/emma.md";
  {
    auto doc = Document::open_file(**engine, path);
    REQUIRE(doc.ok());
    REQUIRE((*engine)->impl().shaper->prefetcher() != nullptr);
    CHECK((*doc)->ensure_page(0));
  }
  CHECK((*engine)->impl().shaper->prefetcher()->text().empty());
  auto again = Document::open_file(**engine, path);
  REQUIRE(again.ok());
  CHECK((*again)->ensure_page(2));
}

TEST_CASE("helper threads: the command line can turn them off, with the same pages", "[api][prefetch][cli]") {
  const std::string article = INKSET_SOURCE_DIR "/content/longform/article.md";
  const auto with = test::run("layout " + article + " --json --no-timing");
  const auto without = test::run("layout " + article + " --json --no-timing --no-helper-threads");
  REQUIRE(with.exit_code == 0);
  REQUIRE(without.exit_code == 0);
  CHECK(with.out == without.out);
}
