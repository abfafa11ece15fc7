#pragma once
// The layout options every command that lays out an article accepts, parsed into LayoutSettings.
#include <vector>

#include <inkset/document.h>

#include "cli.h"

namespace inkset::cli {

std::vector<OptionSpec> layout_option_specs();

// Starts from base (so a command can default the page size to its screen) and applies the options
// given. Errors (kBadArguments) name the option and the expected form.
Result<LayoutSettings> layout_settings_from(const Args& args, LayoutSettings base = {});

}  // namespace inkset::cli
