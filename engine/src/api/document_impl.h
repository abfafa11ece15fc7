#pragma once
// What a Document owns: the article, its resolved layout, its images and its pages. Private to the
// engine; tests reach the laid-out pages through Document::impl().
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/engine_impl.h"
#include "display/display_list.h"
#include "doc/article.h"
#include "layout/document_layout.h"
#include "raster/canvas.h"
#include "raster/image_store.h"
#include "style/page_geometry.h"

namespace inkset {

raster::ImageLimits image_limits(const Limits& limits);

struct Document::Impl {
  explicit Impl(Engine& e) : engine(e.impl()), images(image_limits(engine.config.limits)) {}

  Engine::Impl& engine;
  doc::Article article;
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
