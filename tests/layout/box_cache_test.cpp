// The cache of full block layouts, and the promise it rests on: a block laid out again after its
// layout left the cache gives exactly the same lines, so pages look the same however they are reached.
#include <catch2/catch.hpp>

#include "api/document_impl.h"
#include "layout/box_cache.h"

using namespace inkset;

namespace {

std::shared_ptr<layout::BlockBox> box_with_rows(size_t rows) {
  auto b = std::make_shared<layout::BlockBox>();
  b->rows.resize(rows);
  b->rows.shrink_to_fit();
  return b;
}

// Everything a page shows, down to glyph positions.
std::vector<std::string> page_signature(const layout::AssembledPage& page) {
  std::vector<std::string> out;
  for (const auto& it : page.items) {
    std::string s = std::to_string(static_cast<int>(it.kind)) + " " + std::to_string(it.x) + " " +
                    std::to_string(it.y) + " " + std::to_string(it.width);
    if (it.kind == layout::ItemKind::kLine) {
      const auto& line = it.paragraph->lines[it.line];
      s += " " + std::string(layout::line_text(*it.paragraph, it.line));
      for (size_t g = 0; g < line.glyph_id.size(); ++g)
        s += " " + std::to_string(line.glyph_id[g]) + "@" + std::to_string(line.x[g]) + "," + std::to_string(line.y[g]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("box cache: least recently used blocks leave first, within the byte budget", "[layout][box_cache]") {
  const size_t one = layout::box_bytes(*box_with_rows(100));
  layout::BoxCache cache(one * 3);
  cache.insert(0, 0, box_with_rows(100));
  cache.insert(1, 0, box_with_rows(100));
  cache.insert(2, 0, box_with_rows(100));
  CHECK(cache.stats().entries == 3);
  CHECK(cache.find(0, 0) != nullptr);  // 0 is now more recent than 1
  cache.insert(3, 0, box_with_rows(100));
  CHECK(cache.stats().bytes <= one * 3);
  REQUIRE(cache.evicted().size() == 1);
  CHECK(cache.evicted()[0]->rows.size() == 100);  // handed back for its buffers
  CHECK(cache.find(1, 0) == nullptr);
  CHECK(cache.find(0, 0) != nullptr);
  CHECK(cache.find(3, 0) != nullptr);
  CHECK(cache.find(3, 1) == nullptr);  // another looseness is another layout
  CHECK(cache.stats().hits == 3);
  CHECK(cache.stats().misses == 2);
}

TEST_CASE("box cache: a block larger than the budget is still kept until the next one", "[layout][box_cache]") {
  layout::BoxCache cache(16);
  cache.insert(7, 0, box_with_rows(100));
  CHECK(cache.find(7, 0) != nullptr);
  cache.insert(8, 0, box_with_rows(100));
  CHECK(cache.find(7, 0) == nullptr);
  CHECK(cache.find(8, 0) != nullptr);
}

TEST_CASE("box cache: pages laid out again after eviction are identical, and a page outlives eviction",
          "[layout][box_cache]") {
  auto engine = Engine::create();
  REQUIRE(engine.ok());
  LayoutSettings s;
  s.page_width = 600;
  s.page_height = 800;
  auto doc = Document::open_file(**engine, std::string(INKSET_SOURCE_DIR) + "/content/longform/article.md", s);
  REQUIRE(doc.ok());
  auto& dl = *(*doc)->impl().layout;
  const auto lines_counted = [&] { return (*engine)->impl().paragraphs->stats().lines; };
  REQUIRE(dl.ensure_page(0));
  uint64_t counted = lines_counted();
  const layout::AssembledPage first = dl.assemble(0);
  const uint64_t generated = lines_counted() - counted;  // the folio: the page's blocks were laid out already
  const auto before = page_signature(first);
  const int pages = dl.page_count();
  REQUIRE(pages > 20);  // enough pages to push the first ones out of the cache
  for (int p = 1; p < pages; ++p) dl.assemble(p);
  const uint64_t misses = dl.box_cache_stats().misses;
  // `first` still owns its blocks: its lines are intact though the cache let them go.
  CHECK(page_signature(first) == before);
  counted = lines_counted();
  CHECK(page_signature(dl.assemble(0)) == before);
  CHECK(dl.box_cache_stats().misses > misses);  // page 1 really was laid out again
  // Laying a block out again does not count its lines twice.
  CHECK(lines_counted() - counted == generated);
}
