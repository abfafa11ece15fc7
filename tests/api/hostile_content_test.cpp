// Hostile content through the public API: the image sandbox, raw HTML and links, the limits of
// inkset::Limits, and repaired text. Each either renders with a warning or fails with a clear error.
#include <inkset/document.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "doc/markdown_parser.h"

namespace fs = std::filesystem;
using namespace inkset;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/inkset-hostile-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const fs::path& rel, const std::string& data) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << data;
    return (path / rel).string();
  }
};

std::unique_ptr<Engine> make_engine(const Limits& limits) {
  EngineConfig config;
  config.no_system_fonts = true;
  config.limits = limits;
  auto created = Engine::create(config);
  REQUIRE(created.ok());
  return std::move(created.value());
}

// Engines own fonts and caches: one with the default limits is shared, others are made per test.
Engine& engine() {
  static std::unique_ptr<Engine> e = make_engine({});
  return *e;
}

Engine& engine(const Limits& limits) {
  static std::unique_ptr<Engine> e;
  e = make_engine(limits);
  return *e;
}

void write_png(const std::string& path, int w, int h) {
  Bitmap b;
  b.width = w;
  b.height = h;
  b.stride = w;
  b.pixels.assign(static_cast<size_t>(w) * h, 128);
  fs::create_directories(fs::path(path).parent_path());
  REQUIRE(write_bitmap(b, path, ImageFileFormat::kPng).ok());
}

bool has_warning(const Document& d, const std::string& part) {
  for (const auto& w : d.warnings())
    if (w.find(part) != std::string::npos) return true;
  return false;
}

size_t count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("images outside the article's folder are refused and shown as placeholders", "[api][sandbox]") {
  TempDir dir;
  write_png((dir.path / "outside.png").string(), 8, 8);
  write_png((dir.path / "article" / "inside.png").string(), 8, 8);
  fs::create_symlink(dir.path / "outside.png", dir.path / "article" / "link.png");
  const std::string article = dir.write("article/a.md",
                                        "# Images\n\n![in](inside.png)\n\n![up](../outside.png)\n\n![abs](/etc/passwd)\n\n"
                                        "![link](link.png)\n\n![url](http://example.invalid/x.png)\n\nText after.\n");
  auto doc = Document::open_file(engine(), article);
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  CHECK(count(json, "\"type\":\"image\"") == 5);
  CHECK(count(json, "\"loaded\":true") == 1);
  CHECK(count(json, "\"loaded\":false") == 4);
  CHECK(json.find("\"src\":\"inside.png\",\"loaded\":true") != std::string::npos);
  CHECK(has_warning(**doc, "'../outside.png' leaves the article's folder"));
  CHECK(has_warning(**doc, "'/etc/passwd' is an absolute path"));
  CHECK(has_warning(**doc, "'link.png' is a link that leads out of the article's folder"));
  CHECK(has_warning(**doc, "'http://example.invalid/x.png' is remote"));
  CHECK(json.find("Text after.") != std::string::npos);
  // The placeholders render: the whole article turns into pages.
  CHECK((*doc)->render_page(0).ok());
}

TEST_CASE("raw HTML is shown as text and links are styled, never followed", "[api][sandbox]") {
  const std::string md = "<script>alert(1)</script>\n\nA <b onclick=\"x()\">bold</b> [link](http://example.invalid/) end.\n";
  auto doc = Document::open_memory(engine(), md, "");
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  CHECK(json.find("<script>alert(1)</script>") != std::string::npos);
  CHECK(json.find("<b onclick=\\\"x()\\\">bold</b>") != std::string::npos);
  // The link's text is shown; its target is nowhere on the page.
  CHECK(json.find("link end.") != std::string::npos);
  CHECK(json.find("example.invalid") == std::string::npos);
  auto article = doc::parse_article(md);
  REQUIRE(article.ok());
  bool link_span = false;
  for (const auto& b : article->blocks)
    for (const auto& s : b.spans) link_span |= (s.flags & doc::kLink) && b.text.substr(s.begin, s.end - s.begin) == "link";
  CHECK(link_span);
}

TEST_CASE("a decompression bomb and broken images are placeholders with a warning", "[api][limits]") {
  TempDir dir;
  // A valid PNG header claiming 60000 x 60000 pixels: refused from the header, nothing decoded.
  std::string bomb = "\x89PNG\r\n\x1a\n";
  const unsigned char ihdr[] = {0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 0, 0, 0, 0};
  bomb.append(reinterpret_cast<const char*>(ihdr), sizeof ihdr);
  bomb += std::string("\x00\x00\x00\x00", 4);  // CRC (stb_image does not check it)
  dir.write("bomb.png", bomb);
  dir.write("text.png", "not an image");
  const std::string article = dir.write("a.md", "Before.\n\n![bomb](bomb.png)\n\n![fake](text.png)\n\nAfter.\n");
  auto doc = Document::open_file(engine(), article);
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  CHECK(count(json, "\"loaded\":false") == 2);
  CHECK(has_warning(**doc, "60000x60000 is 3600000000 pixels, over the limit"));
  CHECK(has_warning(**doc, "text.png"));
  CHECK(json.find("After.") != std::string::npos);
}

