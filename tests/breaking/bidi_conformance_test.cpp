// UAX #9 conformance of the engine's bidi levels (shape::resolve_bidi_levels: ICU's ubidi with the
// engine's repairs): paragraph level from the direction field, resolved levels per character, and
// visual order by rule L2 over those levels.
#include <catch2/catch.hpp>
#include <unicode/ubidi.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "shape/itemizer.h"
#include "support/utf8.h"

using namespace inkset;

namespace {

const char* const kBidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  return out;
}

// One BidiCharacterTest.txt case; returns an empty string when the engine agrees, else what differs.
std::string run_case(const std::vector<std::string>& f) {
  std::string text;
  {
    std::istringstream cps(f[0]);
    std::string hex;
    while (cps >> hex) utf8::append(text, static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  }
  const int direction = std::stoi(f[1]);
  const auto base = direction == 0 ? shape::BaseDirection::kLtr
                    : direction == 1 ? shape::BaseDirection::kRtl
                                     : shape::BaseDirection::kAuto;
  const shape::BidiLevels resolved = shape::resolve_bidi_levels(text, base);
  if (resolved.base_level != std::stoi(f[2])) return "paragraph level";

  std::vector<std::string> expected_levels;
  {
    std::istringstream in(f[3]);
    std::string l;
    while (in >> l) expected_levels.push_back(l);
  }
  if (expected_levels.size() != resolved.levels.size()) return "character count";
  // ICU documents a shortcut: for unidirectional text it reports every level as the paragraph
  // level instead of the resolved ones. The visual order is the same, so such levels are accepted.
  const int parity = resolved.base_level & 1;
  bool unidirectional = true;
  for (size_t i = 0; i < expected_levels.size(); ++i) {
    if (resolved.levels[i] != resolved.base_level) unidirectional = false;
    if (expected_levels[i] != "x" && (std::stoi(expected_levels[i]) & 1) != parity) unidirectional = false;
  }
  std::string why;
  std::vector<int32_t> kept;  // characters not removed by rule X9, in logical order
  std::vector<UBiDiLevel> kept_levels;
  for (size_t i = 0; i < expected_levels.size(); ++i) {
    if (expected_levels[i] == "x") continue;
    kept.push_back(static_cast<int32_t>(i));
    kept_levels.push_back(resolved.levels[i]);
    if (why.empty() && !unidirectional && std::stoi(expected_levels[i]) != resolved.levels[i])
      why = "level of character " + std::to_string(i);
  }
  // Rule L2 over the resolved levels, as the line builder reorders a line's runs.
  std::vector<int32_t> map(kept.size());
  if (!kept.empty()) ubidi_reorderVisual(kept_levels.data(), static_cast<int32_t>(kept.size()), map.data());
  std::vector<int32_t> visual;
  for (const int32_t k : map) visual.push_back(kept[static_cast<size_t>(k)]);
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
