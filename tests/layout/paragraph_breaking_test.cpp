// Knuth–Plass properties on real shaping: random paragraphs of the long-form article's words,
// shaped in Charis SIL and hyphenated (en-GB), broken at measures of 20 to 80 ems.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "../shape/shape_fixture.h"
#include "doc/markdown_parser.h"
#include "layout/paragraph_builder.h"

using namespace inkset;

namespace {

std::vector<std::string> article_vocabulary() {
  auto article = doc::load_article(INKSET_SOURCE_DIR "/content/longform/article.md");
  REQUIRE(article.ok());
  std::vector<std::string> words;
  for (const doc::Block& b : article.value().blocks) {
    if (b.kind != doc::BlockKind::kParagraph) continue;
    size_t at = 0;
    while (at < b.text.size()) {
      const size_t end = std::min(b.text.find_first_of(" \n", at), b.text.size());
      if (end > at) words.emplace_back(b.text.substr(at, end - at));
      at = end + 1;
    }
  }
  return words;
}

// Lines tile the text: every byte on exactly one line, in order.
void check_tiling(const breaking::LineBreakResult& r, size_t text_size) {
  uint32_t at = 0;
  for (const auto& line : r.lines) {
    REQUIRE(line.text_begin == at);
    REQUIRE(line.text_end > line.text_begin);
    at = line.text_end;
  }
  REQUIRE(at == text_size);
}

// Natural width may exceed the measure only by what the glue can shrink (ratio >= -1), unless the
// line is one box that no break splits.
void check_fits(const breaking::LineBreakResult& r, const breaking::ItemList& items) {
  for (const auto& line : r.lines) {
    if (line.natural_width <= line.line_width) continue;
    const bool single_box = line.item_end - line.item_begin == 1 && items.items[line.item_begin].kind == breaking::ItemKind::kBox;
    CHECK((line.ratio >= -1.0 || single_box));
  }
}

int32_t tolerance_of_pass(const breaking::BreakParams& params, int pass) {
  return pass == 1 ? params.pretolerance : params.tolerance;
}

}  // namespace

TEST_CASE("paragraph breaking: Knuth-Plass properties on shaped prose", "[layout][breaking][knuth-plass]") {
  const std::vector<std::string> vocabulary = article_vocabulary();
  REQUIRE(vocabulary.size() > 5000);
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  breaking::HyphenatorSet hyphenators;
  layout::ParagraphBuilder builder(test::fonts(), shaper, hyphenators);
  const Fixed em = px_to_fixed(32);
  const shape::TextStyle body = test::style("Charis SIL", em, "en-GB");

  std::mt19937 rng(20261126);
  std::uniform_int_distribution<size_t> pick(0, vocabulary.size() - 1);
  std::uniform_int_distribution<int> word_count(1, 150), measure_ems(20, 80);
  int comparable = 0, kp_better = 0, passes[5] = {};
  for (int trial = 0; trial < 1000; ++trial) {
    layout::ParagraphSpec spec;
    const int words = word_count(rng);
    std::string text;
    for (int w = 0; w < words; ++w) text += (w ? " " : "") + vocabulary[pick(rng)];
    spec.text = text;
    spec.ranges.push_back({0, static_cast<uint32_t>(spec.text.size()), 0});
    spec.styles.push_back(body);
    spec.align = style::Align::kJustify;
    spec.hyphenate = true;
    spec.language = "en-GB";
    spec.first_indent = em * 3 / 2;
    spec.width = measure_ems(rng) * em;
    INFO("trial " << trial << " measure " << spec.width / em << " em, text: " << spec.text);

    layout::Paragraph p;
    p.text = spec.text;
    const breaking::ItemList& items = builder.shape_and_itemize(p, spec);
    const Fixed widths[1] = {spec.width};
    breaking::BreakParams params;
    params.line_widths = widths;
    const auto kp = breaking::break_lines(items, params);
    const auto greedy = breaking::break_lines_greedy(items, params);
    ++passes[kp.pass];
    check_tiling(kp, spec.text.size());
    check_tiling(greedy, spec.text.size());
    check_fits(kp, items);
    check_fits(greedy, items);

    // Knuth–Plass minimizes total demerits over the break sequences its final pass accepts: every
    // line within that pass's tolerance (its badness counting the pass's emergency stretch), breaks
    // only at that pass's legal points (pass 1 excludes dictionary hyphenation points), looseness 0.
    // So greedy's breaks, scored by the same formula, can have no fewer demerits exactly when they
    // are such a sequence: greedy split no box (rescore needs item boundaries; the emergency pass 4
    // optimizes over another item list) and, for pass 1, used no dictionary hyphen.
    bool greedy_split_box = false, greedy_dictionary = false;
    for (const auto& line : greedy.lines) {
      const breaking::Item& brk = items.items[line.item_end - 1];
      // A line that ends inside a box reports that box as its break item.
      if (brk.kind == breaking::ItemKind::kBox) greedy_split_box = true;
      if (brk.kind == breaking::ItemKind::kPenalty && brk.dictionary) greedy_dictionary = true;
    }
    if (kp.pass != 4 && !greedy_split_box && !(kp.pass == 1 && greedy_dictionary)) {
      const auto greedy_scored = breaking::rescore(items, greedy, params, kp.pass);
      if (greedy_scored.max_badness <= tolerance_of_pass(params, kp.pass)) {
        ++comparable;
        CHECK(kp.demerits <= greedy_scored.demerits);
        kp_better += kp.demerits < greedy_scored.demerits;
      }
    }

    // Stable: the same input, re-shaped from the warm cache and re-itemized, breaks the same way.
    std::vector<uint32_t> ends;
    for (const auto& line : kp.lines) ends.push_back(line.text_end);
    const int64_t demerits = kp.demerits;
    const breaking::ItemList& again_items = builder.shape_and_itemize(p, spec);
    const auto again = breaking::break_lines(again_items, params);
    std::vector<uint32_t> again_ends;
    for (const auto& line : again.lines) again_ends.push_back(line.text_end);
    CHECK(again_ends == ends);
    CHECK(again.demerits == demerits);

    // Through build(): the placed lines tile the text too, and none is drawn past the measure.
    const Fixed width = spec.width;
    const auto built = builder.build(spec);
    REQUIRE(built->lines.size() == ends.size());
    uint32_t at = 0;
    for (size_t i = 0; i < built->lines.size(); ++i) {
      const auto& line = built->lines[i];
      CHECK(line.text_begin == at);
      CHECK(line.text_end == ends[i]);
      at = line.text_end;
      CHECK(line.ink_left >= 0);
      INFO("line " << i << " of " << built->lines.size() << " ratio " << kp.lines[i].ratio << " natural "
                   << kp.lines[i].natural_width << " hyphenated " << line.hyphenated << " ink " << line.ink_left << "+"
                   << line.ink_width << ": " << text.substr(line.text_begin, line.text_end - line.text_begin));
      CHECK(line.ink_left + line.ink_width <= width);
    }
    CHECK(at == text.size());
  }
  std::printf("real prose, 1000 paragraphs: passes 1/2/3/4 = %d/%d/%d/%d; greedy comparable on %d, "
              "Knuth-Plass strictly better on %d\n",
              passes[1], passes[2], passes[3], passes[4], comparable, kp_better);
  CHECK(comparable > 500);
  CHECK(kp_better > 100);
}

