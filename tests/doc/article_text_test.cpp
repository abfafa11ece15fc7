#include <catch2/catch.hpp>

#include <string>

#include "doc/article_text.h"
#include "doc/markdown_parser.h"

using namespace inkset;
using namespace inkset::doc;

namespace {

Article parse(std::string_view src) {
  auto r = parse_article(src);
  if (!r.ok()) FAIL(r.error().message);
  return std::move(r).value();
}

}  // namespace

TEST_CASE("article_text: front matter, then every block in reading order", "[doc][text]") {
  const Article a = parse(
      "---\ntitle: The Title\nauthors: A One, B Two\ndate: 2021-06-29\n---\n"
      "# Head\n\nPara with hard  \nbreak[^x].\n\n```\nl1\nl2\n```\n\n"
      "| h1 | h2 |\n|----|----|\n| c1 |    |\n\n"
      "![alt](i.png)\n*Cap*\n\n![no caption](j.png)\n\n<p>html</p>\n\n---\n\n"
      "## Comments (1)\n\n> **Ann** · Org · 2021-06-29 · 1 vote\n>\n> Body.\n\n"
      "[^x]: Note *one*.\n\n    more note\n");
  const std::string body =
      "Head\nPara with hard break1.\nl1 l2\nh1 | h2\nc1 | \nCap\n<p>html</p>\nComments (1)\n"
      "Ann \xC2\xB7 Org \xC2\xB7 2021-06-29 \xC2\xB7 1 vote\nBody.\n[x] Note one.\nmore note\n";
  CHECK(body_text(a) == body);
  CHECK(article_text(a) == "The Title\nBy A One, B Two\n2021-06-29\n" + body);
}

TEST_CASE("article_text: comment meta lines leave out empty fields", "[doc][text]") {
  CHECK(comment_meta_line({"A", "", "", 0}) == "A");
  CHECK(comment_meta_line({"A", "", "2020", 2}) == "A \xC2\xB7 2020 \xC2\xB7 2 votes");
  CHECK(comment_meta_line({"A", "Org", "", 1}) == "A \xC2\xB7 Org \xC2\xB7 1 vote");
}

TEST_CASE("article_text: a footnote without text still shows its label", "[doc][text]") {
  const Article a = parse("x[^e]\n\n[^e]:\n    ***\n");
  CHECK(body_text(a) == "x1\n[e]\n");
}

TEST_CASE("outline: one line per block, indented by depth, with attributes", "[doc][text]") {
  const Article a = parse(
      "# T\n\n2. a\n\n   b\n\n- x\n\n```py\ncode\n```\n\n![al](s.png)\n\n| h |\n|:-:|\n| c |\n\n"
      "## Comments\n\n> **Ann** · 3 votes\n>\n> " + std::string(70, 'w') + "\n\n[^f]: n\n\nr[^f]\n");
  const std::string expected =
      "heading level=1 \"T\"\n"
      "list ordered start=2 loose\n"
      "  item marker=2.\n"
      "    paragraph \"a\"\n"
      "    paragraph \"b\"\n"
      "list bullet tight\n"
      "  item marker=\xE2\x80\xA2\n"
      "    paragraph \"x\"\n"
      "code info=py \"code\"\n"
      "figure src=s.png \"\"\n"
      "table\n"
      "  row header\n"
      "    cell align=center \"h\"\n"
      "  row\n"
      "    cell align=center \"c\"\n"
      "comments \"Comments\"\n"
      "  comment author=\"Ann\" votes=3\n"
      "    paragraph \"" + std::string(60, 'w') + "\xE2\x80\xA6\"\n"
      "  paragraph \"r1\"\n"
      "footnote label=f\n"
      "  paragraph \"n\"\n";
  CHECK(outline(a) == expected);
}

TEST_CASE("outline: deep nesting is printed without recursion", "[doc][text]") {
  const Article a = parse(std::string(3000, '>') + " x\n");
  const std::string o = outline(a);
  CHECK(o.find(std::string(128, ' ') + "paragraph \"x\"\n") != std::string::npos);
}
