#pragma once
// What a Document owns: the article, its resolved layout, its images and its pages. Private to the
// engine; tests reach the laid-out pages through Document::impl().
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/engine_impl.h"
#include "display/display_list.h"
#include "doc/article.h"
#include "doc/markdown_parser.h"
#include "layout/document_layout.h"
#include "raster/canvas.h"
#include "raster/image_store.h"
#include "style/page_geometry.h"

namespace inkset {

raster::ImageLimits image_limits(const Limits& limits);

struct Document::Impl {
  explicit Impl(Engine& e) : engine(e.impl()), images(image_limits(engine.config.limits)) {}
  // Stops the engine's background shaping of this article's text (it reads the text in place).
  ~Impl();

  Engine::Impl& engine;
  // The article grows as layout needs it (doc::ArticleParser): opening a long article parses only
  // what its first pages show.
  std::unique_ptr<doc::ArticleParser> parser;
  // A problem found in a piece parsed after the open (a limit exceeded far into the article): the
  // pages before it stand, the article ends there.
  std::optional<Error> late_error;
  std::string name;                // the file's path, in messages; empty for an article from memory
  size_t article_warnings = 0;     // of the parser's warnings, how many are in `warnings` already
  size_t long_paragraphs = 0;
  size_t long_paragraphs_warning = 0;  // its index in `warnings`
  std::string base_dir;  // empty: images are not loaded
  LayoutSettings settings;
  style::ResolvedLayout resolved;
  raster::ImageStore images;
  std::map<std::string, layout::ImageInfo> image_by_src;
  int images_loaded = 0;
  bool warned_budget = false;
  std::unique_ptr<layout::DocumentLayout> layout;
  double layout_ms = 0;
  std::vector<std::string> warnings;
  display::DisplayList display;  // reused from page to page
  raster::Canvas canvas;

  const doc::Article& article() const { return parser->article(); }
  // Parses the next piece of the article; false when it is all parsed or a piece failed.
  bool parse_more();
  // Parses the rest (for what needs the whole article: its text, the layout dump).
  void parse_all();
  void warn_long_paragraphs(uint32_t first_block);

  layout::ImageInfo resolve_image(const std::string& src);
  Status apply(const LayoutSettings& s);

  // Runs f and adds its time to the layout time.
  template <typename F>
  auto timed(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    auto result = f();
    layout_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (layout->over_time_budget() && !warned_budget) {
      warned_budget = true;
      warnings.push_back("layout took over " + std::to_string(static_cast<int>(engine.config.limits.layout_budget_ms)) +
                         " ms: the rest of the article is broken first-fit (--layout-budget-ms)");
    }
    return result;
  }
};

}  // namespace inkset
