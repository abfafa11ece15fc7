#include <catch2/catch.hpp>

#include <string>

#include "doc/front_matter.h"

using namespace inkset;
using namespace inkset::doc;

namespace {

std::string error_of(std::string_view source) {
  auto r = parse_front_matter(source);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kBadArticle);
  return r.error().message;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("front matter: every known key, comments, blank lines and unknown keys", "[doc][front_matter]") {
  const std::string src =
      "---\n"
      "title: A Title: With Colon\n"
      "# a comment line\n"
      "\n"
      "authors: Ada Lovelace,  Charles Babbage , \n"
      "date: 2021-06-29T14:18\n"
      "publisher: IPVM\n"
      "language: de\n"
      "source: the original site\n"
      "summary: Short.\n"
      "tags: one, two\n"
      "---\n"
      "Body";
  auto r = parse_front_matter(src);
  REQUIRE(r.ok());
  const FrontMatter& f = r->front;
  CHECK(f.title == "A Title: With Colon");
  CHECK(f.authors == std::vector<std::string>{"Ada Lovelace", "Charles Babbage"});
  CHECK(f.date == "2021-06-29T14:18");
  CHECK(f.publisher == "IPVM");
  CHECK(f.language == "de");
  CHECK(f.source == "the original site");
  CHECK(f.summary == "Short.");
  REQUIRE(f.fields.size() == 8);
  CHECK(f.fields[7] == std::pair<std::string, std::string>{"tags", "one, two"});
  CHECK(f.fields[0].first == "title");
  CHECK(src.substr(r->body_offset) == "Body");
  CHECK(f.range.begin == 0);
  CHECK(f.range.end == r->body_offset);
}

TEST_CASE("front matter: absent block means body at 0 and language en", "[doc][front_matter]") {
  auto r = parse_front_matter("# Heading\n\ntext\n");
  REQUIRE(r.ok());
  CHECK(r->body_offset == 0);
  CHECK(r->front.language == "en");
  CHECK(r->front.fields.empty());
  CHECK(r->front.title.empty());
}

TEST_CASE("front matter: quoted values with escapes, CRLF lines", "[doc][front_matter]") {
  auto r = parse_front_matter("---\r\ntitle: \"Say \\\"hi\\\" \\\\ now\"\r\nsummary: \"  padded  \"\r\n---\r\nx");
  REQUIRE(r.ok());
  CHECK(r->front.title == "Say \"hi\" \\ now");
  CHECK(r->front.summary == "  padded  ");
  CHECK(r->body_offset == std::string("---\r\ntitle: \"Say \\\"hi\\\" \\\\ now\"\r\nsummary: \"  padded  \"\r\n---\r\n").size());
}

TEST_CASE("front matter: each error names its line and what to do", "[doc][front_matter]") {
  SECTION("unterminated") {
    const auto m = error_of("---\ntitle: x\n\nbody text\n");
    CHECK(starts_with(m, "line 4: "));
    CHECK(m.find("front-matter line has no ':'") != std::string::npos);
    const auto m2 = error_of("---\ntitle: x\n");
    CHECK(starts_with(m2, "line 1: "));
    CHECK(m2.find("never closed") != std::string::npos);
    CHECK(m2.find("'---'") != std::string::npos);
  }
  SECTION("line without a colon") {
    const auto m = error_of("---\ntitle: x\nno colon here\n---\n");
    CHECK(starts_with(m, "line 3: "));
    CHECK(m.find("key: value") != std::string::npos);
  }
  SECTION("duplicate key") {
    const auto m = error_of("---\ntitle: a\ndate: 2020\ntitle: b\n---\n");
    CHECK(starts_with(m, "line 4: "));
    CHECK(m.find("'title' already given on line 2") != std::string::npos);
  }
  SECTION("value over 4 KiB") {
    const auto ok = parse_front_matter("---\nsummary: " + std::string(4096, 'a') + "\n---\n");
    CHECK(ok.ok());
    const auto m = error_of("---\ntitle: t\nsummary: " + std::string(4097, 'a') + "\n---\n");
    CHECK(starts_with(m, "line 3: "));
    CHECK(m.find("4097 bytes") != std::string::npos);
  }
  SECTION("more than 64 keys") {
    std::string src = "---\n";
    for (int i = 0; i < 64; ++i) src += "k" + std::to_string(i) + ": v\n";
    CHECK(parse_front_matter(src + "---\n").ok());
    const auto m = error_of(src + "k64: v\n---\n");
    CHECK(starts_with(m, "line 66: "));
    CHECK(m.find("more than 64 keys") != std::string::npos);
  }
  SECTION("unclosed quote") {
    const auto m = error_of("---\n\ntitle: \"open\n---\n");
    CHECK(starts_with(m, "line 3: "));
    CHECK(m.find("closing") != std::string::npos);
  }
  SECTION("bad key") {
    const auto m = error_of("---\nmy key: v\n---\n");
    CHECK(starts_with(m, "line 2: "));
    const auto m2 = error_of("---\n: v\n---\n");
    CHECK(starts_with(m2, "line 2: "));
  }
}
