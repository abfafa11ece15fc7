// The sample article follows the source text it was made from: every sentence of the seed, in order.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "doc/article_text.h"
#include "doc/markdown_parser.h"

using namespace inkset;
using namespace inkset::doc;

namespace {

const std::string kSamplePath = INKSET_SOURCE_DIR "/content/sample/article.md";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  const size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool is_vote_count(const std::string& line) {  // "(5)"
  return line.size() > 2 && line.front() == '(' && line.back() == ')' &&
         line.find_first_not_of("0123456789", 1) == line.size() - 1;
}

// Avatar placeholders of the page: "Avatar" or a commenter's initials ("JH").
bool is_avatar(const std::string& line) {
  if (line == "Avatar") return true;
  return line.size() == 2 && std::isupper(static_cast<unsigned char>(line[0])) &&
         std::isupper(static_cast<unsigned char>(line[1]));
}

void check_seed_in_order(const Article& article) {
  const std::string text = article_text(article);
  std::istringstream seed(read_file(std::string(INKSET_TEST_DATA) + "/doc/seed.txt"));
  bool in_comments = false;
  bool in_comment_header = false;
  bool after_avatar = false;
  size_t pos = 0;
  size_t checked = 0;
  for (std::string raw; std::getline(seed, raw);) {
    const std::string line = trim(raw);
    const bool was_after_avatar = after_avatar;
    after_avatar = false;
    if (line.empty()) {
      in_comment_header = false;
      continue;
    }
    if (line.rfind("Comments (", 0) == 0 && is_vote_count(line.substr(9))) {
      in_comments = true;
      continue;
    }
    if (is_avatar(line)) {
      // Below the thread's heading an avatar opens a comment's author / date / affiliation lines.
      in_comment_header = in_comments;
      after_avatar = !in_comments;
      continue;
    }
    if (in_comment_header || is_vote_count(line) || line == "IPVM Image") continue;
    if (!in_comments && line.rfind("Published ", 0) == 0) continue;  // in the front matter as an ISO date
    if (was_after_avatar) {
      // The byline: the front matter lists the same authors.
      REQUIRE_FALSE(article.front.authors.empty());
      for (const auto& author : article.front.authors) CHECK(line.find(author) != std::string::npos);
      continue;
    }
    const size_t found = text.find(line, pos);
    INFO("seed line not found (in order) in the sample's text: " << line);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) pos = found + line.size();
    ++checked;
  }
  CHECK(checked > 40);
}

}  // namespace

TEST_CASE("sample article: every sentence of the seed appears in order", "[doc][sample_convention]") {
  auto article = load_article(kSamplePath);
  REQUIRE(article.ok());
  check_seed_in_order(*article);
}

TEST_CASE("sample article: follows the comments convention", "[doc][sample]") {
  auto article = load_article(kSamplePath);
  REQUIRE(article.ok());
  CHECK(article->warnings.empty());
  size_t comments = 0;
  size_t threads = 0;
  for (const Block& b : article->blocks) {
    if (b.kind == BlockKind::kComment) ++comments;
    if (b.kind == BlockKind::kComments) ++threads;
  }
  CHECK(threads == 1);
  CHECK(comments == 7);
  check_seed_in_order(*article);
}
