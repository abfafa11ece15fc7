#include "api/engine_impl.h"

#include <thread>

namespace inkset {

int bytes_per_pixel(PixelFormat format) {
  switch (format) {
    case PixelFormat::kGray8: return 1;
    case PixelFormat::kRgb565: return 2;
    case PixelFormat::kRgba8888:
    case PixelFormat::kBgra8888: return 4;
  }
  return 4;
}

bool Engine::Impl::helpers_allowed() const {
  return config.helper_threads && std::thread::hardware_concurrency() > 1;
}

raster::RasterHelper* Engine::Impl::glyph_helper() {
  if (!helpers_allowed()) return nullptr;
  // Made once: a helper that got no thread stays, so that no page tries again.
  if (!raster_helper) raster_helper = std::make_unique<raster::RasterHelper>();
  return raster_helper->available() ? raster_helper.get() : nullptr;
}

Engine::Engine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Engine::~Engine() = default;

const std::vector<std::string>& Engine::warnings() const { return m_impl->fonts->warnings(); }

Result<std::unique_ptr<Engine>> Engine::create(const EngineConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  font::FontConfig fonts = font::default_font_config();
  if (!config.font_directories.empty()) fonts.directories = config.font_directories;
  if (config.no_system_fonts) fonts.system_directories.clear();
  fonts.max_file_bytes = config.limits.max_font_file_bytes;
  auto collection = font::FontCollection::create(fonts);
  if (!collection) return std::move(collection).take_error();
  impl->fonts = std::move(collection.value());
  impl->shape_cache = std::make_unique<shape::ShapeCache>(config.shape_cache_bytes);
  impl->shaper = std::make_unique<shape::Shaper>(*impl->fonts, *impl->shape_cache);
  impl->hyphenators = std::make_unique<breaking::HyphenatorSet>();
  impl->paragraphs = std::make_unique<layout::ParagraphBuilder>(*impl->fonts, *impl->shaper, *impl->hyphenators);
  impl->glyphs = std::make_unique<raster::GlyphCache>(config.glyph_cache_bytes);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

}  // namespace inkset
