// The content checks scan printable ASCII eight bytes at a time: a control character or a run of marks
// must be found wherever it falls against those eight-byte steps.
#include <catch2/catch.hpp>

#include <string>

#include "doc/content_checks.h"
#include "doc/markdown_parser.h"

using namespace inkset;

namespace {

bool warned(const doc::Article& article, const std::string& what) {
  for (const auto& w : article.warnings)
    if (w.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("content checks: controls and DEL are found at every offset", "[doc][checks]") {
  for (const char control : {'\x01', '\x1F', '\x7F'}) {
    for (size_t at = 0; at < 24; ++at) {
      std::string text(40, 'a');
      text[at] = control;
      auto article = doc::parse_article(text + "\n");
      REQUIRE(article.ok());
      INFO("control " << int(control) << " at " << at);
      CHECK(warned(*article, "1 control characters are shown"));
    }
  }
  auto clean = doc::parse_article(std::string(40, 'a') + " ~ { } |\n");
  REQUIRE(clean.ok());
  CHECK_FALSE(warned(*clean, "control characters"));
}

TEST_CASE("content checks: a run of marks after ASCII of any length gets its bases", "[doc][checks]") {
  for (size_t prefix = 1; prefix < 20; ++prefix) {
    std::string text(prefix, 'b');
    for (int i = 0; i < 61; ++i) text += "\xCC\x81";  // U+0301
    text += " tail";
    auto article = doc::parse_article(text + "\n");
    REQUIRE(article.ok());
    const std::string& out = article->blocks[0].text;
    INFO("prefix " << prefix);
    size_t circles = 0;
    for (size_t p = out.find("\xE2\x97\x8C"); p != std::string::npos; p = out.find("\xE2\x97\x8C", p + 1)) ++circles;
    CHECK(circles == 2);  // 30 marks on the last b, then 30 and 1 on two dotted circles
    CHECK(out.substr(0, prefix) == std::string(prefix, 'b'));
    CHECK(out.substr(out.size() - 5) == " tail");
  }
}
