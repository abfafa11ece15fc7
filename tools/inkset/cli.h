#pragma once
// Shared plumbing of the inkset command-line program: argument parsing and error reporting.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/result.h"

namespace inkset::cli {

// Exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;

int exit_code_for(ErrorCode code);

// Prints "inkset: <message>" on stderr and returns the exit code for the error's class.
int report(const Error& error);

struct OptionSpec {
  const char* name;  // without the leading "--"
  bool takes_value;
  const char* help;
};

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // flags map to ""

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
};

// Parses argv after the command word. Unknown options and missing values are errors.
Result<Args> parse_args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

struct Command {
  const char* name;
  const char* summary;
  const char* usage;                // e.g. "ARTICLE.md [options]"
  std::vector<OptionSpec> options;
  int (*run)(const Args& args);
  size_t min_positional;
  size_t max_positional;
};

// Commands are registered by their own files through a static Registration.
std::vector<Command>& commands();
struct Registration {
  explicit Registration(Command command) { commands().push_back(std::move(command)); }
};

}  // namespace inkset::cli
