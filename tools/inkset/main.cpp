// inkset: the command-line front end. Thin by design: parse options, call the engine, print.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"

using namespace inkset;

namespace {

void print_help() {
  std::printf(
      "usage: inkset COMMAND [ARGS] [OPTIONS]\n\n"
      "Lays out Markdown articles into pages for e-ink readers and kiosks.\n\ncommands:\n");
  auto cmds = cli::commands();
  std::sort(cmds.begin(), cmds.end(), [](const auto& a, const auto& b) { return std::string(a.name) < b.name; });
  for (const auto& c : cmds) std::printf("  %-9s %s\n", c.name, c.summary);
  std::printf("\n'inkset COMMAND --help' shows a command's options. Exit codes: 0 ok, 2 bad arguments,\n"
              "3 unreadable file, 4 bad article, 5 limit exceeded, 6 missing font, 70 internal error.\n");
}

void print_command_help(const cli::Command& c) {
  std::printf("usage: inkset %s %s\n\n%s\n", c.name, c.usage, c.summary);
  if (!c.options.empty()) std::printf("\noptions:\n");
  for (const auto& o : c.options) {
    const std::string flag = std::string("--") + o.name + (o.takes_value ? " VALUE" : "");
    std::printf("  %-20s %s\n", flag.c_str(), o.help);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    print_help();
    return words.empty() ? cli::kExitUsage : cli::kExitOk;
  }
  const auto& cmds = cli::commands();
  const auto it = std::find_if(cmds.begin(), cmds.end(), [&](const auto& c) { return words[0] == c.name; });
  if (it == cmds.end()) {
    std::fprintf(stderr, "inkset: unknown command '%s' (see inkset --help)\n", words[0].c_str());
    return cli::kExitUsage;
  }
  std::vector<std::string> rest(words.begin() + 1, words.end());
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end()) {
    print_command_help(*it);
    return cli::kExitOk;
  }
  auto args = cli::parse_args(rest, it->options);
  if (!args) return cli::report(args.error());
  const size_t n = args->positional.size();
  if (n < it->min_positional || n > it->max_positional) {
    std::fprintf(stderr, "inkset: '%s' expects %s (see inkset %s --help)\n", it->name, it->usage, it->name);
    return cli::kExitUsage;
  }
  return it->run(*args);
}
