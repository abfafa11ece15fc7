#include <catch2/catch.hpp>

#include <string>

#include "../support/cli_run.h"

namespace {

// The tool's stdout and stderr together.
inkset::test::RunResult run_cli(const std::string& args) { return inkset::test::run(args, true); }

}  // namespace

TEST_CASE("cli: --help lists the commands and exits 0", "[cli]") {
  const auto r = run_cli("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("usage: inkset COMMAND") != std::string::npos);
  CHECK(r.out.find("Exit codes") != std::string::npos);
}

TEST_CASE("cli: no arguments prints usage and exits 2", "[cli]") {
  CHECK(run_cli("").exit_code == 2);
}

TEST_CASE("cli: an unknown command is a one-line error with exit code 2", "[cli]") {
  const auto r = run_cli("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.out == "inkset: unknown command 'frobnicate' (see inkset --help)\n");
}
