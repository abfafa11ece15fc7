// Properties every laid-out article must have, checked over every article in content/ at three page
// sizes and two font sizes: nothing lost or repeated, everything inside the content box, nothing
// overlapping, no widows, orphans or stranded headings, figures with their captions, and reading
// positions that survive a reflow.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "api/document_impl.h"
#include "doc/article_text.h"

using namespace inkset;

namespace {

const char* const kArticles[] = {"sample", "longform", "multilingual"};
const std::pair<int, int> kPageSizes[] = {{600, 800}, {758, 1024}, {1072, 1448}};
const double kFontSizes[] = {9, 13};

Engine& shared_engine() {
  static std::unique_ptr<Engine> engine = [] {
    auto e = Engine::create();
    REQUIRE(e.ok());
    return std::move(e.value());
  }();
  return *engine;
}

std::unique_ptr<Document> open(const std::string& name, int w, int h, double pt) {
  LayoutSettings s;
  s.page_width = w;
  s.page_height = h;
  s.font_size_pt = pt;
  auto doc = Document::open_file(shared_engine(), std::string(INKSET_SOURCE_DIR) + "/content/" + name + "/article.md", s);
  REQUIRE(doc.ok());
  return std::move(doc.value());
}

// Whitespace collapsed, soft hyphens removed: how text compares across line breaks.
std::string normalize(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xAD) {
      ++i;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// What the article says a block's lines must show.
std::string expected_text(const doc::Article& a, uint32_t block) {
  const doc::Block& b = a.blocks[block];
  if (b.kind == doc::BlockKind::kComment) return doc::comment_meta_line(b.comment);
  return b.text;
}

struct Case {
  std::string article;
  int width, height;
  double pt;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const char* a : kArticles)
    for (auto [w, h] : kPageSizes)
      for (double pt : kFontSizes) cases.push_back({a, w, h, pt});
  return cases;
}

std::string describe(const Case& c) {
  return c.article + " at " + std::to_string(c.width) + "x" + std::to_string(c.height) + ", " +
         std::to_string(static_cast<int>(c.pt)) + "pt";
}

bool is_margin_role(const layout::PageItem& it) {
  return it.kind == layout::ItemKind::kLine &&
         (it.paragraph->role == layout::Role::kHeader || it.paragraph->role == layout::Role::kFooter);
}

// The ink box of an item in whole pixels (lines: as positioned, so a justified line spans the measure).
struct PxBox {
  double x0, y0, x1, y1;
};
PxBox px_box(const layout::PageItem& it) {
  if (it.kind == layout::ItemKind::kLine) {
    const auto& line = it.paragraph->lines[it.line];
    const Fixed x = it.x + line.ink_left;
    return {fixed_to_double(x), fixed_to_double(it.y), fixed_to_double(x + line.ink_width),
            fixed_to_double(it.y + it.height)};
  }
  return {fixed_to_double(it.x), fixed_to_double(it.y), fixed_to_double(it.x + it.width),
          fixed_to_double(it.y + it.height)};
}

}  // namespace

TEST_CASE("layout: nothing lost, nothing repeated, in reading order", "[layout][properties]") {
  for (const Case& c : all_cases()) {
    INFO(describe(c));
    auto doc = open(c.article, c.width, c.height, c.pt);
    auto& impl = doc->impl();
    const int pages = impl.layout->page_count();
    std::map<uint32_t, std::string> shown;  // block -> its lines' text, in page order
    uint64_t last_key = 0;
    for (int p = 0; p < pages; ++p) {
      const auto page = impl.layout->assemble(p);
      for (const auto& it : page.items) {
        if (it.kind != layout::ItemKind::kLine || it.paragraph->origin != layout::Origin::kBody || it.repeated)
          continue;
        const auto& line = it.paragraph->lines[it.line];
        std::string& s = shown[it.paragraph->block_id];
        s += std::string(it.paragraph->text.substr(line.text_begin, line.text_end - line.text_begin));
        // Figures may float past text, and footnotes stand at the foot of the page that cites them.
        if (it.paragraph->role == layout::Role::kCaption || it.paragraph->role == layout::Role::kFootnote) continue;
        const uint64_t key = layout::position_key(it.paragraph->block_id, line.text_begin);
        CHECK(key >= last_key);
        last_key = std::max(last_key, key);
      }
    }
    const auto& a = impl.article();
    size_t checked = 0;
    for (uint32_t b = 0; b < a.blocks.size(); ++b) {
      const auto kind = a.blocks[b].kind;
      const bool shows_text = doc::Article::has_inline_text(kind) || kind == doc::BlockKind::kComment;
      if (!shows_text || kind == doc::BlockKind::kComments) continue;
      const std::string want = normalize(expected_text(a, b));
      const std::string got = normalize(shown[b]);
      INFO("block " << b << " (" << doc::block_kind_name(kind) << ")");
      CHECK(got == want);
      ++checked;
    }
    CHECK(checked > 10);
  }
}

