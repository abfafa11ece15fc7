#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <random>

#include "breaking/line_breaker.h"
#include "synthetic_paragraph.h"

using namespace inkset;

namespace {

std::string random_words(std::mt19937& rng, int words) {
  std::uniform_int_distribution<int> len(1, 12), letter('a', 'z');
  std::string s;
  for (int w = 0; w < words; ++w) {
    if (w) s += ' ';
    const int n = len(rng);
    for (int i = 0; i < n; ++i) s += static_cast<char>(letter(rng));
  }
  return s;
}

// The widest box-only stretch that cannot be broken (for the overflow exception).
Fixed widest_box(const breaking::ItemList& items) {
  Fixed w = 0;
  for (const auto& it : items.items) {
    if (it.kind == breaking::ItemKind::kBox) w = std::max(w, it.width);
  }
  return w;
}

void check_tiling(const breaking::LineBreakResult& r, uint32_t text_size) {
  uint32_t at = 0;
  for (const auto& line : r.lines) {
    REQUIRE(line.text_begin == at);
    REQUIRE(line.text_end >= line.text_begin);
    at = line.text_end;
  }
  REQUIRE(at == text_size);
}

}  // namespace

TEST_CASE("line breaker: Knuth-Plass properties over random paragraphs", "[breaking][knuth-plass]") {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> word_count(1, 120), measure_ems(20, 80);
  int kp_better = 0;
  int comparable = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    const std::string text = random_words(rng, word_count(rng));
    const Fixed measure = measure_ems(rng) * test::kEm;
    const auto para = test::synthetic_paragraph(text);
    const auto items = test::synthetic_items(para);
    const Fixed widths[] = {measure};
    breaking::BreakParams params;
    params.line_widths = widths;
    const auto kp = breaking::break_lines(items, params);
    const auto greedy = breaking::break_lines_greedy(items, params);
    INFO("trial " << trial << " measure " << measure / test::kEm << " text " << text);
    check_tiling(kp, static_cast<uint32_t>(text.size()));
    check_tiling(greedy, static_cast<uint32_t>(text.size()));
    for (const auto& line : kp.lines) {
      // Natural width may exceed the measure only by what the glue can shrink (ratio >= -1).
      const bool fits = line.natural_width <= line.line_width || line.ratio >= -1.0;
      CHECK((fits || widest_box(items) > measure));
    }
    // Knuth-Plass is optimal among the breaks its pass accepts: whenever greedy's breaks are
    // acceptable to that pass, they cannot have fewer demerits under the same formula.
    const auto greedy_scored = breaking::rescore(items, greedy, params, kp.pass);
    const int32_t tolerance = kp.pass == 1 ? params.pretolerance : kp.pass == 4 ? 10000 : params.tolerance;
    if (greedy_scored.max_badness <= tolerance) {
      ++comparable;
      CHECK(kp.demerits <= greedy_scored.demerits);
    }
    kp_better += kp.demerits < greedy_scored.demerits;
    const auto again = breaking::break_lines(items, params);
    REQUIRE(again.lines.size() == kp.lines.size());
    for (size_t i = 0; i < kp.lines.size(); ++i) CHECK(again.lines[i].text_end == kp.lines[i].text_end);
    CHECK(again.demerits == kp.demerits);
  }
  std::printf("Knuth-Plass beat greedy on %d of 1000 random paragraphs (%d where greedy was within tolerance)\n",
              kp_better, comparable);
  CHECK(comparable > 500);
  CHECK(kp_better > 100);
}

