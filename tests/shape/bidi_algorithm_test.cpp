// Hand-made cases of the UAX #9 resolver beyond the conformance files: deep nesting, the limits of
// the directional status stack and of bracket pairing, several paragraphs, and pathological sizes.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "shape/bidi_algorithm.h"

using namespace inkset;
using shape::BaseDirection;

namespace {

constexpr char32_t kLRE = 0x202A, kRLE = 0x202B, kPDF = 0x202C, kRLO = 0x202E;
constexpr char32_t kLRI = 0x2066, kRLI = 0x2067, kFSI = 0x2068, kPDI = 0x2069;
constexpr char32_t kAlef = 0x05D0, kBet = 0x05D1;  // Hebrew letters, class R

std::vector<uint8_t> levels_of(const std::u32string& text, BaseDirection direction, uint8_t* para = nullptr) {
  shape::BidiResolver resolver;
  std::vector<uint8_t> levels;
  const uint8_t level = resolver.resolve(text, direction, levels);
  if (para) *para = level;
  return levels;
}

std::u32string repeat(char32_t c, size_t count) { return std::u32string(count, c); }

}  // namespace

TEST_CASE("bidi algorithm: nested isolates resolve inside out", "[shape][bidi]") {
  // a RLI alef LRI c PDI bet PDI e: the right-to-left isolate holds a left-to-right one; each
  // initiator and its PDI belong to the text around them (one isolating run sequence with it).
  const std::u32string text = {U'a', kRLI, kAlef, kLRI, U'c', kPDI, kBet, kPDI, U'e'};
  CHECK(levels_of(text, BaseDirection::kLtr) == std::vector<uint8_t>{0, 0, 1, 1, 2, 1, 1, 0, 0});
  // An FSI takes the direction of its first strong character, skipping nested isolates (X5c).
  const std::u32string first_strong = {U'a', kFSI, kLRI, U'b', kPDI, kAlef, U'c', kPDI, U'd'};
  CHECK(levels_of(first_strong, BaseDirection::kLtr) == std::vector<uint8_t>{0, 0, 1, 2, 1, 1, 2, 0, 0});
  // A paragraph's level skips isolates as well (P2): here the first strong character outside is L.
  uint8_t para = 9;
  const std::u32string skipped = {kRLI, kAlef, kPDI, U'x'};
  levels_of(skipped, BaseDirection::kAuto, &para);
  CHECK(para == 0);
}

TEST_CASE("bidi algorithm: isolates inside an override take its direction (X5a, X6a)", "[shape][bidi]") {
  // RLO a LRE b PDF RLI alef PDI LRE d PDF e PDF: the RLI and its PDI sit at the override's level 1
  // between embeddings at level 2, so their isolating run sequence has sos and eos L. Only the
  // override (Unicode 8.0: it applies to the initiator and the PDI) makes them R, at level 1.
  const std::u32string text = {kRLO, U'a', kLRE, U'b', kPDF, kRLI, kAlef, kPDI, kLRE, U'd', kPDF, U'e', kPDF};
  const auto levels = levels_of(text, BaseDirection::kLtr);
  const std::vector<uint8_t> visible = {levels[1], levels[3], levels[5], levels[6], levels[7], levels[9], levels[11]};
  CHECK(visible == std::vector<uint8_t>{1, 2, 1, 3, 1, 2, 1});
}

TEST_CASE("bidi algorithm: embeddings beyond level 125 overflow and are counted (X5, X7)", "[shape][bidi]") {
  // 130 RLE: the first 63 reach level 125, the other 67 overflow. PDFs first cancel the overflowed
  // ones, so only the 68th PDF leaves level 125.
  const std::u32string text =
      repeat(kRLE, 130) + U"a" + repeat(kPDF, 66) + U"b\u202Cc\u202Cd" + repeat(kPDF, 62) + U"e";  // U+202C: PDF
  const auto levels = levels_of(text, BaseDirection::kLtr);
  CHECK(levels[130] == 126);       // a: L at level 125 (I2)
  CHECK(levels[130 + 67] == 126);  // b
  CHECK(levels[130 + 69] == 126);  // c: after 67 PDFs, still at 125
  CHECK(levels[130 + 71] == 124);  // d: the 68th PDF popped to 123
  CHECK(levels.back() == 0);       // e: every embedding closed
}

TEST_CASE("bidi algorithm: isolates beyond level 125 overflow and still match their PDIs", "[shape][bidi]") {
  // 200 LRI: the first 62 open levels 2..124, the other 138 overflow at level 124. The first 138 PDIs
  // close overflowed isolates; each later one closes a real isolate and returns one level down.
  const std::u32string text = repeat(kLRI, 200) + U"x" + repeat(kPDI, 200) + U"y";
  const auto levels = levels_of(text, BaseDirection::kLtr);
  for (size_t k = 0; k < 62; ++k) CHECK(levels[k] == 2 * k);
  for (size_t k = 62; k < 200; ++k) CHECK(levels[k] == 124);
  CHECK(levels[200] == 124);
  for (size_t k = 0; k < 138; ++k) CHECK(levels[201 + k] == 124);
  for (size_t k = 0; k < 62; ++k) CHECK(levels[201 + 138 + k] == 122 - 2 * k);
  CHECK(levels.back() == 0);
}