TEST_CASE("layout: items stay inside the content box and never overlap", "[layout][properties]") {
  for (const Case& c : all_cases()) {
    INFO(describe(c));
    auto doc = open(c.article, c.width, c.height, c.pt);
    auto& impl = doc->impl();
    const auto& g = impl.resolved.geometry;
    const int pages = impl.layout->page_count();
    for (int p = 0; p < pages; ++p) {
      INFO("page " << p + 1);
      const auto page = impl.layout->assemble(p);
      std::vector<PxBox> boxes;
      for (const auto& it : page.items) {
        const PxBox b = px_box(it);
        if (is_margin_role(it)) {
          CHECK(b.y0 >= 0);
          CHECK(b.y1 <= g.page_height);
          continue;
        }
        // Half a pixel of tolerance: 26.6 positions are rounded to whole pixels when drawn.
        CHECK(b.x0 >= g.content.x - 0.5);
        CHECK(b.x1 <= g.content.x + g.content.width + 0.5);
        CHECK(b.y0 >= g.content.y - 0.5);
        CHECK(b.y1 <= g.content.y + g.content.height + 0.5);
        if (it.kind != layout::ItemKind::kRule && b.x1 > b.x0) boxes.push_back(b);
      }
      for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j) {
          const PxBox& a = boxes[i];
          const PxBox& b = boxes[j];
          const bool overlap = a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
          INFO("items " << i << " and " << j);
          CHECK_FALSE(overlap);
        }
    }
  }
}

TEST_CASE("layout: no widows, orphans, stranded headings or captions apart from figures", "[layout][properties]") {
  for (const Case& c : all_cases()) {
    INFO(describe(c));
    auto doc = open(c.article, c.width, c.height, c.pt);
    auto& impl = doc->impl();
    auto& dl = *impl.layout;
    const int pages = dl.page_count();
    std::map<uint32_t, std::vector<uint32_t>> parts;  // flow block -> line counts of its pieces
    for (int p = 0; p < pages; ++p) {
      // Footnotes and their rules stand at the column's foot; the rules below are about the main text.
      std::vector<paginate::Placement> placements;
      for (const auto& pl : dl.pages_flow()[p].placements)
        if (!pl.footnote && !pl.footnote_rule) placements.push_back(pl);
      for (size_t i = 0; i < placements.size(); ++i) {
        const auto& pl = placements[i];
        const auto box = dl.box(pl.block, pl.looseness);
        if (box->flow.kind == paginate::FlowKind::kLines) parts[pl.block].push_back(pl.line_count);
        // The last thing in a column is never a heading, unless the article ends there.
        const bool last_in_column = i + 1 == placements.size() || placements[i + 1].column != pl.column;
        const bool article_end = p + 1 == pages && i + 1 == placements.size();
        // A heading chain taller than a whole column cannot be kept together; one that starts a column is exempt.
        const bool starts_column = pl.y == 0;
        if (last_in_column && !article_end && !pl.repeated_header && !starts_column) {
          INFO("page " << p + 1 << " block " << pl.block);
          CHECK_FALSE(box->flow.keep_with_next);
        }
      }
    }
    for (const auto& [block, pieces] : parts) {
      if (pieces.size() < 2) continue;
      INFO("flow block " << block);
      CHECK(pieces.front() >= 2);
      CHECK(pieces.back() >= 2);
    }
  }
}

TEST_CASE("layout: a reading position survives a change of font size and page size", "[layout][properties]") {
  std::mt19937 rng(1234);
  for (const char* article : kArticles) {
    INFO(article);
    auto before = open(article, 758, 1024, 11);
    auto after = open(article, 600, 800, 14);
    auto& a = before->impl();
    auto& b = after->impl();
    // Collect positions from lines of the first layout.
    std::vector<std::pair<uint32_t, uint32_t>> lines;  // block, offset
    for (int p = 0; p < a.layout->page_count(); ++p)
      for (const auto& it : a.layout->assemble(p).items)
        if (it.kind == layout::ItemKind::kLine && it.paragraph->origin == layout::Origin::kBody &&
            it.paragraph->role != layout::Role::kCaption && it.paragraph->role != layout::Role::kFootnote)
          lines.emplace_back(it.paragraph->block_id, it.paragraph->lines[it.line].text_begin);
    REQUIRE(lines.size() > 20);
    // Where each (block, offset) lands in the second layout.
    std::map<std::pair<uint32_t, uint32_t>, int> page_in_b;
    for (int p = 0; p < b.layout->page_count(); ++p)
      for (const auto& it : b.layout->assemble(p).items)
        if (it.kind == layout::ItemKind::kLine && it.paragraph->origin == layout::Origin::kBody &&
            it.paragraph->role != layout::Role::kCaption) {
          const auto& l = it.paragraph->lines[it.line];
          page_in_b[{it.paragraph->block_id, l.text_begin}] = p;
          page_in_b[{it.paragraph->block_id, l.text_end}] = p;
        }
    for (int i = 0; i < 100; ++i) {
      const auto [block, offset] = lines[rng() % lines.size()];
      const std::string pos = layout::encode_position(a.article(), block, offset);
      const int page = after->page_of_position(pos);
      INFO("position " << pos);
      REQUIRE(page >= 0);
      // The page must show the line containing the position.
      bool shown = false;
      for (const auto& it : b.layout->assemble(page).items) {
        if (it.kind != layout::ItemKind::kLine || it.paragraph->block_id != block ||
            it.paragraph->origin != layout::Origin::kBody)
          continue;
        const auto& l = it.paragraph->lines[it.line];
        if (l.text_begin <= offset && (offset < l.text_end || l.text_begin == l.text_end)) shown = true;
      }
      CHECK(shown);
    }
    // And the layout's own first position of a page maps back to that page.
    for (int p = 0; p < b.layout->page_count(); ++p) {
      const std::string pos = after->position_of_page(p);
      CHECK(after->page_of_position(pos) == p);
    }
  }
}
