#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct RunResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

RunResult run_cli(const std::string& args) {
  const std::string cmd = std::string(INKSET_CLI) + " " + args + " 2>&1";
  RunResult r{-1, {}};
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("cli: --help lists the commands and exits 0", "[cli]") {
  const auto r = run_cli("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("usage: inkset COMMAND") != std::string::npos);
  CHECK(r.output.find("Exit codes") != std::string::npos);
}

TEST_CASE("cli: no arguments prints usage and exits 2", "[cli]") {
  CHECK(run_cli("").exit_code == 2);
}

TEST_CASE("cli: an unknown command is a one-line error with exit code 2", "[cli]") {
  const auto r = run_cli("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.output == "inkset: unknown command 'frobnicate' (see inkset --help)\n");
}
