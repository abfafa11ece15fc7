// Shaping words ahead on a second thread changes when words are shaped, never how: every article lays
// out to the same pages with background shaping on and off.
#include <catch2/catch.hpp>

#include <string>

#include "api/document_impl.h"
#include "../support/cli_run.h"

using namespace inkset;

namespace {

// The layout dump without the figures that vary from run to run (time, cache hits).
std::string pages_of(bool background, const std::string& path, const LayoutSettings& settings) {
  EngineConfig config;
  config.background_shaping = background;
  auto engine = Engine::create(config);
  REQUIRE(engine.ok());
  auto doc = Document::open_file(**engine, path, settings);
  REQUIRE(doc.ok());
  const shape::ShapePrefetcher* p = (*engine)->impl().shaper->prefetcher();
  CHECK((p && !p->text().empty()) == background);
  return (*doc)->layout_json(false);
}

}  // namespace

TEST_CASE("background shaping: the pages are the same with it and without it", "[api][prefetch]") {
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

TEST_CASE("background shaping: closing the document stops it, the engine goes on", "[api][prefetch]") {
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

TEST_CASE("background shaping: the command line can turn it off, with the same pages", "[api][prefetch][cli]") {
  const std::string article = INKSET_SOURCE_DIR "/content/longform/article.md";
  const auto with = test::run("layout " + article + " --json --no-timing");
  const auto without = test::run("layout " + article + " --json --no-timing --no-background-shaping");
  REQUIRE(with.exit_code == 0);
  REQUIRE(without.exit_code == 0);
  CHECK(with.out == without.out);
}
