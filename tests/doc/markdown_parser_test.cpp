#include <catch2/catch.hpp>

#include <chrono>
#include <unistd.h>

#include <cstdio>
#include <fstream>
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

std::vector<const Block*> of_kind(const Article& a, BlockKind kind) {
  std::vector<const Block*> out;
  for (const auto& b : a.blocks)
    if (b.kind == kind) out.push_back(&b);
  return out;
}

std::string span_text(const Block& b, const InlineSpan& s) { return b.text.substr(s.begin, s.end - s.begin); }

const InlineSpan* span_with(const Block& b, uint16_t flag) {
  for (const auto& s : b.spans)
    if (s.flags & flag) return &s;
  return nullptr;
}

std::string source_of(const Article& a, const Block& b) {
  return a.source.substr(b.source.begin, b.source.end - b.source.begin);
}

// Checks the index links against the pre-order vector: parents, first children, siblings, depths.
void check_tree(const Article& a) {
  for (uint32_t i = 0; i < a.blocks.size(); ++i) {
    const Block& b = a.blocks[i];
    if (b.parent == kNone) {
      CHECK(b.depth == 0);
    } else {
      REQUIRE(b.parent < i);
      CHECK(b.depth == a.blocks[b.parent].depth + 1);
    }
    if (b.first_child != kNone) CHECK(b.first_child == i + 1);
    if (b.next_sibling != kNone) {
      CHECK(b.next_sibling > i);
      CHECK(a.blocks[b.next_sibling].parent == b.parent);
    }
    CHECK(b.source.begin <= b.source.end);
    CHECK(b.source.end <= a.source.size());
  }
}

}  // namespace

TEST_CASE("parser: headings, paragraphs, breaks and source ranges past the front matter", "[doc][parser]") {
  const std::string src = "---\ntitle: T\n---\n# One\n\nSoft\nbreak and hard  \nbreak.\n\n***\n\nSetext\n------\n";
  const Article a = parse(src);
  check_tree(a);
  CHECK(a.front.title == "T");
  REQUIRE(a.blocks.size() == 4);
  CHECK(a.blocks[0].kind == BlockKind::kHeading);
  CHECK(a.blocks[0].level == 1);
  CHECK(a.blocks[0].text == "One");
  CHECK(source_of(a, a.blocks[0]) == "# One");
  CHECK(a.blocks[1].kind == BlockKind::kParagraph);
  CHECK(a.blocks[1].text == "Soft break and hard\nbreak.");
  CHECK(source_of(a, a.blocks[1]) == "Soft\nbreak and hard  \nbreak.");
  CHECK(a.blocks[2].kind == BlockKind::kThematicBreak);
  CHECK(source_of(a, a.blocks[2]) == "***");
  CHECK(a.blocks[3].level == 2);
  CHECK(a.blocks[3].text == "Setext");
  CHECK(a.top_level() == std::vector<uint32_t>{0, 1, 2, 3});
}

TEST_CASE("parser: inline spans for emphasis, strong, code, links, strikethrough, images and HTML", "[doc][parser]") {
  const Article a = parse(
      "A *em* **st** `co` [li](http://x.org \"T\") ~~del~~ ![alt *t*](p.png) <b>raw</b> www.example.com ***both***\n");
  REQUIRE(a.blocks.size() == 1);
  const Block& p = a.blocks[0];
  CHECK(p.kind == BlockKind::kParagraph);
  CHECK(p.text == "A em st co li del alt t <b>raw</b> www.example.com both");
  CHECK(span_text(p, *span_with(p, kEmphasis)) == "em");
  CHECK(span_text(p, *span_with(p, kStrong)) == "st");
  CHECK(span_text(p, *span_with(p, kCode)) == "co");
  const InlineSpan* link = span_with(p, kLink);
  REQUIRE(link);
  CHECK(span_text(p, *link) == "li");
  REQUIRE(link->target < a.links.size());
  CHECK(a.links[link->target].url == "http://x.org");
  CHECK(a.links[link->target].title == "T");
  CHECK(span_text(p, *span_with(p, kStrikethrough)) == "del");
  const InlineSpan* alt = span_with(p, kImageAlt);
  REQUIRE(alt);
  CHECK(span_text(p, *alt) == "alt ");
  CHECK(span_text(p, *span_with(p, kHtmlInline)) == "<b>");
  // Autolink extension: a bare www. address becomes a link.
  REQUIRE(a.links.size() == 2);
  CHECK(a.links[1].url == "http://www.example.com");
  const InlineSpan& last = p.spans.back();
  CHECK(span_text(p, last) == "both");
  CHECK(last.flags == (kEmphasis | kStrong));
  for (size_t i = 1; i < p.spans.size(); ++i) CHECK(p.spans[i - 1].end <= p.spans[i].begin);
}

