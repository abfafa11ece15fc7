#pragma once
// The layout options every page-producing command takes (layout, render, bench, preview, fb).
#include <vector>

#include <inkset/document.h>

#include "cli.h"

namespace inkset::cli {

std::vector<OptionSpec> layout_option_specs();
// Adds the given extra options to the layout options.
std::vector<OptionSpec> with_layout_options(std::vector<OptionSpec> extra);
Result<LayoutSettings> layout_settings_from(const Args& args);
// The engine options: --fonts and the limits (see inkset::Limits). Errors: kBadArguments.
Result<EngineConfig> engine_config_from(const Args& args);

// Opens an engine and an article with the command's options; warnings go to stderr.
struct OpenedDocument {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Document> document;
  std::string path;
  size_t warnings_printed = 0;

  // Layout finds some problems only when it reaches them (an image refused, the time budget spent):
  // prints the warnings that came up since the last call, "inkset: warning: <path>: <message>".
  void print_new_warnings();
};
Result<OpenedDocument> open_document(const std::string& path, const Args& args);

}  // namespace inkset::cli