TEST_CASE("images past Limits::max_images are placeholders with one warning", "[api][limits]") {
  TempDir dir;
  std::string md;
  for (int i = 0; i < 5; ++i) {
    write_png((dir.path / ("i" + std::to_string(i) + ".png")).string(), 4, 4);
    md += "![i](i" + std::to_string(i) + ".png)\n\n";
  }
  const std::string article = dir.write("a.md", md);
  Limits limits;
  limits.max_images = 2;
  auto doc = Document::open_file(engine(limits), article);
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  CHECK(count(json, "\"loaded\":true") == 2);
  CHECK(count(json, "\"loaded\":false") == 3);
  CHECK(has_warning(**doc, "more than 2 images"));
}

TEST_CASE("article size, paragraph size and table size limits refuse with kLimitExceeded", "[api][limits]") {
  Limits limits;
  limits.max_article_bytes = 1000;
  limits.max_paragraph_bytes = 500;
  limits.max_table_cells = 5;
  Engine& e = engine(limits);
  auto big = Document::open_memory(e, std::string(2000, 'a'), "");
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == ErrorCode::kLimitExceeded);
  auto para = Document::open_memory(e, "Short.\n\n" + std::string(600, 'b') + "\n", "");
  REQUIRE_FALSE(para.ok());
  CHECK(para.error().code == ErrorCode::kLimitExceeded);
  CHECK(para.error().message.find("line 3: a paragraph of 600 bytes") != std::string::npos);
  auto table = Document::open_memory(e, "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n", "");
  REQUIRE_FALSE(table.ok());
  CHECK(table.error().message.find("3 rows by 2 columns") != std::string::npos);
  CHECK(Document::open_memory(e, "| a | b |\n|---|---|\n| 1 | 2 |\n", "").ok());
}

TEST_CASE("nesting past Limits::max_nesting is shown at that depth with a warning", "[api][limits]") {
  Limits limits;
  limits.max_nesting = 5;
  std::string md;
  for (int i = 0; i < 40; ++i) md += "> ";
  md += "deep text\n";
  auto doc = Document::open_memory(engine(limits), md, "");
  REQUIRE(doc.ok());
  CHECK(has_warning(**doc, "nesting deeper than 5 levels"));
  CHECK((*doc)->layout_json(false).find("deep text") != std::string::npos);
}

TEST_CASE("deep nesting is clamped visually: the indent stops at half the column", "[api][limits]") {
  std::string md;
  for (int i = 0; i < 60; ++i) md += "> ";
  md += "deep text\n";
  LayoutSettings settings;
  settings.page_width = 400;
  settings.margin_px = 20;
  auto doc = Document::open_memory(engine(), md, "", settings);
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  const size_t at = json.find("\"text\":\"deep text\"");
  REQUIRE(at != std::string::npos);
  const size_t x_at = json.rfind("\"x\":", at);
  REQUIRE(x_at != std::string::npos);
  const double x = std::stod(json.substr(x_at + 4));
  // Column: 360 px from x = 20; the text starts at most 180 px in, and still on the page.
  CHECK(x <= 20 + 180 + 1);
  CHECK(x > 20);
  CHECK((*doc)->page_count() == 1);
}

TEST_CASE("past the layout time budget the rest is broken first-fit, nothing dropped", "[api][limits]") {
  std::string md;
  for (int i = 0; i < 200; ++i) md += "Paragraph " + std::to_string(i) + " with enough words to fill a line or two.\n\n";
  Limits limits;
  limits.layout_budget_ms = 0;
  auto spent = Document::open_memory(engine(limits), md, "");
  REQUIRE(spent.ok());
  const std::string json = (*spent)->layout_json(false);
  CHECK(has_warning(**spent, "the rest of the article is broken first-fit"));
  CHECK(json.find("Paragraph 199 with") != std::string::npos);
  LayoutSettings greedy;
  greedy.optimal_breaking = false;
  auto reference = Document::open_memory(engine(), md, "", greedy);
  REQUIRE(reference.ok());
  // After the first block everything was broken first-fit: the same pages as a greedy layout.
  CHECK((*spent)->page_count() == (*reference)->page_count());
  auto within = Document::open_memory(engine(), md, "");
  REQUIRE(within.ok());
  (void)(*within)->page_count();
  CHECK_FALSE(has_warning(**within, "first-fit"));
}