TEST_CASE("paragraph breaking: the long-form article on a 35-character justified measure", "[layout][breaking][knuth-plass]") {
  // The setting tools/linebreak-quality measures: body paragraphs in Charis SIL, about 35
  // characters a line, where no pass within tolerance can set many paragraphs without hyphenation.
  auto article = doc::load_article(INKSET_SOURCE_DIR "/content/longform/article.md");
  REQUIRE(article.ok());
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  breaking::HyphenatorSet hyphenators;
  layout::ParagraphBuilder builder(test::fonts(), shaper, hyphenators);
  const Fixed em = px_to_fixed(32);
  const Fixed widths[1] = {16 * em};
  breaking::BreakParams params;
  params.line_widths = widths;
  struct Sum {
    uint32_t measured = 0, loose = 0, rigid = 0;
    double ratio = 0;
    void add(const breaking::BreakQuality& q) {
      measured += q.measured_lines - q.rigid_lines;
      ratio += q.mean_abs_ratio * (q.measured_lines - q.rigid_lines);
      loose += q.loose_lines;
      rigid += q.rigid_lines;
    }
    double mean() const { return ratio / measured; }
  } greedy, optimal, hyphenated;
  for (const doc::Block& b : article.value().blocks) {
    if (b.kind != doc::BlockKind::kParagraph || b.text.empty()) continue;
    layout::ParagraphSpec spec;
    spec.text = b.text;
    spec.ranges.push_back({0, static_cast<uint32_t>(b.text.size()), 0});
    spec.styles.push_back(test::style("Charis SIL", em, "en-GB"));
    spec.align = style::Align::kJustify;
    spec.language = "en-GB";
    spec.width = widths[0];
    layout::Paragraph p;
    p.text = b.text;
    const breaking::ItemList& plain = builder.shape_and_itemize(p, spec);
    greedy.add(breaking::measure_quality(breaking::break_lines_greedy(plain, params), plain));
    optimal.add(breaking::measure_quality(breaking::break_lines(plain, params), plain));
    spec.hyphenate = true;
    const breaking::ItemList& hyph = builder.shape_and_itemize(p, spec);
    hyphenated.add(breaking::measure_quality(breaking::break_lines(hyph, params), hyph));
  }
  std::printf("35-character measure: loose lines greedy %u, Knuth-Plass %u, with hyphenation %u; lone words %u/%u/%u\n",
              greedy.loose, optimal.loose, hyphenated.loose, greedy.rigid, optimal.rigid, hyphenated.rigid);
  // Past TeX's badness cap a word alone on a line must still rank worse than a merely loose line.
  CHECK(optimal.rigid <= greedy.rigid);
  CHECK(hyphenated.rigid <= greedy.rigid);
  CHECK(optimal.mean() < greedy.mean());
  CHECK(hyphenated.mean() < optimal.mean());
  // Knuth-Plass's loose-step demerits keep the white a paragraph cannot avoid on as few lines as they
  // can, where TeX's demerits spread it over more lines than first-fit leaves loose.
  CHECK(optimal.loose < greedy.loose);
  CHECK(hyphenated.loose < greedy.loose);
  CHECK(hyphenated.loose < optimal.loose);
}
