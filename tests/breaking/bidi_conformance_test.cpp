// UAX #9 conformance of ICU's ubidi as the engine uses it: paragraph level from the direction
// field, resolved levels per character, and visual order from ubidi_getVisualMap.
#include <catch2/catch.hpp>
#include <unicode/ubidi.h>
#include <unicode/utf16.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace std::string_literals;

namespace {

const char* const kBidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  return out;
}

// One BidiCharacterTest.txt case; returns an empty string when ICU agrees, else what differs.
std::string run_case(const std::vector<std::string>& f) {
  std::vector<UChar> text;
  std::vector<int32_t> cp_of_unit;  // code point index of each UTF-16 unit
  {
    std::istringstream cps(f[0]);
    std::string hex;
    int32_t index = 0;
    while (cps >> hex) {
      const UChar32 cp = static_cast<UChar32>(std::stoul(hex, nullptr, 16));
      UChar units[2];
      int32_t n = 0;
      U16_APPEND_UNSAFE(units, n, cp);
      for (int32_t i = 0; i < n; ++i) {
        text.push_back(units[i]);
        cp_of_unit.push_back(index);
      }
      ++index;
    }
  }
  const int direction = std::stoi(f[1]);
  const UBiDiLevel para_level = direction == 0 ? 0 : direction == 1 ? 1 : UBIDI_DEFAULT_LTR;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UBiDi, decltype(&ubidi_close)> bidi(ubidi_open(), &ubidi_close);
  ubidi_setPara(bidi.get(), text.data(), static_cast<int32_t>(text.size()), para_level, nullptr, &status);
  if (U_FAILURE(status)) return "ubidi_setPara: "s + u_errorName(status);

  if (ubidi_getParaLevel(bidi.get()) != std::stoi(f[2])) return "paragraph level";

  const UBiDiLevel* levels = ubidi_getLevels(bidi.get(), &status);
  if (U_FAILURE(status)) return "ubidi_getLevels: "s + u_errorName(status);
  std::vector<std::string> expected_levels;
  {
    std::istringstream in(f[3]);
    std::string l;
    while (in >> l) expected_levels.push_back(l);
  }
  // ICU documents a shortcut: for unidirectional text it reports every level as the paragraph
  // level instead of the resolved ones. The visual order is the same, so such levels are accepted.
  bool unidirectional = ubidi_getDirection(bidi.get()) != UBIDI_MIXED;
  if (unidirectional) {
    const int parity = ubidi_getParaLevel(bidi.get()) & 1;
    for (const std::string& want : expected_levels) {
      if (want != "x" && (std::stoi(want) & 1) != parity) unidirectional = false;
    }
  }
  std::string why;
  std::vector<bool> ignored(expected_levels.size());
  for (size_t u = 0; u < text.size(); ++u) {
    const std::string& want = expected_levels[static_cast<size_t>(cp_of_unit[u])];
    if (want == "x") {
      ignored[static_cast<size_t>(cp_of_unit[u])] = true;
      continue;
    }
    if (why.empty() && !unidirectional && std::stoi(want) != levels[u]) why = "level of character " + std::to_string(cp_of_unit[u]);
  }

  std::vector<int32_t> map(text.size());
  ubidi_getVisualMap(bidi.get(), map.data(), &status);
  if (U_FAILURE(status)) return "ubidi_getVisualMap: "s + u_errorName(status);
  std::vector<int32_t> visual;
  for (const int32_t logical : map) {
    const int32_t cp = cp_of_unit[static_cast<size_t>(logical)];
    if (ignored[static_cast<size_t>(cp)]) continue;
    if (!visual.empty() && visual.back() == cp) continue;  // second unit of a surrogate pair
    visual.push_back(cp);
  }
  std::vector<int32_t> expected_order;
  {
    std::istringstream in(f[4]);
    int32_t i;
    while (in >> i) expected_order.push_back(i);
  }
  if (visual != expected_order) why += why.empty() ? "visual order" : ", visual order";
  return why;
}

}  // namespace

TEST_CASE("bidi: UAX #9 conformance (BidiCharacterTest.txt)", "[breaking][bidi]") {
  std::ifstream in(kBidiCharacterTest);
  REQUIRE(in.good());
  std::set<int> failures;
  int total = 0;
  int line_number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, ';');
    if (fields.size() < 5) continue;
    ++total;
    const std::string why = run_case(fields);
    if (!why.empty()) {
      failures.insert(line_number);
      std::printf("BidiCharacterTest.txt:%d: %s\n", line_number, why.c_str());
    }
  }
  const double pass_rate = 100.0 * (total - static_cast<int>(failures.size())) / total;
  std::printf("BidiCharacterTest.txt: %d cases, %zu failures, pass rate %.2f%%\n", total, failures.size(), pass_rate);
  CHECK(total > 90000);
  std::set<int> known;
  std::ifstream known_in(INKSET_TEST_DATA "/breaking/bidi-known-failures.txt");
  while (std::getline(known_in, line)) {
    if (!line.empty() && line[0] != '#') known.insert(std::stoi(line));
  }
  CHECK(failures == known);
}