TEST_CASE("line breaker: looseness changes the line count when feasible", "[breaking][knuth-plass]") {
  std::mt19937 rng(7);
  const std::string text = random_words(rng, 200);
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {60 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.pretolerance = -1;
  params.tolerance = 10000;
  const auto normal = breaking::break_lines(items, params);
  params.looseness = 1;
  const auto looser = breaking::break_lines(items, params);
  params.looseness = -1;
  const auto tighter = breaking::break_lines(items, params);
  CHECK(looser.lines.size() == normal.lines.size() + 1);
  CHECK(tighter.lines.size() <= normal.lines.size());
  check_tiling(looser, static_cast<uint32_t>(text.size()));
  check_tiling(tighter, static_cast<uint32_t>(text.size()));

  // First-fit with full shrink uses the fewest lines possible; whenever that is fewer than the
  // optimum, looseness -1 must reach one line less.
  int tightened = 0;
  for (int trial = 0; trial < 50; ++trial) {
    const std::string t = random_words(rng, 60);
    const auto p = test::synthetic_paragraph(t);
    const auto its = test::synthetic_items(p);
    params.looseness = 0;
    const auto opt = breaking::break_lines(its, params);
    const auto fewest = breaking::break_lines_greedy(its, params);
    params.looseness = -1;
    const auto tight = breaking::break_lines(its, params);
    CHECK(tight.lines.size() >= fewest.lines.size());
    if (fewest.lines.size() < opt.lines.size()) {
      CHECK(tight.lines.size() == opt.lines.size() - 1);
      ++tightened;
    }
  }
  CHECK(tightened > 0);
}

TEST_CASE("line breaker: varying line widths, last repeated", "[breaking][knuth-plass]") {
  const std::string text = "aaaa bbbb cccc dddd eeee ffff gggg hhhh";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {4 * test::kEm, 9 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.alignment = breaking::Alignment::kLeft;
  const auto r = breaking::break_lines_greedy(items, params);
  REQUIRE(r.lines.size() == 5);
  CHECK(r.lines[0].text_end == 5);  // "aaaa" alone on the narrow first line
  CHECK(r.lines[0].line_width == 4 * test::kEm);
  CHECK(r.lines[1].text_end == 15);  // "bbbb cccc"
  CHECK(r.lines[4].line_width == 9 * test::kEm);
  const auto kp = breaking::break_lines(items, params);
  CHECK(kp.lines[0].text_end == 5);
  check_tiling(kp, static_cast<uint32_t>(text.size()));
}

TEST_CASE("line breaker: hyphenation only from the second pass", "[breaking][knuth-plass]") {
  breaking::HyphenatorSet set;
  const std::string text = "The typesetting of pagination and hyphenation";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para, set.for_language("en"));
  const Fixed widths[] = {12 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  check_tiling(r, static_cast<uint32_t>(text.size()));
  CHECK(r.pass >= 2);
  bool any_hyphen = false;
  for (const auto& line : r.lines) any_hyphen |= line.hyphenated;
  CHECK(any_hyphen);
  for (const auto& line : r.lines) CHECK(line.natural_width <= line.line_width + 3 * test::kEm / 3);
  // A comfortable measure needs no hyphens: the first pass succeeds.
  const Fixed wide[] = {34 * test::kEm};
  params.line_widths = wide;
  const auto easy = breaking::break_lines(items, params);
  CHECK(easy.pass == 1);
  for (const auto& line : easy.lines) CHECK_FALSE(line.hyphenated);
}

TEST_CASE("line breaker: emergency breaks for a long word and a URL never overflow", "[breaking][knuth-plass]") {
  const std::string word(60, 'x');
  for (const std::string& text : {"see " + word + " here", std::string("visit https://example.com/a/very/long/path?query=1&x=2 now")}) {
    const auto para = test::synthetic_paragraph(text);
    const auto items = test::synthetic_items(para);
    const Fixed widths[] = {20 * test::kEm};
    breaking::BreakParams params;
    params.line_widths = widths;
    for (const auto alignment : {breaking::Alignment::kJustified, breaking::Alignment::kLeft}) {
      params.alignment = alignment;
      for (const auto& r : {breaking::break_lines(items, params), breaking::break_lines_greedy(items, params)}) {
        INFO(text);
        check_tiling(r, static_cast<uint32_t>(text.size()));
        for (const auto& line : r.lines) CHECK(line.natural_width <= line.line_width);
      }
    }
    const auto r = breaking::break_lines(items, params);
    CHECK(r.pass == 4);
    if (text[0] == 'v') {
      // The URL breaks after its punctuation where it can.
      int after_punct = 0;
      for (size_t i = 0; i + 1 < r.lines.size(); ++i) {
        const char last = text[r.lines[i].text_end - 1];
        after_punct += last == '/' || last == '?' || last == '&' || last == '.' || last == ' ' || last == '-';
      }
      CHECK(after_punct == static_cast<int>(r.lines.size()) - 1);
    }
  }
}

TEST_CASE("line breaker: a single cluster wider than the measure overflows alone", "[breaking][knuth-plass]") {
  const std::string text = "a b c";
  auto para = test::synthetic_paragraph(text);
  para.advance[2] = 30 * test::kEm;
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {5 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  check_tiling(r, static_cast<uint32_t>(text.size()));
  for (const auto& line : r.lines) {
    const bool has_b = line.text_begin <= 2 && line.text_end > 2;
    if (!has_b) CHECK(line.natural_width <= line.line_width);
    else CHECK(line.natural_width == 30 * test::kEm);
  }
}

TEST_CASE("line breaker: time grows linearly with paragraph length", "[breaking][knuth-plass][timing]") {
  std::mt19937 rng(99);
  for (const int words : {1000, 5000, 10000}) {
    const std::string text = random_words(rng, words);
    const auto para = test::synthetic_paragraph(text);
    const auto items = test::synthetic_items(para);
    const Fixed widths[] = {66 * test::kEm};
    breaking::BreakParams params;
    params.line_widths = widths;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = breaking::break_lines(items, params);
    const auto t1 = std::chrono::steady_clock::now();
    std::printf("Knuth-Plass: %5d words, %5zu items, %4zu lines: %.2f ms\n", words, items.items.size(), r.lines.size(),
                std::chrono::duration<double, std::milli>(t1 - t0).count());
    check_tiling(r, static_cast<uint32_t>(text.size()));
  }
}

TEST_CASE("line breaker: quality statistics", "[breaking][knuth-plass]") {
  const std::string text = "aaaa bbbb cccc dddd";
  const auto para = test::synthetic_paragraph(text);
  const auto items = test::synthetic_items(para);
  const Fixed widths[] = {10 * test::kEm};
  breaking::BreakParams params;
  params.line_widths = widths;
  const auto r = breaking::break_lines(items, params);
  REQUIRE(r.lines.size() == 2);  // "aaaa bbbb" + "cccc dddd"
  const auto q = breaking::measure_quality(r, items);
  CHECK(q.lines == 2);
  CHECK(q.measured_lines == 1);
  CHECK(q.mean_abs_ratio == Approx(2.0));  // 1 em missing, one space of stretch 1/2 em
  CHECK(q.loose_lines == 1);
  CHECK(q.very_loose_lines == 0);
  CHECK(q.rigid_lines == 0);

  // A line of one word cannot be justified: its ratio is infinite; it counts as loose and rigid
  // and stays out of the mean.
  const std::string rigid_text = "aaaa bbbbbbbbb cc";
  const auto rigid_para = test::synthetic_paragraph(rigid_text);
  const auto rigid_items = test::synthetic_items(rigid_para);
  const auto rr = breaking::break_lines_greedy(rigid_items, params);
  REQUIRE(rr.lines.size() == 3);  // "aaaa" + "bbbbbbbbb" + "cc"
  const auto rq = breaking::measure_quality(rr, rigid_items);
  CHECK(rq.measured_lines == 2);
  CHECK(rq.rigid_lines == 2);
  CHECK(rq.loose_lines == 2);
  CHECK(rq.very_loose_lines == 2);
  CHECK(rq.mean_abs_ratio == 0);
}

TEST_CASE("line breaker: the emergency stretch admits lines but does not rank them", "[breaking][knuth-plass]") {
  // Narrow measures without hyphenation send many paragraphs to the third pass. Its lines are
  // admitted by a badness that counts the emergency stretch, but chosen by their real badness: the
  // demerits are those of the tolerance pass's formula, so loose lines are not favoured over tight ones.
  std::mt19937 rng(31);
  std::uniform_int_distribution<int> word_count(20, 80), measure_ems(25, 45);
  int third_pass = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::string text = random_words(rng, word_count(rng));
    const auto para = test::synthetic_paragraph(text);
    const auto items = test::synthetic_items(para);
    const Fixed widths[] = {measure_ems(rng) * test::kEm};
    breaking::BreakParams params;
    params.line_widths = widths;
    const auto kp = breaking::break_lines(items, params);
    if (kp.pass != 3) continue;
    ++third_pass;
    INFO("trial " << trial << " text " << text);
    const auto as_pass2 = breaking::rescore(items, kp, params, 2);
    const auto as_pass3 = breaking::rescore(items, kp, params, 3);
    CHECK(kp.demerits == as_pass2.demerits);
    CHECK(as_pass3.demerits == as_pass2.demerits);
    CHECK(as_pass3.max_badness <= params.tolerance);  // admitted with the emergency stretch
    CHECK(as_pass2.max_badness > params.tolerance);   // which it needed
  }
  CHECK(third_pass > 20);
}

TEST_CASE("line breaker: a reused LineBreaker gives what the free functions give", "[breaking][knuth-plass]") {
  breaking::HyphenatorSet set;
  // Long and short paragraphs in turn, so buffers shrink in use and grow again; one needs the
  // emergency pass (a word wider than the measure).
  const std::string texts[] = {
      "aaa bb cccc d ee fff gggg h iii jj kkkkk llll mmm nn o ppp qqqq rr sss",
      "hyphenation representation characteristically",
      "x",
      "supercalifragilisticexpialidocious and more words after it",
      "aaa bb cccc d ee fff gggg h iii jj kkkkk llll mmm nn o ppp qqqq rr sss tt uuu vvvv w",
  };
  const Fixed widths[] = {9 * test::kEm};
  breaking::LineBreaker breaker;
  int emergency = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      const auto para = test::synthetic_paragraph(text);
      const auto items = test::synthetic_items(para, set.for_language("en"));
      for (const int32_t looseness : {0, 1}) {
        breaking::BreakParams params;
        params.line_widths = widths;
        params.looseness = looseness;
        const auto expected = breaking::break_lines(items, params);
        const auto& got = breaker.break_lines(items, params);
        emergency += got.pass == 4;
        CHECK(got.pass == expected.pass);
        CHECK(got.demerits == expected.demerits);
        CHECK(got.max_badness == expected.max_badness);
        REQUIRE(got.lines.size() == expected.lines.size());
        for (size_t i = 0; i < got.lines.size(); ++i) {
          CHECK(got.lines[i].item_begin == expected.lines[i].item_begin);
          CHECK(got.lines[i].item_end == expected.lines[i].item_end);
          CHECK(got.lines[i].text_begin == expected.lines[i].text_begin);
          CHECK(got.lines[i].text_end == expected.lines[i].text_end);
          CHECK(got.lines[i].natural_width == expected.lines[i].natural_width);
        }
        const auto greedy = breaking::break_lines_greedy(items, params);
        const auto& got_greedy = breaker.break_lines_greedy(items, params);
        REQUIRE(got_greedy.lines.size() == greedy.lines.size());
        for (size_t i = 0; i < greedy.lines.size(); ++i) CHECK(got_greedy.lines[i].text_end == greedy.lines[i].text_end);
        CHECK(got_greedy.demerits == greedy.demerits);
      }
    }
  }
  CHECK(emergency > 0);
}

