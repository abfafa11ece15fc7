#pragma once
// Runs build/inkset from a test and captures what it prints.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace inkset::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// stdout is captured; stderr is folded in only when asked (otherwise discarded).
inline RunResult run(const std::string& args, bool with_stderr = false) {
  const std::string cmd = std::string(INKSET_CLI) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace inkset::test