TEST_CASE("parser: lists with start numbers, nesting, tightness and markers", "[doc][parser]") {
  const Article a = parse("3. a\n4. b\n   - x\n     - y\n\n     - z\n\n1) p\n");
  check_tree(a);
  const auto lists = of_kind(a, BlockKind::kList);
  REQUIRE(lists.size() == 4);
  CHECK(lists[0]->ordered);
  CHECK(lists[0]->start == 3);
  CHECK(lists[0]->tight);
  CHECK_FALSE(lists[1]->ordered);
  CHECK_FALSE(lists[2]->tight);
  CHECK(lists[3]->start == 1);
  const auto items = of_kind(a, BlockKind::kListItem);
  REQUIRE(items.size() == 6);
  CHECK(items[0]->marker == "3.");
  CHECK(items[1]->marker == "4.");
  CHECK(items[2]->marker == "\xE2\x80\xA2");  // •
  CHECK(items[3]->marker == "\xE2\x97\xA6");  // ◦ at the second level of bullets
  CHECK(items[4]->marker == "\xE2\x97\xA6");
  CHECK(items[5]->marker == "1)");
  CHECK(items[3]->depth == 5);
  const auto paras = of_kind(a, BlockKind::kParagraph);
  CHECK(paras[3]->text == "y");
  CHECK(a.blocks[paras[3]->parent].kind == BlockKind::kListItem);
}

TEST_CASE("parser: code blocks, HTML blocks and block quotes", "[doc][parser]") {
  const Article a = parse("```c++ extra\nint x;\n\n  y\n```\n\n    indented\n\n<div>\n*raw*\n</div>\n\n> quoted\n> > deeper\n");
  check_tree(a);
  const auto code = of_kind(a, BlockKind::kCodeBlock);
  REQUIRE(code.size() == 2);
  CHECK(code[0]->text == "int x;\n\n  y");
  CHECK(code[0]->info == "c++ extra");
  CHECK(code[1]->text == "indented");
  CHECK(code[1]->info.empty());
  const auto html = of_kind(a, BlockKind::kHtml);
  REQUIRE(html.size() == 1);
  CHECK(html[0]->text == "<div>\n*raw*\n</div>");
  const auto quotes = of_kind(a, BlockKind::kQuote);
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[1]->depth == 1);
  CHECK(a.blocks[quotes[1]->first_child].text == "deeper");
}

TEST_CASE("parser: tables with header row and alignment", "[doc][parser]") {
  const Article a = parse("| L | C | R | N |\n|:--|:-:|--:|---|\n| 1 | *2* | 3 | 4 |\n| 5 |\n");
  check_tree(a);
  REQUIRE(of_kind(a, BlockKind::kTable).size() == 1);
  const auto rows = of_kind(a, BlockKind::kTableRow);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]->header);
  CHECK_FALSE(rows[1]->header);
  const auto cells = of_kind(a, BlockKind::kTableCell);
  REQUIRE(cells.size() == 12);
  CHECK(cells[0]->text == "L");
  CHECK(cells[0]->align == CellAlign::kLeft);
  CHECK(cells[1]->align == CellAlign::kCenter);
  CHECK(cells[2]->align == CellAlign::kRight);
  CHECK(cells[3]->align == CellAlign::kNone);
  CHECK(cells[5]->text == "2");
  CHECK(cells[5]->spans.size() == 1);
  CHECK(cells[6]->align == CellAlign::kRight);
  CHECK(cells[8]->text == "5");
  CHECK(cells[9]->text.empty());
}

TEST_CASE("parser: figures with and without captions; images that are not figures", "[doc][parser]") {
  const Article a = parse(
      "![Alt *text*](a.png \"Title\")\n*The caption* here\n\n"
      "![Second](b.png)\n\n"
      "![Third](c.png)\n_Caption **bold**_\n\n"
      "Text ![inline](d.png)\n\n"
      "![e](e.png) *two* *spans*\n");
  check_tree(a);
  const auto figures = of_kind(a, BlockKind::kFigure);
  REQUIRE(figures.size() == 2);
  CHECK(figures[0]->src == "b.png");
  CHECK(figures[0]->alt == "Second");
  CHECK(figures[0]->text.empty());
  CHECK(figures[1]->src == "c.png");
  CHECK(figures[1]->text == "Caption bold");
  REQUIRE(figures[1]->spans.size() == 1);
  CHECK(figures[1]->spans[0].flags == kStrong);  // the caption's own emphasis is the figure's style
  const auto paras = of_kind(a, BlockKind::kParagraph);
  REQUIRE(paras.size() == 3);
  CHECK(paras[0]->text == "Alt text The caption here");
  const Article b = parse("![Alt *x*](a.png \"Title\")\n*Cap*\n");
  REQUIRE(b.blocks.size() == 1);
  CHECK(b.blocks[0].kind == BlockKind::kFigure);
  CHECK(b.blocks[0].alt == "Alt x");
  CHECK(b.blocks[0].title == "Title");
  CHECK(b.blocks[0].text == "Cap");
  CHECK(b.blocks[0].spans.empty());
}

