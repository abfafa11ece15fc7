#include "layout_options.h"

#include <cstdio>

#include "style/layout_options.h"

namespace inkset::cli {

std::vector<OptionSpec> layout_option_specs() {
  std::vector<OptionSpec> specs;
  for (const auto& info : style::layout_option_infos()) specs.push_back({info.name, true, info.help});
  specs.push_back({"greedy", false, "first-fit line breaking instead of Knuth-Plass (cheapest)"});
  specs.push_back({"no-hyphens", false, "never hyphenate"});
  specs.push_back({"fonts", true, "font directory to use instead of the bundled fonts"});
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
  return s;
}

EngineConfig engine_config_from(const Args& args) {
  EngineConfig config;
  if (auto dir = args.get("fonts")) config.font_directories = {*dir};
  return config;
}

Result<OpenedDocument> open_document(const std::string& path, const Args& args) {
  auto settings = layout_settings_from(args);
  if (!settings) return std::move(settings).take_error();
  auto engine = Engine::create(engine_config_from(args));
  if (!engine) return std::move(engine).take_error();
  auto document = Document::open_file(**engine, path, *settings);
  if (!document) return std::move(document).take_error();
  for (const auto& w : (*document)->warnings()) std::fprintf(stderr, "inkset: warning: %s: %s\n", path.c_str(), w.c_str());
  OpenedDocument out;
  out.engine = std::move(engine.value());
  out.document = std::move(document.value());
  return out;
}

}  // namespace inkset::cli
