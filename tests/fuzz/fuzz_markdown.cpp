// Markdown -> article -> layout -> pages -> pixels on a small page, asserting that no text is lost
// or duplicated on the way (text_conservation.h). Any mismatch aborts, so the fuzzer reports it.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <inkset/document.h>

#include "api/engine_impl.h"
#include "article_description.h"
#include "display/page_display.h"
#include "doc/markdown_parser.h"
#include "layout/document_layout.h"
#include "raster/renderer.h"
#include "style/page_geometry.h"
#include "text_conservation.h"

using namespace inkset;

namespace {

// Small pages make many pages from short inputs, so pagination is exercised too.
constexpr int kPageWidth = 240;
constexpr int kPageHeight = 320;
constexpr int kRenderedPages = 2;

Engine& engine() {
  static std::unique_ptr<Engine> e = [] {
    EngineConfig config;
    config.no_system_fonts = true;
    auto created = Engine::create(config);
    if (!created) {
      std::fprintf(stderr, "fuzz_markdown: %s\n", created.error().message.c_str());
      std::abort();
    }
    // Every hyphenation dictionary is loaded up front: libhyphen takes seconds for German (more
    // under ASan), a one-time cost the fuzzer must not report as a slow input.
    for (const char* language : {"en", "en-GB", "de", "fr", "es", "ru"})
      (void)(*created)->impl().hyphenators->for_language(language);
    return std::move(created.value());
  }();
  return *e;
}

const style::ResolvedLayout& resolved(bool greedy_variant) {
  auto make = [](int columns) {
    style::LayoutOptions options;
    options.page_width = kPageWidth * columns;
    options.page_height = kPageHeight;
    options.dpi = 96;
    options.columns = columns;
    auto r = style::resolve_layout(options);
    if (!r) std::abort();
    return std::move(r.value());
  };
  static const style::ResolvedLayout one = make(1);
  static const style::ResolvedLayout two = make(2);
  return greedy_variant ? two : one;
}

}  // namespace

// Fonts and dictionaries load before the first input, so their time is not charged to it.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)engine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Engine::Impl& e = engine().impl();
  // The first byte picks a variant (greedy breaking and two columns), so both breakers are fuzzed.
  const bool variant = size > 0 && (data[0] & 1);
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  auto article = doc::parse_article(source);
  // Parsed piece by piece, cut wherever allowed, the article must be the same (chunk_splitter.h).
  auto in_pieces = doc::ArticleParser::start(std::string(source), {}, 1);
  const bool pieces_ok = in_pieces && (*in_pieces)->parse_all();
  if (pieces_ok != article.ok() ||
      (pieces_ok && fuzz::describe_article((*in_pieces)->article()) != fuzz::describe_article(*article))) {
    std::fprintf(stderr, "parsing in pieces differs from parsing the whole\n");
    std::abort();
  }
  if (!article) return 0;
  const style::ResolvedLayout& r = resolved(variant);
  layout::BlockLayoutOptions options;
  options.greedy = variant;
  layout::DocumentLayout layout(*article, r, *e.fonts, *e.paragraphs, nullptr, options);
  const std::string problem = fuzz::check_text_conservation(layout, *article);
  if (!problem.empty()) {
    std::fprintf(stderr, "text not conserved: %s\n", problem.c_str());
    std::abort();
  }
  raster::ImageStore images;
  display::DisplayList list;
  raster::Canvas canvas;
  for (int p = 0; p < kRenderedPages && p < layout.pages_so_far(); ++p) {
    const layout::AssembledPage page = layout.assemble(p);
    const auto& g = r.geometry;
    const display::TextArea areas[] = {{g.content.x, g.content.y, g.content.width, g.content.height}};
    display::build_display_list(page, g.page_width, g.page_height, areas, list);
    canvas.reset(r.geometry.page_width, r.geometry.page_height, raster::PixelFormat::kGray8);
    if (!raster::render_page(list, *e.fonts, *e.glyphs, images, raster::RenderOptions::eink(), canvas)) std::abort();
  }
  return 0;
}