TEST_CASE("parser: footnotes are numbered by first reference and point at their definitions", "[doc][parser]") {
  const Article a = parse("See[^b] and[^a] again[^b].\n\n[^a]: Note A.\n\n[^b]: Note B\n    > quoted\n");
  check_tree(a);
  const auto notes = of_kind(a, BlockKind::kFootnote);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]->info == "b");
  CHECK(notes[1]->info == "a");
  CHECK(notes[0]->depth == 0);
  const Block& p = a.blocks[0];
  CHECK(p.text == "See1 and2 again1.");
  std::vector<const InlineSpan*> refs;
  for (const auto& s : p.spans)
    if (s.flags & kFootnoteRef) refs.push_back(&s);
  REQUIRE(refs.size() == 3);
  CHECK(span_text(p, *refs[0]) == "1");
  REQUIRE(refs[0]->target != kNone);
  CHECK(a.blocks[refs[0]->target].info == "b");
  CHECK(a.blocks[refs[1]->target].info == "a");
  CHECK(refs[2]->target == refs[0]->target);
  CHECK(a.blocks[a.blocks[refs[0]->target].first_child].text == "Note B");
}

TEST_CASE("parser: the comments convention", "[doc][parser][comments]") {
  const Article a = parse(
      "Body text.\n\n"
      "## Comments (3)\n\n"
      "> **Ann Author** · ACME Corp · 2021-06-29 · 5 votes\n>\n> First comment.\n>\n"
      "> > **Bob** · Jun 30, 2021 · 1 vote\n> >\n> > A reply.\n\n"
      "A paragraph between comments.\n\n"
      "> Just a quote, no meta.\n\n"
      "> **Cy**\n>\n> > nested quote without meta\n\n"
      "[^n]: A footnote.\n\nRef[^n]\n");
  check_tree(a);
  const auto threads = of_kind(a, BlockKind::kComments);
  REQUIRE(threads.size() == 1);
  CHECK(threads[0]->text == "Comments (3)");
  CHECK(threads[0]->depth == 0);
  const auto comments = of_kind(a, BlockKind::kComment);
  REQUIRE(comments.size() == 3);
  CHECK(comments[0]->comment.author == "Ann Author");
  CHECK(comments[0]->comment.affiliation == "ACME Corp");
  CHECK(comments[0]->comment.date == "2021-06-29");
  CHECK(comments[0]->comment.votes == 5);
  CHECK(comments[0]->depth == 1);
  CHECK(a.blocks[comments[0]->first_child].text == "First comment.");  // the meta line is not a body block
  CHECK(comments[1]->comment.author == "Bob");
  CHECK(comments[1]->comment.affiliation.empty());
  CHECK(comments[1]->comment.date == "Jun 30, 2021");
  CHECK(comments[1]->comment.votes == 1);
  CHECK(a.blocks[comments[1]->parent].kind == BlockKind::kComment);
  CHECK(comments[2]->comment.author == "Cy");
  CHECK(comments[2]->comment.votes == 0);
  // A quote without a meta line stays a quote, at the top of the thread or inside a comment.
  const auto quotes = of_kind(a, BlockKind::kQuote);
  REQUIRE(quotes.size() == 2);
  CHECK(a.blocks[quotes[0]->parent].kind == BlockKind::kComments);
  CHECK(a.blocks[quotes[1]->parent].kind == BlockKind::kComment);
  const auto paras = of_kind(a, BlockKind::kParagraph);
  bool between = false;
  for (const Block* p : paras)
    if (p->text == "A paragraph between comments.") between = a.blocks[p->parent].kind == BlockKind::kComments;
  CHECK(between);
  // Footnotes stay at the top level, after the thread.
  const auto notes = of_kind(a, BlockKind::kFootnote);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]->parent == kNone);
  // The thread's range covers every comment.
  CHECK(threads[0]->source.end >= comments[2]->source.end);
}

