// Measure once, break many: once a document has been laid out at two font sizes, laying it out
// again at either allocates nothing per paragraph. Every buffer a layout needs (shaped arrays,
// placed lines, block boxes, summaries, pages, hyphenation) is reused from the layout before.
// The test binary links the allocation counter of `inkset bench`, which counts this thread's
// malloc calls; sanitized builds replace malloc themselves and skip the check.
#include <catch2/catch.hpp>

#include "api/document_impl.h"
#include "measure.h"

using namespace inkset;

TEST_CASE("layout: re-layout at a font size laid out before allocates nothing per paragraph", "[layout][alloc]") {
  if (!bench::allocation_counting()) {
    WARN("allocation counting is off in this build");
    return;
  }
  auto engine = Engine::create();
  REQUIRE(engine.ok());
  LayoutSettings small;
  small.page_width = 758;
  small.page_height = 1024;
  small.margin_px = 40;
  LayoutSettings large = small;
  large.font_size_pt = small.font_size_pt * 1.25;
  auto doc = Document::open_file(**engine, std::string(INKSET_SOURCE_DIR) + "/content/bench/emma.md", small);
  REQUIRE(doc.ok());
  Document& d = **doc;
  const auto& builder = *(*engine)->impl().paragraphs;
  // Warm: both sizes shaped, every pool filled, and filled again by a layout at each size.
  for (int round = 0; round < 2; ++round) {
    REQUIRE(d.set_layout(large).ok());
    d.page_count();
    REQUIRE(d.set_layout(small).ok());
    d.page_count();
  }
  const uint64_t paragraphs_before = builder.stats().paragraphs;
  const uint64_t allocations_before = bench::thread_allocations();
  REQUIRE(d.set_layout(large).ok());
  const int pages = d.page_count();
  const uint64_t allocations = bench::thread_allocations() - allocations_before;
  const uint64_t paragraphs = builder.stats().paragraphs - paragraphs_before;
  REQUIRE(pages > 20);
  REQUIRE(paragraphs > 1000);
  INFO(allocations << " allocations for " << paragraphs << " paragraphs on " << pages << " pages");
  // What remains is per layout, not per paragraph: resolving the theme, the flow list, the cache's
  // slots. Half an allocation per paragraph would already mean some paragraphs allocate again.
  CHECK(allocations * 2 < paragraphs);
}
