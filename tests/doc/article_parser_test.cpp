#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "../fuzz/article_description.h"
#include "doc/markdown_parser.h"

using namespace inkset;
using namespace inkset::doc;

namespace {

struct Parsed {
  std::string description;
  int pieces = 0;
  std::vector<uint32_t> ends;  // per piece: where in the source its last block ends
};

Parsed parse_in_pieces(std::string_view source, size_t piece_bytes) {
  auto parser = ArticleParser::start(std::string(source), {}, piece_bytes);
  REQUIRE(parser.ok());
  Parsed p;
  while (!(*parser)->finished()) {
    auto status = (*parser)->parse_more();
    if (!status) FAIL(status.error().message);
    ++p.pieces;
    const auto& blocks = (*parser)->article().blocks;
    p.ends.push_back(blocks.empty() ? 0 : blocks.back().source.end);
  }
  p.description = fuzz::describe_article((*parser)->article());
  return p;
}

std::string whole(std::string_view source) {
  auto a = parse_article(source);
  if (!a) FAIL(a.error().message);
  return fuzz::describe_article(*a);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Cut as often as allowed: every piece as small as one byte can make it.
void check_same_in_pieces(const std::string& source, const std::string& name) {
  INFO(name);
  const Parsed pieces = parse_in_pieces(source, 1);
  CHECK(pieces.description == whole(source));
}

}  // namespace

TEST_CASE("article parser: every article in content/ parses the same in pieces as whole", "[doc][parser][pieces]") {
  int articles = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(INKSET_SOURCE_DIR "/content")) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    check_same_in_pieces(read_file(entry.path()), entry.path().string());
    ++articles;
  }
  CHECK(articles >= 4);
}

TEST_CASE("article parser: a long article is cut into many pieces of about the asked size", "[doc][parser][pieces]") {
  const std::string emma = read_file(INKSET_SOURCE_DIR "/content/bench/emma.md");
  constexpr size_t kPiece = ArticleParser::kPieceBytes;
  constexpr size_t kFirst = ArticleParser::kFirstPieceBytes;
  const Parsed p = parse_in_pieces(emma, kPiece);
  // The first pieces grow from kFirst, each as large as all before it, up to kPiece: 4, 4, 8 and
  // 16 KB make the first 32 KB, in three more pieces than one.
  int ramp = 0;
  for (size_t parsed = 0; parsed < kPiece; parsed += std::max(parsed, kFirst)) ++ramp;
  const int expected = static_cast<int>(emma.size() / kPiece) + ramp - 1;
  CHECK(p.pieces >= expected - 1);
  CHECK(p.pieces <= expected + 1);
  REQUIRE(p.ends.size() > 6);
  CHECK(p.ends[0] >= kFirst);
  CHECK(p.ends[0] < 2 * kFirst);
  CHECK(p.ends[1] - p.ends[0] >= kFirst);
  CHECK(p.ends[2] - p.ends[1] >= 2 * kFirst);
  for (size_t i = static_cast<size_t>(ramp); i + 1 < p.ends.size(); ++i) {
    INFO("piece " << i);
    CHECK(p.ends[i] - p.ends[i - 1] >= kPiece);
    CHECK(p.ends[i] - p.ends[i - 1] < 2 * kPiece);
  }
  CHECK(p.description == whole(emma));
}

TEST_CASE("article parser: what a line scanner cannot judge is never cut", "[doc][parser][pieces]") {
  const std::string filler = "Some words in a paragraph.\n\n";
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"fence with blank lines and text in column 0", "```\ncode\n\nnot a paragraph\n\nstill code\n```\n\nafter\n"},
      {"longer closing fence needed", "````\n```\n\ntext\n````\n\nafter\n"},
      {"tilde fence", "~~~ info `x`\n\nin\n~~~\n\nafter\n"},
      {"fence in a list item, then a fence that cmark opens",
       "- a\n\n  ```\n  code\n\nfoo\n\n```\nreal code\n\nnot cut here\n```\n\nafter\n"},
      {"fence under a table", "| a | b |\n| - | - |\n```\n\ntext\n\n```\n\nafter\n"},
      {"HTML block with blank lines", "<pre>\n\ninside\n\n</pre>\n\nafter\n"},
      {"HTML comment with blank lines", "<!--\n\nhidden\n\n-->\n\nafter\n"},
      {"loose list continues after blank lines", "1. one\n\n2. two\n\n   more of two\n\n3) three\n\nafter\n"},
      {"indented code with blank lines", "    code\n\n    more code\n\nafter\n"},
      {"link reference defined after its use", "[a link][ref]\n\n" + filler + "[ref]: /target \"T\"\n"},
      {"footnote defined at the end", "A note.[^n]\n\n" + filler + "[^n]: The note.\n"},
      {"lone carriage returns", "one\r\r```\r\rtwo\r\r```\r\rthree\n\nfour\n"},
      {"CRLF line ends", "one\r\n\r\n```\r\n\r\ntwo\r\n```\r\n\r\nthree\r\n"},
      {"block quotes and a comment thread",
       "# Title\n\n## Comments (2)\n\n> **Ann** · Lab · 2024-01-02 · 3 votes\n>\n> First.\n\n"
       "> **Bob** · 2024-01-03 · 1 vote\n>\n> Second.\n>\n> > **Cy** · 2024-01-04\n> >\n> > Reply.\n\nEnd.\n"},
      {"setext heading and thematic breaks", "Title\n=====\n\n---\n\n***\n\ntext\n---\n\nafter\n"},
      {"deep nesting", std::string(80, '>') + " deep\n\n" + std::string(40, '>') + " less\n\nafter\n"},
  };
  for (const auto& [name, text] : cases) {
    std::string source = filler;
    for (int i = 0; i < 3; ++i) source += text + filler;
    check_same_in_pieces(source, name);
  }
}

