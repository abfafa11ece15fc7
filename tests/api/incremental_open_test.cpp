// Opening a long article parses only what its first pages need (doc::ArticleParser): the layout is
// the same as from the whole article, and a problem found far into it is reported once reached.
#include <inkset/document.h>
#include <inkset/inkset.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "api/document_impl.h"
#include "doc/article_text.h"
#include "doc/markdown_parser.h"
#include "layout/flow_builder.h"
#include "style/page_geometry.h"
#include "../support/cli_run.h"

using namespace inkset;

namespace {

const std::string kEmma = INKSET_SOURCE_DIR "/content/bench/emma.md";

std::unique_ptr<Engine> make_engine() {
  auto engine = Engine::create();
  REQUIRE(engine.ok());
  return std::move(engine.value());
}

// Prose for several parse pieces, then a table of 101 x 1,000 cells: over the default limit of
// 100,000, in a piece that opening the article does not parse.
std::string article_with_late_table() {
  std::string text = "---\ntitle: Late trouble\n---\n\n";
  while (text.size() < 5 * doc::ArticleParser::kPieceBytes)
    text += "An ordinary paragraph of prose that fills the first pages of the article.\n\n";
  for (const char* row : {"|a", "|-"}) {
    for (int c = 0; c < 1000; ++c) text += row;
    text += "|\n";
  }
  for (int r = 0; r < 100; ++r) text += "|x|\n";
  return text;
}

std::string write_temp(const std::string& text) {
  char name[] = "/tmp/inkset-late-XXXXXX.md";
  const int fd = mkstemps(name, 3);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(name, std::ios::binary) << text;
  return name;
}

bool same_entry(const layout::FlowEntry& a, const layout::FlowEntry& b) {
  return a.kind == b.kind && a.block == b.block && a.element == b.element && a.role == b.role &&
         a.origin == b.origin && a.indent_left == b.indent_left && a.quote_bars == b.quote_bars &&
         a.marker_block == b.marker_block && a.marker == b.marker && a.keep_with_next == b.keep_with_next &&
         a.no_indent == b.no_indent && a.table == b.table && a.header_entry == b.header_entry && a.text == b.text &&
         a.footnote == b.footnote;
}

}  // namespace

TEST_CASE("incremental open: a long article is parsed as far as its pages need", "[api][incremental]") {
  auto engine = make_engine();
  auto opened = Document::open_file(*engine, kEmma);
  REQUIRE(opened.ok());
  Document& doc = **opened;
  const doc::ArticleParser& parser = *doc.impl().parser;
  CHECK_FALSE(parser.finished());
  const size_t blocks_at_open = parser.article().blocks.size();
  REQUIRE(doc.ensure_page(0));
  CHECK_FALSE(parser.finished());
  CHECK(parser.article().blocks.size() == blocks_at_open);

  const int pages = doc.page_count();
  CHECK(parser.finished());
  CHECK(doc.late_error() == nullptr);
  auto whole = doc::load_article(kEmma);
  REQUIRE(whole.ok());
  CHECK(parser.article().blocks.size() == whole->blocks.size());
  CHECK(blocks_at_open * 4 < whole->blocks.size());
  CHECK(doc.text() == doc::article_text(*whole));
  CHECK(pages > 400);
}

TEST_CASE("incremental open: rendering the first page of a long article does not lay out the rest",
          "[api][incremental][cli]") {
  char dir[] = "/tmp/inkset-first-XXXXXX";
  REQUIRE(mkdtemp(dir));
  const auto first = test::run("render " + kEmma + " --pages 1 --out " + dir);
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("1 pages of at least ") == 0);
  std::remove((std::string(dir) + "/page-0001.png").c_str());
  rmdir(dir);
}

TEST_CASE("incremental open: the flow built piece by piece equals the flow of the whole article",
          "[api][incremental]") {
  style::LayoutOptions options;
  auto resolved = style::resolve_layout(options);
  REQUIRE(resolved.ok());
  for (const char* name : {"sample", "longform", "multilingual"}) {
    INFO(name);
    std::ifstream in(std::string(INKSET_SOURCE_DIR "/content/") + name + "/article.md", std::ios::binary);
    std::string source((std::istreambuf_iterator<char>(in)), {});
    auto whole = doc::parse_article(source);
    REQUIRE(whole.ok());
    const auto expected = layout::build_flow(*whole, resolved->geometry);

    auto parser = doc::ArticleParser::start(source, {}, 1);
    REQUIRE(parser.ok());
    layout::FlowBuilder builder(resolved->geometry);
    std::vector<layout::FlowEntry> flow;
    int pieces = 0;
    while (!(*parser)->finished()) {
      REQUIRE((*parser)->parse_more().ok());
      builder.extend((*parser)->article(), flow);
      ++pieces;
    }
    // Footnote and link definitions may come after their use: such an article is one piece.
    if (source.find("]:") != std::string::npos) CHECK(pieces == 1);
    else CHECK(pieces > 5);
    REQUIRE(flow.size() == expected.size());
    for (size_t i = 0; i < flow.size(); ++i) {
      INFO("entry " << i);
      CHECK(same_entry(flow[i], expected[i]));
    }
  }
}

TEST_CASE("incremental open: a limit exceeded far into the article ends it there, with the error",
          "[api][incremental]") {
  const std::string path = write_temp(article_with_late_table());
  auto engine = make_engine();
  auto opened = Document::open_file(*engine, path);
  REQUIRE(opened.ok());
  Document& doc = **opened;
  REQUIRE(doc.ensure_page(0));
  CHECK(doc.late_error() == nullptr);
  const int pages = doc.page_count();
  CHECK(pages > 5);
  REQUIRE(doc.late_error() != nullptr);
  CHECK(doc.late_error()->code == ErrorCode::kLimitExceeded);
  CHECK(doc.late_error()->message.rfind(path + ": line ", 0) == 0);
  INFO(doc.late_error()->message);
  CHECK(doc.late_error()->message.find("101 rows by 1000 columns") != std::string::npos);
  CHECK_FALSE(doc.ensure_page(pages));

  SECTION("the command line exits with the limit's code and one line naming the file") {
    const auto r = test::run("layout " + path + " --count", true);
    CHECK(r.exit_code == 5);
    CHECK(r.out.rfind("inkset: " + path + ": line ", 0) == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  }
  SECTION("the C API returns the error from the calls that reach it, with the counts set") {
    inkset_engine* c_engine = nullptr;
    REQUIRE(inkset_engine_new(nullptr, &c_engine) == INKSET_OK);
    inkset_document* c_doc = nullptr;
    REQUIRE(inkset_document_open_file(c_engine, path.c_str(), nullptr, &c_doc) == INKSET_OK);
    int exists = -1, count = -1;
    CHECK(inkset_document_ensure_page(c_doc, 0, &exists) == INKSET_OK);
    CHECK(exists == 1);
    CHECK(inkset_document_page_count(c_doc, &count) == INKSET_E_LIMIT_EXCEEDED);
    CHECK(count == pages);
    const char* message = nullptr;
    CHECK(inkset_document_last_error(c_doc, &message) == INKSET_E_LIMIT_EXCEEDED);
    CHECK(std::string(message).find("101 rows") != std::string::npos);
    CHECK(inkset_document_ensure_page(c_doc, count - 1, &exists) == INKSET_OK);
    CHECK(exists == 1);
    CHECK(inkset_document_ensure_page(c_doc, count, &exists) == INKSET_E_LIMIT_EXCEEDED);
    CHECK(exists == 0);
    inkset_document_free(c_doc);
    inkset_engine_free(c_engine);
  }
  std::remove(path.c_str());
}