TEST_CASE("line breaker: stopping the scan at the first short line changes no break", "[breaking][knuth-plass]") {
  // With one measure the breaker stops scanning the active nodes at the first whose line is far too
  // short; given the same measure twice it scans them all. Both must choose the same breaks, in every
  // pass (narrow measures need the second, third and emergency passes) and with a hanging indent,
  // whose negative width makes a later line start no guarantee of a shorter line.
  breaking::HyphenatorSet set;
  std::mt19937 rng(41);
  std::uniform_int_distribution<int> word_count(1, 90), measure_ems(6, 60), indent_ems(-3, 2), looseness(-1, 1);
  int passes[5] = {0, 0, 0, 0, 0};
  for (int trial = 0; trial < 600; ++trial) {
    const std::string text = random_words(rng, word_count(rng));
    const auto para = test::synthetic_paragraph(text);
    breaking::ItemParams item_params;
    item_params.first_line_indent = indent_ems(rng) * test::kEm;
    const auto items = test::synthetic_items(para, trial % 2 ? set.for_language("en") : nullptr, item_params);
    const Fixed measure = measure_ems(rng) * test::kEm;
    const Fixed one[] = {measure};
    const Fixed same_twice[] = {measure, measure};
    breaking::BreakParams params;
    params.looseness = looseness(rng);
    params.alignment = trial % 3 ? breaking::Alignment::kJustified : breaking::Alignment::kLeft;
    params.line_widths = one;
    const auto cut = breaking::break_lines(items, params);
    params.line_widths = same_twice;
    const auto full = breaking::break_lines(items, params);
    INFO("trial " << trial << " measure " << measure / test::kEm << " text " << text);
    ++passes[cut.pass];
    CHECK(cut.pass == full.pass);
    CHECK(cut.demerits == full.demerits);
    REQUIRE(cut.lines.size() == full.lines.size());
    for (size_t i = 0; i < cut.lines.size(); ++i) CHECK(cut.lines[i].text_end == full.lines[i].text_end);
  }
  CHECK(passes[1] > 0);
  CHECK(passes[2] > 0);
  CHECK(passes[3] > 0);
  CHECK(passes[4] > 0);
}
