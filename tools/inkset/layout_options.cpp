#include "layout_options.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "style/layout_options.h"

namespace inkset::cli {
namespace {

// The limit options: name, help (with the default), and where the parsed number goes.
struct LimitOption {
  const char* name;
  const char* help;
  double scale;  // the option's unit in the field's unit (MB -> bytes)
  double min;
  double max;
  void (*set)(Limits& limits, double value);
};

constexpr double kMb = 1 << 20;
constexpr double kKb = 1 << 10;

const LimitOption kLimitOptions[] = {
    {"max-article-mb", "refuse articles larger than this (default 16)", kMb, 0.001, 1024,
     [](Limits& l, double v) { l.max_article_bytes = static_cast<size_t>(v); }},
    {"max-nesting", "show quotes and lists nested deeper at this depth (default 64)", 1, 1, 1000,
     [](Limits& l, double v) { l.max_nesting = static_cast<int>(v); }},
    {"max-blocks", "refuse articles with more blocks (default 1000000)", 1, 1, 1e8,
     [](Limits& l, double v) { l.max_blocks = static_cast<size_t>(v); }},
    {"max-paragraph-kb", "refuse articles with a longer paragraph (default 2048)", kKb, 1, 1 << 20,
     [](Limits& l, double v) { l.max_paragraph_bytes = static_cast<size_t>(v); }},
    {"greedy-paragraph-kb", "break longer paragraphs first-fit instead of Knuth-Plass (default 64)", kKb, 0, 1 << 20,
     [](Limits& l, double v) { l.greedy_paragraph_bytes = static_cast<size_t>(v); }},
    {"max-table-cells", "refuse articles with a table of more rows x columns (default 100000)", 1, 1, 1e9,
     [](Limits& l, double v) { l.max_table_cells = static_cast<size_t>(v); }},
    {"max-image-mb", "show larger image files as placeholders (default 32)", kMb, 0.001, 4096,
     [](Limits& l, double v) { l.max_image_file_bytes = static_cast<size_t>(v); }},
    {"max-image-megapixels", "show images with more pixels as placeholders, checked before decoding (default 40)", 1e6,
     0.000001, 1000, [](Limits& l, double v) { l.max_image_pixels = static_cast<uint64_t>(v); }},
    {"max-images", "show further images of an article as placeholders (default 256)", 1, 0, 1e6,
     [](Limits& l, double v) { l.max_images = static_cast<int>(v); }},
    {"max-font-mb", "skip larger font files with a warning (default 64)", kMb, 0.001, 4096,
     [](Limits& l, double v) { l.max_font_file_bytes = static_cast<size_t>(v); }},
    {"layout-budget-ms", "layout time per article; the rest is broken first-fit (default 5000)", 1, 0, 3.6e6,
     [](Limits& l, double v) { l.layout_budget_ms = v; }},
};

}  // namespace

std::vector<OptionSpec> layout_option_specs() {
  std::vector<OptionSpec> specs;
  for (const auto& info : style::layout_option_infos()) specs.push_back({info.name, true, info.help});
  specs.push_back({"greedy", false, "first-fit line breaking instead of Knuth-Plass (cheapest)"});
  specs.push_back({"no-hyphens", false, "never hyphenate"});
  specs.push_back({"hanging-punctuation", false, "let hyphens, stops and quotes at line ends stand in the margin"});
  specs.push_back({"fonts", true, "font directory to use instead of the bundled fonts"});
  specs.push_back({"no-helper-threads", false, "do all the work on the calling thread (no helper shaping ahead or drawing glyphs)"});
  for (const auto& o : kLimitOptions) specs.push_back({o.name, true, o.help});
  return specs;
}

std::vector<OptionSpec> with_layout_options(std::vector<OptionSpec> extra) {
  auto specs = layout_option_specs();
  specs.insert(specs.end(), extra.begin(), extra.end());
  return specs;
}

Result<LayoutSettings> layout_settings_from(const Args& args) {
  style::LayoutOptions options;
  for (const auto& info : style::layout_option_infos())
    if (auto v = args.get(info.name)) INKSET_TRY(style::parse_layout_option(options, info.name, *v));
  LayoutSettings s;
  s.page_width = options.page_width;
  s.page_height = options.page_height;
  s.dpi = options.dpi;
  s.font_size_pt = options.font_size_px > 0 ? options.font_size_px * 72.0 / options.dpi : options.font_size_pt;
  s.theme = options.theme;
  s.columns = options.columns;
  if (options.margins) {
    const auto& m = *options.margins;
    switch (m.unit) {
      case style::LengthUnit::kPx: s.margin_px = static_cast<int>(m.value + 0.5); break;
      case style::LengthUnit::kPt: s.margin_px = static_cast<int>(m.value * options.dpi / 72.0 + 0.5); break;
      case style::LengthUnit::kPercent: s.margin_px = static_cast<int>(m.value * options.page_width / 100.0 + 0.5); break;
      case style::LengthUnit::kEm:
        return make_error(ErrorCode::kBadArguments, "--margins takes px, pt or %, e.g. --margins 40px");
    }
  }
  s.language = options.language;
  s.optimal_breaking = !args.has("greedy");
  s.hyphenate = !args.has("no-hyphens");
  s.hanging_punctuation = args.has("hanging-punctuation");
  return s;
}

Result<EngineConfig> engine_config_from(const Args& args) {
  EngineConfig config;
  if (auto dir = args.get("fonts")) config.font_directories = {*dir};
  config.helper_threads = !args.has("no-helper-threads");
  for (const auto& o : kLimitOptions) {
    const auto text = args.get(o.name);
    if (!text) continue;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !std::isfinite(v) || v < o.min || v > o.max) {
      char range[96];
      std::snprintf(range, sizeof range, "%g..%g", o.min, o.max);
      return make_error(ErrorCode::kBadArguments,
                        "--" + std::string(o.name) + " takes a number in " + range + ", not '" + *text + "'");
    }
    o.set(config.limits, v * o.scale);
  }
  return config;
}

Result<OpenedDocument> open_document(const std::string& path, const Args& args) {
  auto settings = layout_settings_from(args);
  if (!settings) return std::move(settings).take_error();
  auto config = engine_config_from(args);
  if (!config) return std::move(config).take_error();
  auto engine = Engine::create(*config);
  if (!engine) return std::move(engine).take_error();
  for (const auto& w : (*engine)->warnings()) std::fprintf(stderr, "inkset: warning: %s\n", w.c_str());
  auto document = Document::open_file(**engine, path, *settings);
  if (!document) return std::move(document).take_error();
  OpenedDocument out;
  out.engine = std::move(engine.value());
  out.document = std::move(document.value());
  out.path = path;
  out.print_new_warnings();
  return out;
}

void OpenedDocument::print_new_warnings() {
  const auto& all = document->warnings();
  for (; warnings_printed < all.size(); ++warnings_printed)
    std::fprintf(stderr, "inkset: warning: %s: %s\n", path.c_str(), all[warnings_printed].c_str());
}

}  // namespace inkset::cli
