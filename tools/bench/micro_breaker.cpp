// Line breaking: items of a shaped paragraph (break opportunities, hyphenation points), then
// Knuth-Plass total fit and first fit over the same items.
#include <benchmark/benchmark.h>

#include "breaking/items.h"
#include "breaking/line_break_opportunities.h"
#include "breaking/line_breaker.h"
#include "micro_fixture.h"

namespace inkset::bench {
namespace {

struct Prepared {
  std::vector<shape::ShapedParagraph> shaped;
  std::vector<std::vector<breaking::BreakOpportunity>> breaks;
  std::vector<breaking::ItemList> items;
};

const Prepared& prepared() {
  static Prepared p = [] {
    Prepared out;
    MicroFixture& f = MicroFixture::get();
    breaking::LineBreakFinder finder;
    const breaking::Hyphenator* hyphenator = f.hyphenators->for_language("en");
    const size_t n = std::min<size_t>(f.paragraphs.size(), 64);
    out.shaped.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const std::string& text = f.paragraphs[i];
      const shape::StyleRange range{0, static_cast<uint32_t>(text.size()), 0};
      out.shaped.push_back(f.shaper->shape(text, {&range, 1}, f.styles, shape::BaseDirection::kAuto));
      out.breaks.emplace_back();
      (void)finder.find(text, "en", out.breaks.back());
      const std::vector<Fixed> hyphen(out.shaped.back().runs.size(), 8 * kFixedOne);
      out.items.emplace_back();
      breaking::build_items(out.shaped.back(), out.breaks.back(), hyphenator, hyphen, {}, out.items.back());
    }
    return out;
  }();
  return p;
}

void BM_FindBreaks(benchmark::State& state) {
  MicroFixture& f = MicroFixture::get();
  breaking::LineBreakFinder finder;
  std::vector<breaking::BreakOpportunity> out;
  size_t i = 0;
  for (auto _ : state) {
    (void)finder.find(f.paragraphs[i++ % 64], "en", out);
    benchmark::DoNotOptimize(out.data());
  }
}

void BM_BuildItemsHyphenated(benchmark::State& state) {
  const Prepared& p = prepared();
  const breaking::Hyphenator* hyphenator = MicroFixture::get().hyphenators->for_language("en");
  breaking::ItemList items;
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ % p.shaped.size();
    const std::vector<Fixed> hyphen(p.shaped[k].runs.size(), 8 * kFixedOne);
    breaking::build_items(p.shaped[k], p.breaks[k], hyphenator, hyphen, {}, items);
    benchmark::DoNotOptimize(items.items.data());
  }
}

void break_paragraphs(benchmark::State& state, bool greedy) {
  const Prepared& p = prepared();
  const Fixed width[1] = {678 * kFixedOne};
  breaking::BreakParams params;
  params.line_widths = width;
  size_t i = 0;
  for (auto _ : state) {
    const auto& items = p.items[i++ % p.items.size()];
    auto result = greedy ? breaking::break_lines_greedy(items, params) : breaking::break_lines(items, params);
    benchmark::DoNotOptimize(result.lines.data());
  }
}

void BM_KnuthPlass(benchmark::State& state) { break_paragraphs(state, false); }
void BM_FirstFit(benchmark::State& state) { break_paragraphs(state, true); }

BENCHMARK(BM_FindBreaks);
BENCHMARK(BM_BuildItemsHyphenated);
BENCHMARK(BM_KnuthPlass);
BENCHMARK(BM_FirstFit);

}  // namespace
}  // namespace inkset::bench