TEST_CASE("parser: no comments thread without the exact heading", "[doc][parser][comments]") {
  for (const char* src : {"### Comments\n\n> **A** · 1 vote\n", "## Comments here\n\n> **A** · 1 vote\n",
                          "> ## Comments\n> > **A** · 1 vote\n", "> **A** · 1 vote\n\n## Comments\n"}) {
    const Article a = parse(src);
    CHECK(of_kind(a, BlockKind::kComment).empty());
  }
  const Article a = parse("## Comments\n\n> **A** · 1 vote\n");
  CHECK(of_kind(a, BlockKind::kComment).size() == 1);
  CHECK(of_kind(a, BlockKind::kComments).size() == 1);
}

TEST_CASE("parser: invalid UTF-8 is repaired with a warning", "[doc][parser]") {
  const Article a = parse("ok\n\nbad \xC3 byte \xFF\n");
  REQUIRE(a.blocks.size() == 2);
  CHECK(a.blocks[1].text == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("line 3: invalid UTF-8") == 0);
  CHECK(a.source.find('\xFF') == std::string::npos);
}

TEST_CASE("parser: 10,000 nested quotes parse quickly, clamped at the depth limit", "[doc][parser][limits]") {
  std::string src(10000, '>');
  src += " deep\n";
  const auto start = std::chrono::steady_clock::now();
  const Article a = parse(src);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1.0);
  check_tree(a);
  uint16_t max_depth = 0;
  for (const auto& b : a.blocks) max_depth = std::max(max_depth, b.depth);
  CHECK(max_depth == ParseLimits::kDefaultMaxDepth);
  CHECK(a.blocks.back().text == "deep");
  CHECK(a.blocks.back().depth == 64);
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("nesting deeper than 64") != std::string::npos);
  CHECK(body_text(a) == "deep\n");
}

TEST_CASE("parser: deeply nested lists and emphasis do not crash", "[doc][parser][limits]") {
  std::string lists;
  for (int i = 0; i < 2000; ++i) lists += std::string(static_cast<size_t>(i) * 2, ' ') + "- x\n";
  const Article a = parse(lists);
  check_tree(a);
  std::string emph;
  for (int i = 0; i < 5000; ++i) emph += "*a **b ";
  const Article b = parse(emph);
  CHECK(b.blocks.size() == 1);
}

TEST_CASE("parser: limits on size and block count", "[doc][parser][limits]") {
  ParseLimits limits;
  limits.max_source_bytes = 10;
  auto big = parse_article("01234567890", limits);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == ErrorCode::kLimitExceeded);
  limits = ParseLimits{};
  limits.max_blocks = 3;
  CHECK(parse_article("a\n\nb\n\nc\n", limits).ok());
  auto many = parse_article("a\n\nb\n\nc\n\nd\n", limits);
  REQUIRE_FALSE(many.ok());
  CHECK(many.error().code == ErrorCode::kLimitExceeded);
  limits = ParseLimits{};
  limits.max_depth = 2;
  const Article a = parse_article("> > > > x\n", limits).value();
  check_tree(a);
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[2].depth == 2);
}

TEST_CASE("parser: front-matter errors come through parse_article", "[doc][parser]") {
  auto r = parse_article("---\ntitle: x\nbroken\n---\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kBadArticle);
  CHECK(r.error().message.rfind("line 3: ", 0) == 0);
}

TEST_CASE("load_article: unreadable, binary and good files", "[doc][parser]") {
  auto missing = load_article("/nonexistent/dir/a.md");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kUnreadableFile);
  CHECK(missing.error().message == "/nonexistent/dir/a.md: cannot read: No such file or directory");
  auto dir = load_article(INKSET_TEST_DATA);
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().code == ErrorCode::kUnreadableFile);

  const std::string path = std::string(INKSET_TEST_DATA) + "/doc/sample.md";
  auto good = load_article(path);
  REQUIRE(good.ok());
  CHECK(good->front.title == "A Small Sample");

  char name[] = "/tmp/inkset_binary_XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  close(fd);
  {
    std::ofstream out(name, std::ios::binary);
    out << std::string("PK\x03\x04\x00\x01", 6);
  }
  auto bin = load_article(name);
  REQUIRE_FALSE(bin.ok());
  CHECK(bin.error().code == ErrorCode::kBadArticle);
  CHECK(bin.error().message == std::string(name) + ": not a text file");
  {
    std::ofstream out(name, std::ios::binary);
    for (int i = 0; i < 200; ++i) out << static_cast<char>(0x80 + (i % 64)) << '\x01';
  }
  auto noise = load_article(name);
  REQUIRE_FALSE(noise.ok());
  CHECK(noise.error().message == std::string(name) + ": not a text file");
  {
    std::ofstream out(name, std::ios::binary);
    out << "---\ntitle: x\nbroken\n---\n";
  }
  auto bad = load_article(name);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == std::string(name) + ": line 3: front-matter line has no ':'; write 'key: value' or close the block with '---'");
  std::remove(name);
}
