// UAX #9 conformance of the engine's bidi levels: paragraph level, resolved level per character and
// visual order by rule L2 over those levels (as the line builder reorders a line's runs), for every
// case of BidiCharacterTest.txt (code points, brackets included) and BidiTest.txt (class sequences).
#include <catch2/catch.hpp>
#include <unicode/ubidi.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "shape/bidi_algorithm.h"
#include "shape/itemizer.h"
#include "support/utf8.h"

using namespace inkset;

namespace {

const char* const kBidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt";
const char* const kBidiTest = "/usr/share/unicode/BidiTest.txt";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Compares resolved levels with the expected ones ("x" for characters removed by rule X9, whose
// level is free) and their visual order with the expected indices; empty when all agree.
std::string compare(const std::vector<std::string>& expected_levels, const std::vector<std::string>& expected_order,
                    const std::vector<uint8_t>& levels) {
  if (expected_levels.size() != levels.size()) return "character count";
  std::string why;
  std::vector<int32_t> kept;  // characters not removed by rule X9, in logical order
  std::vector<UBiDiLevel> kept_levels;
  for (size_t i = 0; i < expected_levels.size(); ++i) {
    if (expected_levels[i] == "x") continue;
    kept.push_back(static_cast<int32_t>(i));
    kept_levels.push_back(levels[i]);
    if (why.empty() && std::stoi(expected_levels[i]) != levels[i]) why = "level of character " + std::to_string(i);
  }
  std::vector<int32_t> map(kept.size());
  if (!kept.empty()) ubidi_reorderVisual(kept_levels.data(), static_cast<int32_t>(kept.size()), map.data());
  std::vector<std::string> visual;
  for (const int32_t k : map) visual.push_back(std::to_string(kept[static_cast<size_t>(k)]));
  if (visual != expected_order) why += why.empty() ? "visual order" : ", visual order";
  return why;
}

shape::BaseDirection direction_of(int field) {
  if (field == 0) return shape::BaseDirection::kLtr;
  return field == 1 ? shape::BaseDirection::kRtl : shape::BaseDirection::kAuto;
}

// One BidiCharacterTest.txt case, through the itemizer's entry point (with its fast path) and
// through the resolver alone; empty when both agree with the file.
std::string run_character_case(const std::vector<std::string>& f, shape::BidiResolver& resolver) {
  std::string text;
  std::vector<char32_t> cps;
  for (const std::string& hex : words(f[0])) {
    cps.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
    utf8::append(text, cps.back());
  }
  const auto direction = direction_of(std::stoi(f[1]));
  const int para = std::stoi(f[2]);
  const auto expected_levels = words(f[3]);
  const auto expected_order = words(f[4]);

  const shape::BidiLevels itemizer = shape::resolve_bidi_levels(text, direction);
  if (itemizer.base_level != para) return "paragraph level (itemizer)";
  std::string why = compare(expected_levels, expected_order, itemizer.levels);
  if (!why.empty()) return why + " (itemizer)";

  std::vector<uint8_t> levels;
  if (resolver.resolve(cps, direction, levels) != para) return "paragraph level";
  return compare(expected_levels, expected_order, levels);
}

// Counts a file's cases and failures, printing each failure (the first kMaxPrinted) and the rate.
class Tally {
 public:
  explicit Tally(const char* file) : m_file(file) {}
  void add(int line_number, const std::string& why) {
    ++m_total;
    if (why.empty()) return;
    if (++m_failures <= kMaxPrinted) std::printf("%s:%d: %s\n", m_file, line_number, why.c_str());
  }
  int total() const { return m_total; }
  int failures() const { return m_failures; }
  void print() const {
    // Rounded down, so that only a run without failures shows 100.00%.
    const double rate = std::floor(10000.0 * (m_total - m_failures) / m_total) / 100;
    std::printf("%s: %d cases, %d failures, pass rate %.2f%%\n", m_file, m_total, m_failures, rate);
  }

 private:
  static constexpr int kMaxPrinted = 50;
  const char* m_file;
  int m_total = 0;
  int m_failures = 0;
};

// Calls f(line_number, line) for each line of the file that is neither empty nor a comment.
template <typename F>
void for_each_data_line(const char* path, F&& f) {
  std::ifstream in(path);
  REQUIRE(in.good());
  int line_number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line[0] != '#') f(line_number, line);
  }
}

}  // namespace

TEST_CASE("bidi: UAX #9 conformance (BidiCharacterTest.txt)", "[breaking][bidi]") {
  shape::BidiResolver resolver;
  Tally tally(kBidiCharacterTest);
  for_each_data_line(kBidiCharacterTest, [&](int line_number, const std::string& line) {
    const auto fields = split(line, ';');
    if (fields.size() >= 5) tally.add(line_number, run_character_case(fields, resolver));
  });
  tally.print();
  CHECK(tally.total() > 90000);
  CHECK(tally.failures() == 0);
}

TEST_CASE("bidi: UAX #9 conformance (BidiTest.txt)", "[breaking][bidi]") {
  const std::map<std::string, shape::BidiClass> classes = {
      {"L", shape::BidiClass::kL},     {"R", shape::BidiClass::kR},     {"AL", shape::BidiClass::kAL},
      {"EN", shape::BidiClass::kEN},   {"ES", shape::BidiClass::kES},   {"ET", shape::BidiClass::kET},
      {"AN", shape::BidiClass::kAN},   {"CS", shape::BidiClass::kCS},   {"NSM", shape::BidiClass::kNSM},
      {"BN", shape::BidiClass::kBN},   {"B", shape::BidiClass::kB},     {"S", shape::BidiClass::kS},
      {"WS", shape::BidiClass::kWS},   {"ON", shape::BidiClass::kON},   {"LRE", shape::BidiClass::kLRE},
      {"LRO", shape::BidiClass::kLRO}, {"RLE", shape::BidiClass::kRLE}, {"RLO", shape::BidiClass::kRLO},
      {"PDF", shape::BidiClass::kPDF}, {"LRI", shape::BidiClass::kLRI}, {"RLI", shape::BidiClass::kRLI},
      {"FSI", shape::BidiClass::kFSI}, {"PDI", shape::BidiClass::kPDI}};
  // The paragraph directions of a case, as bits of its second field.
  const std::pair<int, shape::BaseDirection> directions[] = {
      {1, shape::BaseDirection::kAuto}, {2, shape::BaseDirection::kLtr}, {4, shape::BaseDirection::kRtl}};
  shape::BidiResolver resolver;
  Tally tally(kBidiTest);
  std::vector<std::string> expected_levels;
  std::vector<std::string> expected_order;
  std::vector<shape::BidiClass> input;
  std::vector<uint8_t> levels;
  for_each_data_line(kBidiTest, [&](int line_number, const std::string& line) {
    if (line.rfind("@Levels:", 0) == 0) expected_levels = words(line.substr(8));
    if (line.rfind("@Reorder:", 0) == 0) expected_order = words(line.substr(9));
    const auto fields = split(line, ';');
    if (line[0] == '@' || fields.size() < 2) return;
    input.clear();
    for (const std::string& name : words(fields[0])) input.push_back(classes.at(name));
    const int bitset = std::stoi(fields[1], nullptr, 16);
    for (const auto& [bit, direction] : directions) {
      if ((bitset & bit) == 0) continue;
      resolver.resolve(input, direction, levels);
      const std::string why = compare(expected_levels, expected_order, levels);
      tally.add(line_number, why.empty() ? why : why + " (paragraph bit " + std::to_string(bit) + ")");
    }
  });
  tally.print();
  CHECK(tally.total() > 700000);
  CHECK(tally.failures() == 0);
}
