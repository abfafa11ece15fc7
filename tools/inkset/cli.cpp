#include "cli.h"

#include <cstdio>

namespace inkset::cli {

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 0;
    case ErrorCode::kBadArguments: return 2;
    case ErrorCode::kUnreadableFile: return 3;
    case ErrorCode::kBadArticle: return 4;
    case ErrorCode::kLimitExceeded: return 5;
    case ErrorCode::kMissingFont: return 6;
    case ErrorCode::kInternal: return 70;
  }
  return 70;
}

int report(const Error& error) {
  std::fprintf(stderr, "inkset: %s\n", error.message.c_str());
  return exit_code_for(error.code);
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

Result<Args> parse_args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) {
      if (a.size() > 1 && a[0] == '-')
        return make_error(ErrorCode::kBadArguments, "unknown option '" + a + "' (see inkset --help)");
      args.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (name == s.name) spec = &s;
    if (!spec) return make_error(ErrorCode::kBadArguments, "unknown option '--" + name + "' (see inkset --help)");
    if (!spec->takes_value) {
      if (inline_value) return make_error(ErrorCode::kBadArguments, "option '--" + name + "' takes no value");
      args.options[name] = "";
    } else if (inline_value) {
      args.options[name] = *inline_value;
    } else if (i + 1 < argv.size()) {
      args.options[name] = argv[++i];
    } else {
      return make_error(ErrorCode::kBadArguments, "option '--" + name + "' needs a value");
    }
  }
  return args;
}

std::vector<Command>& commands() {
  static std::vector<Command> registry;
  return registry;
}

}  // namespace inkset::cli