TEST_CASE("long paragraphs are broken first-fit with a warning", "[api][limits]") {
  std::string md;
  for (int i = 0; i < 300; ++i) md += "word" + std::to_string(i) + " ";
  Limits limits;
  limits.greedy_paragraph_bytes = 1000;
  auto doc = Document::open_memory(engine(limits), md + "\n\nShort one.\n", "");
  REQUIRE(doc.ok());
  CHECK(has_warning(**doc, "1 paragraphs longer than 0 KiB are broken first-fit"));
  CHECK((*doc)->layout_json(false).find("word299") != std::string::npos);
}

TEST_CASE("control characters, NUL and bad UTF-8 are kept visible with a warning", "[api][text]") {
  const std::string md = std::string("Bell \x07 and NUL ") + '\0' + " and bad \xFF byte.\n";
  auto doc = Document::open_memory(engine(), md, "");
  REQUIRE(doc.ok());
  CHECK(has_warning(**doc, "control characters are shown as missing-glyph boxes"));
  CHECK(has_warning(**doc, "NUL characters are shown as U+FFFD"));
  CHECK(has_warning(**doc, "invalid UTF-8 replaced by U+FFFD"));
  const std::string text = (*doc)->text();
  CHECK(text.find("Bell \x07 and NUL \xEF\xBF\xBD and bad \xEF\xBF\xBD byte.") != std::string::npos);
  const int missing_before = (*doc)->stats().missing_glyphs;
  (void)(*doc)->page_count();
  CHECK((*doc)->stats().missing_glyphs > missing_before);
  CHECK((*doc)->render_page(0).ok());
}

TEST_CASE("long runs of combining marks get a visible base every 30 marks", "[api][text]") {
  std::string md = "x";
  for (int i = 0; i < 100; ++i) md += "\xCC\x81";  // U+0301
  md += " *end*\n";
  auto article = doc::parse_article(md);
  REQUIRE(article.ok());
  const auto& b = article->blocks[0];
  // 100 marks: 30 on the x, then 30, 30 and 10 on three dotted circles.
  CHECK(count(b.text, "\xE2\x97\x8C") == 3);
  CHECK(count(b.text, "\xCC\x81") == 100);
  REQUIRE(b.spans.size() == 1);
  CHECK(b.text.substr(b.spans[0].begin, b.spans[0].end - b.spans[0].begin) == "end");
  bool warned = false;
  for (const auto& w : article->warnings) warned |= w.find("more than 30 combining marks") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("escapes of surrogates, NUL and out-of-range code points become U+FFFD", "[api][text]") {
  auto doc = Document::open_memory(engine(), "a&#xD800;b&#xDFFF;c&#0;d&#x110000;e\n", "");
  REQUIRE(doc.ok());
  const std::string text = (*doc)->text();
  CHECK(text.find("a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e") != std::string::npos);
  CHECK(text.find("\xED\xA0\x80") == std::string::npos);
  CHECK((*doc)->render_page(0).ok());
}

TEST_CASE("bidi controls without their terminators lay out and keep every character", "[api][text]") {
  const std::string md = "Override \xE2\x80\xAE never closed, isolate \xE2\x81\xA7 never popped \xE2\x80\xAB end.\n";
  auto doc = Document::open_memory(engine(), md, "");
  REQUIRE(doc.ok());
  const std::string json = (*doc)->layout_json(false);
  CHECK(json.find("never closed") != std::string::npos);
  CHECK(json.find("end.") != std::string::npos);
  CHECK((*doc)->render_page(0).ok());
}

// Found by the Markdown fuzzer: a long unbreakable word made the looseness search (widow control)
// keep an active node per reachable line count and take minutes. Each layout must take well under a
// second; the bound is generous for sanitizer builds.
TEST_CASE("fuzz regression: long unbreakable words do not blow up the looseness search", "[api][fuzz]") {
  const std::string word = "`" + std::string(2040, 'x') + "`\n";
  std::ifstream in(std::string(INKSET_TEST_DATA) + "/bad-input/fuzz-markdown-looseness-timeout.md", std::ios::binary);
  const std::string found(std::istreambuf_iterator<char>(in), {});
  REQUIRE_FALSE(found.empty());
  for (const std::string& md : {word, found}) {
    for (int height : {370, 391, 398, 405}) {
      LayoutSettings settings;
      settings.page_width = 240;
      settings.page_height = height;
      settings.dpi = 96;
      const auto start = std::chrono::steady_clock::now();
      auto doc = Document::open_memory(engine(), md, "", settings);
      REQUIRE(doc.ok());
      CHECK((*doc)->page_count() > 0);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      INFO("page height " << height);
      CHECK(s < 10.0);
    }
  }
}
