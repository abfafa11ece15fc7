#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "breaking/line_break_opportunities.h"
#include "support/utf8.h"

using namespace inkset;

namespace {

const char* const kLineBreakTest = "/usr/share/unicode/auxiliary/LineBreakTest.txt";

// Line numbers listed in a known-failures file: "<line number> <reason>" per entry, '#' comments.
std::set<int> read_known_failures(const std::string& path) {
  std::set<int> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    lines.insert(std::stoi(line));
  }
  return lines;
}

}  // namespace

TEST_CASE("line break opportunities: UAX #14 conformance (LineBreakTest.txt)", "[breaking][uax14]") {
  std::ifstream in(kLineBreakTest);
  REQUIRE(in.good());
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> found;
  std::set<int> failures;
  int total = 0;
  int line_number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    const size_t hash = line.find('#');
    std::istringstream fields(line.substr(0, hash));
    std::string text;
    std::vector<uint32_t> expected;  // byte offsets with "÷", excluding the start of text
    std::string token;
    bool any = false;
    while (fields >> token) {
      if (token == "\xC3\xB7") {
        if (any) expected.push_back(static_cast<uint32_t>(text.size()));
      } else if (token != "\xC3\x97") {
        utf8::append(text, static_cast<char32_t>(std::stoul(token, nullptr, 16)));
        any = true;
      }
    }
    if (!any) continue;
    ++total;
    REQUIRE(finder.find(text, "", found).ok());
    std::vector<uint32_t> actual;
    for (const auto& b : found) actual.push_back(b.offset);
    if (actual != expected) failures.insert(line_number);
  }
  const double pass_rate = 100.0 * (total - static_cast<int>(failures.size())) / total;
  std::printf("LineBreakTest.txt: %d cases, %zu failures, pass rate %.2f%%\n", total, failures.size(), pass_rate);
  CHECK(total > 7000);
  CHECK(pass_rate >= 99.0);
  CHECK(failures == read_known_failures(INKSET_TEST_DATA "/breaking/linebreak-known-failures.txt"));
}

TEST_CASE("line break opportunities: mandatory breaks and byte offsets", "[breaking][uax14]") {
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> found;
  // "é" is two bytes: offsets must count bytes, not UTF-16 units.
  REQUIRE(finder.find("caf\xC3\xA9 au\nlait", "en", found).ok());
  REQUIRE(found.size() == 3);
  CHECK(found[0].offset == 6);
  CHECK(found[0].kind == breaking::BreakKind::kAllowed);
  CHECK(found[1].offset == 9);
  CHECK(found[1].kind == breaking::BreakKind::kMandatory);
  CHECK(found[2].offset == 13);
}

TEST_CASE("line break opportunities: Thai by dictionary, CJK per character", "[breaking][uax14]") {
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> found;
  // Thai "ภาษาไทย" (language Thai): two words, so one break inside plus the end.
  REQUIRE(finder.find("\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2", "th", found).ok());
  REQUIRE(found.size() == 2);
  CHECK(found[0].offset == 12);
  // "漢字。漢" : breaks between ideographs, never before the ideographic full stop (kinsoku).
  REQUIRE(finder.find("\xE6\xBC\xA2\xE5\xAD\x97\xE3\x80\x82\xE6\xBC\xA2", "ja", found).ok());
  std::vector<uint32_t> offsets;
  for (const auto& b : found) offsets.push_back(b.offset);
  CHECK(offsets == std::vector<uint32_t>{3, 9, 12});
}