TEST_CASE("article parser: regressions found by the Markdown fuzzer", "[doc][parser][pieces]") {
  const std::vector<std::string> inputs = {
      std::string("-* a\n- ```\n  b\n\n\xe2\0` \0+", 22),
  };
  for (size_t i = 0; i < inputs.size(); ++i) check_same_in_pieces(inputs[i], "fuzzer input " + std::to_string(i));
  for (const auto& entry : std::filesystem::directory_iterator(INKSET_TEST_DATA "/doc/pieces"))
    check_same_in_pieces(read_file(entry.path()), entry.path().string());
}

TEST_CASE("article parser: random documents parse the same in pieces as whole", "[doc][parser][pieces]") {
  // Fragments that open and close blocks in every way that matters to cutting, joined at random.
  const std::vector<std::string> fragments = {
      "Plain words *and emphasis*.", "", "", "- item", "  continued item", "1. first", "10) tenth", "* star",
      "> quoted", ">", "```", "````", "~~~", "  ```", "    indented code", "<div>", "</div>", "<pre>", "</pre>",
      "<!-- c", "-->", "| a | b |", "| - | - |", "| 1 | 2 |", "# Heading", "Setext", "===", "---", "\tTabbed",
      "## Comments (1)", "> **Ann** · 2024-01-02 · 2 votes", "[x]: /y", "A [x] link.", "Text[^1].", "[^1]: Note.",
      "   > spaced quote", "+ plus", "![alt](pic.png)", "*emphasis that never closes", "``` not`a fence", "- ```", "> ```", "1. ~~~",
      "- <pre>", "-", "  b", "\xEF\xBB\xBF" "a line opened by a byte order mark"};
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> length(5, 60);
  for (int doc = 0; doc < 2000; ++doc) {
    // Definitions ("]:") and lines opening with '<' stop all cutting: three documents in four go
    // without them, so that most documents are cut in many places.
    const bool everything = doc % 4 == 0;
    std::string source = "Start.\n\n";  // not "---" first, which opens front matter
    for (int line = length(random); line > 0;) {
      const std::string& fragment = fragments[pick(random)];
      if (!everything && (fragment.find("]:") != std::string::npos || fragment.find('<') == 0)) continue;
      source += fragment + "\n";
      --line;
    }
    check_same_in_pieces(source, "random document " + std::to_string(doc) + ":\n" + source);
  }
}

TEST_CASE("article parser: a limit exceeded far into a long article is found when that piece is parsed",
          "[doc][parser][pieces]") {
  std::string source;
  while (source.size() < 4 * ArticleParser::kPieceBytes) source += "A paragraph of ordinary prose, long enough.\n\n";
  ParseLimits limits;
  limits.content.max_table_cells = 100;
  source += "| a | b |\n| - | - |\n";
  for (int row = 0; row < 60; ++row) source += "| x | y |\n";
  auto parser = ArticleParser::start(source, limits);
  REQUIRE(parser.ok());
  REQUIRE((*parser)->parse_more().ok());
  CHECK_FALSE((*parser)->finished());
  CHECK((*parser)->article().blocks.size() > 10);
  const Status status = (*parser)->parse_all();
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().code == ErrorCode::kLimitExceeded);
  CHECK(status.error().message.find("table of 61 rows") != std::string::npos);
  // The same article parsed at once fails the same way.
  auto at_once = parse_article(source, limits);
  REQUIRE_FALSE(at_once.ok());
  CHECK(at_once.error().message == status.error().message);
}
