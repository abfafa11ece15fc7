#include <catch2/catch.hpp>
#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "breaking/line_break_opportunities.h"

using namespace inkset;

namespace {

struct Opp {
  uint32_t offset;
  bool mandatory;
  bool operator==(const Opp&) const = default;
};

std::vector<Opp> plain(std::string_view text, bool& accepted) {
  std::vector<breaking::BreakOpportunity> out;
  accepted = breaking::find_plain_breaks(text, out);
  std::vector<Opp> r;
  for (const auto& b : out) r.push_back({b.offset, b.kind == breaking::BreakKind::kMandatory});
  return r;
}

std::vector<Opp> via_icu(breaking::LineBreakFinder& finder, std::string_view text, std::string_view language) {
  std::vector<breaking::BreakOpportunity> out;
  REQUIRE(finder.find_icu(text, language, out).ok());
  std::vector<Opp> r;
  for (const auto& b : out) r.push_back({b.offset, b.kind == breaking::BreakKind::kMandatory});
  return r;
}

// The characters the fast path accepts and the UAX #14 class its rules assume for each.
struct Accepted {
  const char* chars;  // UTF-8, one or more characters of the same class
  ULineBreak cls;
};
const Accepted kAccepted[] = {
    {"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", U_LB_ALPHABETIC},
    {" ", U_LB_SPACE},
    {",.:;", U_LB_INFIX_NUMERIC},
    {"!?", U_LB_EXCLAMATION},
    {"\"'", U_LB_QUOTATION},
    {"-", U_LB_HYPHEN},
    {"(", U_LB_OPEN_PUNCTUATION},
    {")", U_LB_CLOSE_PARENTHESIS},
    {"\xE2\x80\x94", U_LB_BREAK_BOTH},
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("plain breaks: accepted characters have the classes the rules assume", "[breaking][uax14]") {
  for (const Accepted& a : kAccepted) {
    const std::string_view chars(a.chars);
    for (size_t i = 0; i < chars.size();) {
      UChar32 cp = 0;
      const auto start = static_cast<int32_t>(i);
      int32_t next = start;
      U8_NEXT(chars.data(), next, static_cast<int32_t>(chars.size()), cp);
      i = static_cast<size_t>(next);
      INFO("U+" << std::hex << cp);
      CHECK(u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == a.cls);
      bool accepted = false;
      plain(chars.substr(static_cast<size_t>(start), i - static_cast<size_t>(start)), accepted);
      CHECK(accepted);
    }
  }
  // Every other ASCII character, and other characters near the em dash, go to ICU.
  for (int c = 0; c < 128; ++c) {
    bool listed = false;
    for (const Accepted& a : kAccepted) listed |= std::string_view(a.chars).find(static_cast<char>(c)) != std::string_view::npos;
    if (listed) continue;
    bool accepted = true;
    const std::string text = std::string("ab") + static_cast<char>(c) + "cd";
    const auto out = plain(text, accepted);
    INFO("byte " << c);
    CHECK_FALSE(accepted);
    CHECK(out.empty());
  }
  for (const char* other : {"\xE2\x80\x93", "\xE2\x80\x9C", "\xC3\xA9", "\xE2\x80"}) {
    bool accepted = true;
    plain(std::string("ab") + other, accepted);
    CHECK_FALSE(accepted);
  }
}

TEST_CASE("plain breaks: same as ICU on every string of up to five classes", "[breaking][uax14]") {
  // One representative per class: the rules see classes only, and the longest context they use
  // (an opening parenthesis, spaces, a hyphen, a letter) fits in five.
  const char* const symbols[] = {"a", " ", ",", "!", "\"", "-", "(", ")", "\xE2\x80\x94"};
  constexpr size_t kSymbols = std::size(symbols);
  breaking::LineBreakFinder finder;
  size_t compared = 0, differing = 0;
  for (size_t length = 1; length <= 5; ++length) {
    size_t combos = 1;
    for (size_t k = 0; k < length; ++k) combos *= kSymbols;
    for (size_t n = 0; n < combos; ++n) {
      std::string text;
      for (size_t k = 0, v = n; k < length; ++k, v /= kSymbols) text += symbols[v % kSymbols];
      bool accepted = false;
      const auto fast = plain(text, accepted);
      REQUIRE(accepted);
      const auto expected = via_icu(finder, text, "en");
      if (fast != expected) {
        ++differing;
        std::string offsets;
        for (const Opp& o : expected) offsets += std::to_string(o.offset) + " ";
        offsets += "| fast path:";
        for (const Opp& o : fast) offsets += " " + std::to_string(o.offset);
        if (differing < 20) FAIL_CHECK("differs from ICU: [" << text << "] ICU: " << offsets);
      }
      ++compared;
    }
  }
  CHECK(differing == 0);
  CHECK(compared == 9 + 81 + 729 + 6561 + 59049);
}

TEST_CASE("plain breaks: same as ICU on every paragraph and line of the bundled articles", "[breaking][uax14]") {
  const std::filesystem::path content = std::filesystem::path(INKSET_TEST_DATA) / ".." / ".." / "content";
  std::vector<std::filesystem::path> files = {content / "bench" / "emma.md"};
  for (const auto& entry : std::filesystem::directory_iterator(content)) {
    if (std::filesystem::exists(entry.path() / "article.md")) files.push_back(entry.path() / "article.md");
  }
  REQUIRE(files.size() >= 4);
  breaking::LineBreakFinder finder;
  for (const auto& file : files) {
    const std::string source = read_file(file);
    REQUIRE(!source.empty());
    // Paragraphs as blank-line separated blocks, their lines joined by spaces (as a soft break
    // is), and every line alone.
    std::vector<std::string> texts;
    std::istringstream lines(source);
    std::string line, block;
    while (std::getline(lines, line)) {
      texts.push_back(line);
      if (line.empty()) {
        if (!block.empty()) texts.push_back(block);
        block.clear();
      } else {
        block += block.empty() ? line : " " + line;
      }
    }
    if (!block.empty()) texts.push_back(block);
    size_t accepted_count = 0;
    for (const std::string& text : texts) {
      bool accepted = false;
      const auto fast = plain(text, accepted);
      if (!accepted) continue;
      ++accepted_count;
      INFO(file.string() << ": [" << text << "]");
      REQUIRE(fast == via_icu(finder, text, "en"));
      REQUIRE(fast == via_icu(finder, text, ""));
    }
    INFO(file.string() << ": " << accepted_count << " of " << texts.size() << " texts take the fast path");
    if (file.filename() == "emma.md") CHECK(accepted_count * 2 > texts.size());
  }
}

TEST_CASE("line break finder: plain prose gives the same opportunities as ICU", "[breaking]") {
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> a, b;
  const std::string text = "\"Well-known,\" she said (twice)\xE2\x80\x94" "and left!  Then: quiet.";
  REQUIRE(finder.find(text, "en", a).ok());
  REQUIRE(finder.find_icu(text, "en", b).ok());
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].offset == b[i].offset);
  // Text the fast path refuses still gets every opportunity, mandatory ones included.
  REQUIRE(finder.find("one\ntwo 3", "en", a).ok());
  REQUIRE(a.size() == 3);
  CHECK(a[0].offset == 4);
  CHECK(a[0].kind == breaking::BreakKind::kMandatory);
  CHECK(a[1].offset == 8);
  CHECK(a[2].offset == 9);
}
