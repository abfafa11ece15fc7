#include <catch2/catch.hpp>

#include "../support/cli_run.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

using inkset::test::run;

const std::string kSample = std::string(INKSET_TEST_DATA) + "/doc/sample.md";

}  // namespace

TEST_CASE("cli text: prints the article's text in reading order", "[cli][doc]") {
  const auto r = run("text " + kSample, false);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "A Small Sample\nBy Ann Writer, Bo Editor\n2024-01-02\nFirst heading\nSome text with a footnote1.\n"
        "a | b\n1 | 2\none\ntwo\ncode line 1 code line 2\nA caption\nComments (1)\n"
        "Cy Reader \xC2\xB7 Example Org \xC2\xB7 2024-01-03 \xC2\xB7 2 votes\nNice article.\n[1] The note.\n");
}

TEST_CASE("cli outline: prints the block tree", "[cli][doc]") {
  const auto r = run("outline " + kSample, false);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("heading level=1 \"First heading\"\n", 0) == 0);
  CHECK(r.out.find("\n  comment author=\"Cy Reader\" votes=2\n    paragraph \"Nice article.\"\n") != std::string::npos);
}

TEST_CASE("cli text/outline: a missing file is a one-line error with exit code 3", "[cli][doc]") {
  for (const char* cmd : {"text", "outline"}) {
    const auto r = run(std::string(cmd) + " /nonexistent/article.md", true);
    CHECK(r.exit_code == 3);
    CHECK(r.out == "inkset: /nonexistent/article.md: cannot read: No such file or directory\n");
  }
}

TEST_CASE("cli text: bad front matter exits 4, warnings go to stderr", "[cli][doc]") {
  char name[] = "/tmp/inkset_cli_XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  close(fd);
  { std::ofstream(name, std::ios::binary) << "---\ntitle: x\n"; }
  auto r = run(std::string("text ") + name, true);
  CHECK(r.exit_code == 4);
  CHECK(r.out == std::string("inkset: ") + name +
                     ": line 1: front matter opened with '---' is never closed; end it with a line '---'\n");
  { std::ofstream(name, std::ios::binary) << "caf\xE9\n"; }
  r = run(std::string("text ") + name, true);
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string("inkset: warning: ") + name +
                     ": line 1: invalid UTF-8 replaced by U+FFFD; save the file as UTF-8\ncaf\xEF\xBF\xBD\n");
  std::remove(name);
}

TEST_CASE("cli text: wrong argument count is a usage error", "[cli][doc]") {
  CHECK(run("text", true).exit_code == 2);
  CHECK(run("outline a.md b.md", true).exit_code == 2);
}
