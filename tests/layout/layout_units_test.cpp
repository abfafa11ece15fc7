#include <catch2/catch.hpp>

#include <algorithm>

#include "api/document_impl.h"
#include "doc/markdown_parser.h"
#include "layout/flow_builder.h"
#include "layout/position.h"

using namespace inkset;

namespace {

Engine& engine() {
  static std::unique_ptr<Engine> e = std::move(Engine::create().value());
  return *e;
}

layout::ParagraphSpec spec_for(const std::string& text, Fixed width) {
  layout::ParagraphSpec spec;
  spec.text = text;
  spec.ranges = {{0, static_cast<uint32_t>(text.size()), 0}};
  shape::TextStyle style;
  style.family = "Charis SIL";
  style.size = 20 * kFixedOne;
  spec.styles = {style};
  spec.style_color = {0};
  spec.style_decoration = {0};
  spec.language = "en";
  spec.width = width;
  return spec;
}

}  // namespace

TEST_CASE("layout: paragraph builder breaks into lines that tile the text", "[layout]") {
  auto& builder = *engine().impl().paragraphs;
  const std::string text = "The quick brown fox jumps over the lazy dog again and again until the end.";
  auto p = builder.build(spec_for(text, 200 * kFixedOne));
  REQUIRE(p->lines.size() > 2);
  uint32_t pos = 0;
  for (const auto& line : p->lines) {
    CHECK(line.text_begin == pos);
    CHECK(line.ink_width <= 200 * kFixedOne);
    pos = line.text_end;
  }
  CHECK(pos == text.size());
}

TEST_CASE("layout: keep-together ranges never break inside", "[layout]") {
  auto& builder = *engine().impl().paragraphs;
  const std::string text = "aaaa bbbb cccc dddd eeee ffff gggg";
  const uint32_t begin = 5, end = 14;  // "bbbb cccc"
  auto breaks_inside = [&](const layout::Paragraph& p) {
    for (const auto& line : p.lines)
      if (line.text_begin > begin && line.text_begin < end) return true;
    return false;
  };
  // A measure that holds "bbbb cccc" but, left alone, breaks between the two words.
  const Fixed pair = builder.natural_width(spec_for("bbbb cccc", 0));
  Fixed width = 0;
  for (Fixed w = pair; w < pair * 3 && width == 0; w += kFixedOne)
    if (breaks_inside(*builder.build(spec_for(text, w)))) width = w;
  REQUIRE(width > 0);
  auto spec = spec_for(text, width);
  spec.keep_together = {{begin, end}};
  CHECK_FALSE(breaks_inside(*builder.build(spec)));
}

TEST_CASE("layout: positions encode the block path and decode back", "[layout]") {
  auto article = doc::parse_article("# T\n\n> a\n>\n> - x\n>   - y\n\npara\n");
  REQUIRE(article.ok());
  for (uint32_t b = 0; b < article->blocks.size(); ++b) {
    const std::string pos = layout::encode_position(*article, b, 7);
    auto decoded = layout::decode_position(*article, pos);
    INFO(pos);
    REQUIRE(decoded);
    CHECK(decoded->block == b);
    CHECK(decoded->offset == 7);
  }
  CHECK_FALSE(layout::decode_position(*article, "/99:0"));
  CHECK_FALSE(layout::decode_position(*article, "garbage"));
  CHECK(layout::decode_position(*article, "front:3")->block == doc::kNone);
}

TEST_CASE("layout: flow gives list markers, quote bars and flush first paragraphs", "[layout]") {
  auto article = doc::parse_article("## H\n\nfirst\n\nsecond\n\n> quoted\n\n3. three\n4. four\n");
  REQUIRE(article.ok());
  style::PageGeometry g;
  g.quote_indent = 30 * kFixedOne;
  g.list_indent = 20 * kFixedOne;
  g.columns = {{0, 600}};  // indents are clamped at half the column, so the column must be known
  const auto flow = layout::build_flow(*article, g);
  REQUIRE(flow.size() == 6);
  CHECK(flow[0].keep_with_next);
  CHECK(flow[1].no_indent);
  CHECK_FALSE(flow[2].no_indent);
  CHECK(flow[3].quote_bars == 1);
  CHECK(flow[3].indent_left == 30 * kFixedOne);
  CHECK(flow[4].marker == "3.");
  CHECK(flow[5].marker == "4.");
  CHECK(flow[5].indent_left == 20 * kFixedOne);
}

