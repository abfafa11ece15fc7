#include <catch2/catch.hpp>

#include "../support/sanitizers.h"

#include <chrono>
#include <cstdlib>
#include <set>
#include <string>
#include <thread>

#include <unistd.h>

#include "cli_support.h"

using namespace inkset::test;

namespace {

std::string make_temp_dir() {
  char name[] = "/tmp/inkset_kiosk_cli_XXXXXX";
  REQUIRE(mkdtemp(name));
  return name;
}

std::string article(const std::string& title, int paragraphs) {
  std::string text = "# " + title + "\n\n";
  for (int i = 0; i < paragraphs; ++i)
    text += "Paragraph " + std::to_string(i) + " of " + title +
            " has enough words in it to fill a line or two of the small kiosk page used by this test.\n\n";
  return text;
}

std::string field(const std::string& line, const std::string& key) {
  const auto at = line.find(key + "=");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 1;
  return line.substr(start, line.find(' ', start) - start);
}

}  // namespace

TEST_CASE("kiosk: shows good articles, error pages for broken ones, follows folder changes", "[platform][kiosk][cli]") {
  const std::string dir = make_temp_dir();
  const std::string log = dir + ".log";
  write_file(dir + "/a.md", article("Alpha", 3));
  write_file(dir + "/b.md", article("Bravo", 2) + "![a missing figure](missing.png)\n");
  std::string binary;
  for (int i = 0; i < 2048; ++i) binary += static_cast<char>((i * 37) & 0xFF);
  write_file(dir + "/c.md", binary);
  write_file(dir + "/d.md", "");
  // Invalid UTF-8 in otherwise good text is repaired (U+FFFD), so the article is shown, not refused.
  write_file(dir + "/f.md", article("Foxtrot", 1) + "Bad bytes \xC3\x28 and \xFF here.\n");

  // The kiosk runs in the background while the folder changes under it.
  std::thread kiosk([&] {
    const auto r = run_inkset("kiosk --dir " + dir + " --backend record --geometry 300x400x8 --dwell 10ms --turns 120 --log " + log);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  write_file(dir + "/e.md", article("Echo", 1));
  write_file(dir + "/a.md", article("Alpha", 6));
  kiosk.join();

  const auto lines = read_lines(log);
  REQUIRE(lines.size() == 120);
  std::set<std::string> shown, errors, alpha_sizes;
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(field(lines[i], "turn") == std::to_string(i + 1));
    if (const auto e = field(lines[i], "error"); !e.empty()) errors.insert(e);
    if (const auto a = field(lines[i], "article"); !a.empty()) shown.insert(a);
    if (field(lines[i], "article") == "a.md") alpha_sizes.insert(field(lines[i], "bytes"));
  }
  CHECK(shown.count("a.md"));
  CHECK(shown.count("b.md"));  // a missing image is drawn as a placeholder, not an error
  CHECK(shown.count("e.md"));  // added during the run
  CHECK(shown.count("f.md"));
  CHECK(errors.count("c.md"));
  CHECK(errors.count("d.md"));
  CHECK_FALSE(shown.count("c.md"));
  CHECK_FALSE(shown.count("d.md"));
  CHECK(alpha_sizes.size() == 2);  // the edit was picked up
  for (const char* f : {"a.md", "b.md", "c.md", "d.md", "e.md", "f.md"}) std::remove((dir + "/" + f).c_str());
  rmdir(dir.c_str());
  std::remove(log.c_str());
}

TEST_CASE("kiosk: memory stays flat over hundreds of turns", "[platform][kiosk][cli]") {
  if (kUnderAddressSanitizer) {
    WARN("resident memory is not measurable under AddressSanitizer; this test asserts in normal builds");
    return;
  }
  const std::string dir = make_temp_dir();
  const std::string log = dir + ".log";
  write_file(dir + "/one.md", article("One", 4));
  write_file(dir + "/two.md", article("Two", 2) + "![gone](gone.png)\n");
  write_file(dir + "/three.md", "");
  const auto r =
      run_inkset("kiosk --dir " + dir + " --backend record --geometry 240x320x8 --dwell 0ms --turns 500 --log " + log);
  REQUIRE(r.exit_code == 0);
  const auto lines = read_lines(log);
  REQUIRE(lines.size() == 500);
  const double rss50 = std::stod(field(lines[49], "rss_kb"));
  const double rss500 = std::stod(field(lines[499], "rss_kb"));
  INFO("VmRSS after 50 turns " << rss50 << " kB, after 500 turns " << rss500 << " kB");
  CHECK(rss500 <= rss50 * 1.10);
  for (const char* f : {"one.md", "two.md", "three.md"}) std::remove((dir + "/" + f).c_str());
  rmdir(dir.c_str());
  std::remove(log.c_str());
}

TEST_CASE("kiosk: a limit exceeded far into an article shows its pages, then the error", "[platform][kiosk][cli]") {
  const std::string dir = make_temp_dir();
  const std::string log = dir + ".log";
  // Over 64 KB of prose (more than the first parse pieces), then a table over the limit given below.
  std::string text;
  while (text.size() < 80 * 1024) text += "Ordinary words fill the first pages of this article before the trouble.\n\n";
  text += "| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n";
  write_file(dir + "/late.md", text);
  const auto r = run_inkset("kiosk --dir " + dir +
                            " --backend record --geometry 1200x1600x8 --font-size 6pt --dwell 0ms --turns 40"
                            " --max-table-cells 6 --log " + log);
  CHECK(r.exit_code == 0);
  const auto lines = read_lines(log);
  REQUIRE(lines.size() == 40);
  size_t first_error = lines.size();
  for (size_t i = 0; i < lines.size() && first_error == lines.size(); ++i)
    if (field(lines[i], "error") == "late.md") first_error = i;
  REQUIRE(first_error < lines.size());
  CHECK(first_error >= 2);  // the pages before the table were shown first
  for (size_t i = 0; i < first_error; ++i) CHECK(field(lines[i], "article") == "late.md");
  CHECK(lines[first_error].find("cells (--max-table-cells)") != std::string::npos);
  std::remove((dir + "/late.md").c_str());
  rmdir(dir.c_str());
  std::remove(log.c_str());
}

TEST_CASE("kiosk: bad options are one-line errors", "[platform][kiosk][cli]") {
  CHECK(run_inkset("kiosk").exit_code == 2);
  CHECK(run_inkset("kiosk --dir /tmp --backend nope").exit_code == 2);
  CHECK(run_inkset("kiosk --dir /tmp --dwell soon --backend record").exit_code == 2);
  CHECK(run_inkset("kiosk --dir /tmp --orientation sideways --backend record").exit_code == 2);
}
