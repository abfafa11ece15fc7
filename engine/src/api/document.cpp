#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <thread>

#include "api/document_impl.h"
#include "api/image_sandbox.h"
#include "api/pixel_export.h"
#include "display/page_display.h"
#include "doc/article_text.h"
#include "doc/markdown_parser.h"
#include "layout/document_layout.h"
#include "raster/image_store.h"
#include "raster/renderer.h"
#include "style/page_geometry.h"

namespace inkset {

namespace {

doc::ParseLimits parse_limits(const Limits& limits) {
  doc::ParseLimits l;
  l.max_source_bytes = limits.max_article_bytes;
  l.max_depth = static_cast<uint16_t>(std::clamp(limits.max_nesting, 1, 1000));
  l.max_blocks = limits.max_blocks;
  l.content.max_paragraph_bytes = limits.max_paragraph_bytes;
  l.content.max_table_cells = limits.max_table_cells;
  return l;
}

// Problems of an article file are reported with its path, as the command line shows them.
Error prefixed(Error e, const std::string& name) {
  if (!name.empty()) e.message = name + ": " + e.message;
  return e;
}

}  // namespace

raster::ImageLimits image_limits(const Limits& limits) {
  raster::ImageLimits l;
  l.max_file_bytes = limits.max_image_file_bytes;
  l.max_pixels = limits.max_image_pixels;
  return l;
}

layout::ImageInfo Document::Impl::resolve_image(const std::string& src) {
  auto it = image_by_src.find(src);
  if (it != image_by_src.end()) return it->second;
  layout::ImageInfo info;
  auto path = resolve_image_path(base_dir, src);
  const int max_images = engine.config.limits.max_images;
  if (path && images_loaded >= max_images) {
    if (images_loaded++ == max_images)
      warnings.push_back("more than " + std::to_string(max_images) +
                         " images: the further ones are shown as placeholders (--max-images)");
  } else if (!path) {
    warnings.push_back(path.error().message);
  } else {
    ++images_loaded;
    const uint32_t index = images.add_file(*path);
    if (const Error* e = images.error(index)) {
      warnings.push_back("image '" + src + "': " + e->message);
    } else {
      info.index = index;
      info.width = images.width(index);
      info.height = images.height(index);
      info.ok = true;
    }
  }
  return image_by_src.emplace(src, info).first->second;
}

bool Document::Impl::parse_more() {
  if (late_error || parser->finished()) return false;
  const auto first_block = static_cast<uint32_t>(article().blocks.size());
  if (auto status = parser->parse_more(); !status) {
    late_error = prefixed(std::move(status).take_error(), name);
    return false;
  }
  const auto& added = article().warnings;
  warnings.insert(warnings.end(), added.begin() + static_cast<std::ptrdiff_t>(article_warnings), added.end());
  article_warnings = added.size();
  warn_long_paragraphs(first_block);
  return true;
}

void Document::Impl::parse_all() {
  while (parse_more()) {
  }
}

void Document::Impl::warn_long_paragraphs(uint32_t first_block) {
  const size_t greedy_bytes = engine.config.limits.greedy_paragraph_bytes;
  const auto& blocks = article().blocks;
  const size_t before = long_paragraphs;
  for (size_t i = first_block; i < blocks.size(); ++i) long_paragraphs += blocks[i].text.size() > greedy_bytes;
  if (long_paragraphs == before) return;
  std::string message = std::to_string(long_paragraphs) + " paragraphs longer than " +
                        std::to_string(greedy_bytes / 1024) + " KiB are broken first-fit (--greedy-paragraph-kb)";
  // One warning for them all, counted over the pieces parsed so far.
  if (before == 0) {
    long_paragraphs_warning = warnings.size();
    warnings.push_back(std::move(message));
  } else {
    warnings[long_paragraphs_warning] = std::move(message);
  }
}

Status Document::Impl::apply(const LayoutSettings& s) {
  style::LayoutOptions options;
  options.page_width = s.page_width;
  options.page_height = s.page_height;
  options.dpi = s.dpi;
  options.font_size_pt = s.font_size_pt;
  options.theme = s.theme;
  options.columns = s.columns;
  if (s.margin_px >= 0) options.margins = style::Length{static_cast<double>(s.margin_px), style::LengthUnit::kPx};
  options.language = s.language;
  INKSET_TRY(style::validate_layout_options(options));
  auto resolved_layout = style::resolve_layout(options);
  if (!resolved_layout) return std::move(resolved_layout).take_error();
  layout.reset();
  resolved = std::move(resolved_layout.value());
  settings = s;
  layout::BlockLayoutOptions block_options;
  block_options.greedy = !s.optimal_breaking;
  block_options.hyphenate = s.hyphenate;
  block_options.hanging_punctuation = s.hanging_punctuation;
  block_options.greedy_above_bytes = engine.config.limits.greedy_paragraph_bytes;
  // Loading a hyphenation dictionary is a one-time cost of the engine, not of this article's layout:
  // done before the layout clock (and its time budget) starts. libhyphen takes seconds for German.
  if (s.hyphenate) {
    const std::string& language = !resolved.language.empty() ? resolved.language : article().front.language;
    (void)engine.hyphenators->for_language(language.empty() ? "en" : language);
  }
  const auto start = std::chrono::steady_clock::now();
  layout = std::make_unique<layout::DocumentLayout>(
      article(), resolved, *engine.fonts, *engine.paragraphs,
      [this](const std::string& src) { return resolve_image(src); }, block_options, [this] { return parse_more(); });
  layout->set_time_budget(engine.config.limits.layout_budget_ms);
  if (engine.helpers_allowed())
    engine.shaper->prefetch(article().source, layout->body_text_style());
  layout_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return ok_status();
}


Document::Impl::~Impl() {
  if (parser) engine.shaper->stop_prefetch(parser->article().source.data());
}

Document::Document(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Document::~Document() = default;

namespace {

Result<std::unique_ptr<Document::Impl>> open_article(Engine& engine, Result<std::string> source,
                                                     const std::string& name, const std::string& base_dir,
                                                     const LayoutSettings& settings) {
  if (!source) return std::move(source).take_error();
  auto parser = doc::ArticleParser::start(std::move(*source), parse_limits(engine.impl().config.limits));
  if (!parser) return prefixed(std::move(parser).take_error(), name);
  auto impl = std::make_unique<Document::Impl>(engine);
  impl->parser = std::move(parser.value());
  impl->name = name;
  impl->base_dir = base_dir;
  // The first piece is parsed now: a short article is parsed whole, and its problems are the open's.
  if (!impl->parse_more() && impl->late_error) return std::move(*impl->late_error);
  INKSET_TRY(impl->apply(settings));
  return impl;
}

}  // namespace

Result<std::unique_ptr<Document>> Document::open_file(Engine& engine, const std::string& path,
                                                      const LayoutSettings& settings) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  auto impl = open_article(engine, doc::read_article_file(path, parse_limits(engine.impl().config.limits)), path,
                           dir.empty() ? "." : dir, settings);
  if (!impl) return std::move(impl).take_error();
  return std::unique_ptr<Document>(new Document(std::move(impl.value())));
}

Result<std::unique_ptr<Document>> Document::open_memory(Engine& engine, std::string_view markdown,
                                                        const std::string& base_dir, const LayoutSettings& settings) {
  auto impl = open_article(engine, std::string(markdown), "", base_dir, settings);
  if (!impl) return std::move(impl).take_error();
  return std::unique_ptr<Document>(new Document(std::move(impl.value())));
}

Status Document::set_layout(const LayoutSettings& settings) {
  const LayoutSettings previous = m_impl->settings;
  if (auto status = m_impl->apply(settings); !status) {
    (void)m_impl->apply(previous);
    return status;
  }
  return ok_status();
}

const LayoutSettings& Document::layout() const { return m_impl->settings; }

bool Document::ensure_page(int index) {
  return m_impl->timed([&] { return m_impl->layout->ensure_page(index); });
}

int Document::pages_so_far() const { return m_impl->layout->pages_so_far(); }
bool Document::layout_complete() const { return m_impl->layout->complete(); }
int Document::page_count() {
  return m_impl->timed([&] { return m_impl->layout->page_count(); });
}

Status Document::render_page_into(int index, const RenderSettings& settings, uint8_t* pixels, size_t size,
                                  int stride) {
  if (index < 0 || !ensure_page(index))
    return make_error(ErrorCode::kBadArguments, "page " + std::to_string(index + 1) + " does not exist (the article has " +
                                                    std::to_string(page_count()) + " pages)");
  if (settings.gray_levels != 256 && settings.gray_levels != 16)
    return make_error(ErrorCode::kBadArguments, "gray levels must be 256 or 16");
  if (settings.rotation % 90 != 0)
    return make_error(ErrorCode::kBadArguments, "rotation must be 0, 90, 180 or 270 degrees");
  const auto& g = m_impl->resolved.geometry;
  const bool turned = (settings.rotation / 90) % 2 != 0;
  const int out_w = turned ? g.page_height : g.page_width;
  const int out_h = turned ? g.page_width : g.page_height;
  const size_t row_bytes = static_cast<size_t>(out_w) * bytes_per_pixel(settings.format);
  if (!pixels || stride < 0 || static_cast<size_t>(stride) < row_bytes ||
      size < static_cast<size_t>(stride) * (out_h - 1) + row_bytes)
    return make_error(ErrorCode::kBadArguments, "the pixel buffer is too small for a " + std::to_string(out_w) + "x" +
                                                    std::to_string(out_h) + " page");

  const layout::AssembledPage page = m_impl->layout->assemble(index);
  // Hanging punctuation stands in the margins by up to 0.7 of a hyphen or a quote: less than half the
  // body size.
  const int hang = m_impl->settings.hanging_punctuation
                       ? std::min({fixed_ceil(m_impl->resolved.style(style::ElementKind::kBody).size / 2), g.content.x,
                                   g.page_width - g.content.x - g.content.width})
                       : 0;
  std::vector<display::TextArea> areas = {
      {g.content.x - hang, g.content.y, g.content.width + 2 * hang, g.content.height}};
  for (const auto& box : {g.header, g.footer})
    if (box) areas.push_back({box->x, box->y, box->width, box->height});
  display::build_display_list(page, g.page_width, g.page_height, areas, m_impl->display);
  raster::RenderOptions options;
  options.format = raster::PixelFormat::kGray8;
  options.gray_levels = settings.gray_levels;
  options.hinting = static_cast<raster::Hinting>(settings.hinting);
  options.text_gamma = settings.text_gamma;
  m_impl->canvas.reset(g.page_width, g.page_height, raster::PixelFormat::kGray8);
  raster::RasterHelper* helper = m_impl->engine.glyph_helper();
  {
    // The page is what the reader waits for: shaping the words of later pages waits while the
    // helper draws glyphs, rather than share the second core with it.
    const shape::PrefetchPause quiet(helper ? m_impl->engine.shaper->prefetcher() : nullptr);
    INKSET_TRY(raster::render_page(m_impl->display, *m_impl->engine.fonts, *m_impl->engine.glyphs, m_impl->images,
                                   options, m_impl->canvas, helper));
  }
  export_pixels(m_impl->canvas, settings.rotation, settings.format, pixels, stride);
  return ok_status();
}

Result<Bitmap> Document::render_page(int index, const RenderSettings& settings) {
  const auto& g = m_impl->resolved.geometry;
  const bool turned = (settings.rotation / 90) % 2 != 0;
  Bitmap bitmap;
  bitmap.width = turned ? g.page_height : g.page_width;
  bitmap.height = turned ? g.page_width : g.page_height;
  bitmap.format = settings.format;
  bitmap.stride = bitmap.width * bytes_per_pixel(settings.format);
  bitmap.pixels.resize(static_cast<size_t>(bitmap.stride) * bitmap.height);
  INKSET_TRY(render_page_into(index, settings, bitmap.pixels.data(), bitmap.pixels.size(), bitmap.stride));
  return bitmap;
}

std::string Document::position_of_page(int index) {
  return m_impl->timed([&] { return m_impl->layout->position_of_page(index); });
}

int Document::page_of_position(std::string_view position) {
  return m_impl->timed([&] { return m_impl->layout->page_of_position(position); });
}

std::string Document::layout_json(bool include_timing) {
  page_count();
  layout::LayoutDumpStats stats;
  stats.include_timing = include_timing;
  stats.layout_ms = m_impl->layout_ms;
  const auto cache = m_impl->engine.shape_cache->stats();
  stats.shape_hits = cache.hits;
  stats.shape_misses = cache.misses;
  return layout::layout_json(*m_impl->layout, m_impl->article(), stats);
}

std::string Document::text() const {
  m_impl->parse_all();
  return doc::article_text(m_impl->article());
}

DocumentStats Document::stats() const {
  DocumentStats s;
  s.pages = m_impl->layout->pages_so_far();
  s.layout_ms = m_impl->layout_ms;
  const auto cache = m_impl->engine.shape_cache->stats();
  s.shape_cache_hits = cache.hits;
  s.shape_cache_misses = cache.misses;
  const auto glyphs = m_impl->engine.glyphs->stats();
  s.glyph_cache_hits = glyphs.hits;
  s.glyph_cache_misses = glyphs.misses;
  s.widows_fixed_by_looseness = m_impl->layout->paginator_stats().widows_fixed_by_looseness;
  const auto& p = m_impl->engine.paragraphs->stats();
  s.lines = static_cast<int>(p.lines);
  s.missing_glyphs = static_cast<int>(p.missing_glyphs);
  return s;
}

const std::vector<std::string>& Document::warnings() const { return m_impl->warnings; }
const std::string& Document::title() const { return m_impl->article().front.title; }
const Error* Document::late_error() const { return m_impl->late_error ? &*m_impl->late_error : nullptr; }

}  // namespace inkset