TEST_CASE("layout: a recycled paragraph is rebuilt as a fresh one would be", "[layout]") {
  auto& builder = *engine().impl().paragraphs;
  const std::string long_text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
  const std::string short_text = "Short words here.";
  const auto fresh = builder.build(spec_for(short_text, 150 * kFixedOne));
  const auto long_fresh = builder.build(spec_for(long_text, 150 * kFixedOne));
  auto used = builder.build(spec_for(long_text, 150 * kFixedOne));
  REQUIRE(used->lines.size() > fresh->lines.size());
  used->role = layout::Role::kQuote;
  used->origin = layout::Origin::kGenerated;
  used->block_id = 7;
  used->text_offset = 99;
  const layout::Paragraph* recycled = used.get();
  builder.recycle(std::move(used));
  auto again = builder.build(spec_for(short_text, 150 * kFixedOne));
  CHECK(again.get() == recycled);  // the buffers were reused
  CHECK(again->text == short_text);
  CHECK(again->role == layout::Role::kParagraph);
  CHECK(again->origin == layout::Origin::kBody);
  CHECK(again->block_id == 0);
  CHECK(again->text_offset == 0);
  REQUIRE(again->lines.size() == fresh->lines.size());
  for (size_t i = 0; i < fresh->lines.size(); ++i) {
    CHECK(again->lines[i].text_begin == fresh->lines[i].text_begin);
    CHECK(again->lines[i].text_end == fresh->lines[i].text_end);
    CHECK(std::ranges::equal(again->lines[i].glyph_id, fresh->lines[i].glyph_id));
    CHECK(std::ranges::equal(again->lines[i].x, fresh->lines[i].x));
    CHECK(again->lines[i].runs.size() == fresh->lines[i].runs.size());
  }
  CHECK(again->run_color == fresh->run_color);
  CHECK(again->shaped.glyph_id == fresh->shaped.glyph_id);
  // A paragraph whose line arrays a shorter one sized makes the same long paragraph again.
  builder.recycle(std::move(again));
  const auto long_again = builder.build(spec_for(long_text, 150 * kFixedOne));
  REQUIRE(long_again->lines.size() == long_fresh->lines.size());
  for (size_t i = 0; i < long_fresh->lines.size(); ++i) {
    CHECK(long_again->lines[i].text_end == long_fresh->lines[i].text_end);
    CHECK(std::ranges::equal(long_again->lines[i].glyph_id, long_fresh->lines[i].glyph_id));
    CHECK(std::ranges::equal(long_again->lines[i].x, long_fresh->lines[i].x));
    CHECK(std::ranges::equal(long_again->lines[i].y, long_fresh->lines[i].y));
    CHECK(long_again->lines[i].hyphenated == long_fresh->lines[i].hyphenated);
    CHECK(long_again->lines[i].ratio == long_fresh->lines[i].ratio);
  }
}

namespace {

void check_same_lines(const layout::Paragraph& a, const layout::Paragraph& b) {
  REQUIRE(a.lines.size() == b.lines.size());
  for (size_t i = 0; i < a.lines.size(); ++i) {
    CHECK(a.lines[i].text_end == b.lines[i].text_end);
    CHECK(std::ranges::equal(a.lines[i].glyph_id, b.lines[i].glyph_id));
    CHECK(std::ranges::equal(a.lines[i].x, b.lines[i].x));
    CHECK(a.lines[i].hyphenated == b.lines[i].hyphenated);
  }
  CHECK(a.shaped.glyph_id == b.shaped.glyph_id);
  CHECK(a.shaped.text.data() == a.text.data());  // the copy points at its own text
  CHECK(a.run_color == b.run_color);
}

}  // namespace

TEST_CASE("layout: a paragraph broken again at another looseness reuses its first breaking", "[layout]") {
  auto& builder = *engine().impl().paragraphs;
  const std::string text =
      "Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition, seemed to "
      "unite some of the best blessings of existence; and had lived nearly twenty-one years in the world.";
  const std::string other = "Something else entirely, set in between.";
  // A measure at which the paragraph can be set one line longer (the paginator's widow remedy).
  std::unique_ptr<layout::Paragraph> fresh, base;
  layout::ParagraphSpec spec, looser;
  for (int width = 160; width <= 400 && !fresh; width += 10) {
    spec = spec_for(text, width * kFixedOne);
    spec.hyphenate = true;
    spec.align = style::Align::kJustify;
    looser = spec;
    looser.looseness = 1;
    // What the builder makes of it one line longer with nothing to reuse.
    auto candidate = builder.build(looser);
    base = builder.build(spec);
    if (candidate->lines.size() == base->lines.size() + 1) fresh = std::move(candidate);
  }
  REQUIRE(fresh);
  // Right after the first breaking, its items are still at hand.
  const auto reused = builder.build(looser, base.get());
  check_same_lines(*reused, *fresh);
  // After another paragraph, only the shaping is copied and the items are built again.
  (void)builder.build(spec_for(other, 170 * kFixedOne));
  const auto rebuilt = builder.build(looser, base.get());
  check_same_lines(*rebuilt, *fresh);
  // A paragraph of other text is never taken for the same one.
  const auto unrelated = builder.build(spec_for(other, 170 * kFixedOne), base.get());
  CHECK(unrelated->text == other);
  CHECK(unrelated->shaped.glyph_count() < base->shaped.glyph_count());
}