TEST_CASE("bidi algorithm: brackets pair with their canonical equivalents (BD16)", "[shape][bidi]") {
  // In a right-to-left paragraph "a<b>" pairs: N0 gives both brackets the L of the text inside and
  // before them (level 2). Unpaired, the closer would sit between L and eos (R) at level 1.
  for (const std::u32string brackets : {U"\u2329\u3009", U"\u3008\u232A", U"\u2329\u232A"}) {
    const std::u32string text = {U'a', brackets[0], U'b', brackets[1]};
    CHECK(levels_of(text, BaseDirection::kRtl) == std::vector<uint8_t>{2, 2, 2, 2});
  }
  const std::u32string mismatched = {U'a', 0x2329, U'b', U')'};
  CHECK(levels_of(mismatched, BaseDirection::kRtl) == std::vector<uint8_t>{2, 2, 2, 1});
}

TEST_CASE("bidi algorithm: a bracket stack overflow leaves the whole sequence unpaired", "[shape][bidi]") {
  // "a(b)" then 64 '[' in a right-to-left paragraph: the 64th finds BD16's stack of 63 full, and
  // "(b)", found before, does not pair either. Unpaired, ')' and the '[' after it are neutrals
  // between L and eos (R): R, level 1; paired, ')' would be L (level 2) like '('.
  const std::u32string text = U"a(b)" + repeat(U'[', 64);
  const auto levels = levels_of(text, BaseDirection::kRtl);
  CHECK(levels[1] == 2);
  CHECK(levels[3] == 1);
  CHECK(levels.back() == 1);
  // Without the overflow the pair resolves to L.
  CHECK(levels_of(U"a(b)[", BaseDirection::kRtl) == std::vector<uint8_t>{2, 2, 2, 2, 1});
}

TEST_CASE("bidi algorithm: paragraphs resolve one after another (P1)", "[shape][bidi]") {
  // Each paragraph finds its own level; the separator ends an unclosed embedding and takes its
  // paragraph's level, and CR LF is one separator.
  uint8_t para = 9;
  const std::u32string text = {kAlef, kRLE, U'\r', U'\n', U'a', U' ', kBet, 0x2029, U'b'};
  const auto levels = levels_of(text, BaseDirection::kAuto, &para);
  CHECK(para == 1);
  CHECK(levels == std::vector<uint8_t>{1, 1, 1, 1, 0, 0, 1, 0, 0});
}

TEST_CASE("bidi algorithm: trailing whitespace and controls take the paragraph level (L1)", "[shape][bidi]") {
  // b is at level 3 (LRI opens 2, RLE 3): L there is 4.
  const std::u32string text = {U'a', U' ', kAlef, U' ', kLRI, kRLE, U' ', U'\t', U'b', U' '};
  CHECK(levels_of(text, BaseDirection::kRtl) == std::vector<uint8_t>{2, 1, 1, 1, 1, 1, 1, 1, 4, 1});
}

TEST_CASE("bidi algorithm: pathological paragraphs take linear time", "[shape][bidi][timing]") {
  constexpr size_t kLength = 100000;
  std::vector<std::pair<const char*, std::u32string>> cases;
  cases.emplace_back("nested brackets", repeat(U'(', kLength / 2) + repeat(U')', kLength / 2));
  std::u32string s = U"\u05D0";
  while (s.size() < kLength) s += U"(b)";
  cases.emplace_back("bracket pairs with opposite text", s);
  cases.emplace_back("closers searching a full bracket stack", U"\u05D0" + repeat(U'[', 63) + repeat(U')', kLength));
  cases.emplace_back("nested first-strong isolates", repeat(kFSI, kLength / 2) + U"a" + repeat(kPDI, kLength / 2));
  s.clear();
  while (s.size() < kLength) s += {kRLI, U'a', kPDI, U'(', kAlef, U')'};
  cases.emplace_back("isolates one after another", s);
  s.clear();
  while (s.size() < kLength) s += {kRLE, kLRI, U'1', kPDF, kPDI, kPDF};
  cases.emplace_back("unbalanced controls", s);
  shape::BidiResolver resolver;
  std::vector<uint8_t> levels;
  for (const auto& [name, text] : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    resolver.resolve(text, BaseDirection::kAuto, levels);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("bidi %s: %zu characters in %.1f ms\n", name, text.size(), ms);
    INFO(name);
    CHECK(levels.size() == text.size());
    CHECK(ms < 1000);  // a few milliseconds when linear; quadratic would take minutes
  }
}
