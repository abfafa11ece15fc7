// linebreak-quality: measures how evenly the line breakers set an article's body text.
//
// Every body paragraph is shaped with the ereader theme's body style and justified to a narrow
// measure (about 35 characters, where the differences between breakers show most) three ways:
// first-fit, Knuth–Plass without hyphenation, Knuth–Plass with hyphenation. For each the table
// gives lines, mean |adjustment ratio| over lines that are not paragraph ends, loose lines
// (ratio > 1: the glue stretched past what it offers), hyphenated lines, and total demerits with
// every way scored by the same formula (Knuth–Plass's pass-2 demerits, hyphen demerits included):
// the breaker's own, and TeX's, without the loose-step demerits the breaker adds to them.
// Also: very loose lines (ratio > 2), lines past five and ten times their stretch, tight lines
// (ratio < -0.5), rigid lines (a lone word short of the measure: no glue to stretch, ratio infinite,
// counted as loose and left out of the mean) and paragraphs that needed Knuth–Plass's final pass
// (no setting within the tolerance even with emergency stretch).
//
// --scaling times shaping + breaking of one paragraph of 1k, 5k and 10k words of the article, to
// show that the time grows linearly with the paragraph's length.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "breaking/hyphenator.h"
#include "breaking/line_breaker.h"
#include "doc/markdown_parser.h"
#include "font/font_collection.h"
#include "layout/paragraph_builder.h"
#include "shape/shape_cache.h"
#include "shape/shaper.h"
#include "style/page_geometry.h"
#include "support/utf8.h"

using namespace inkset;

namespace {

constexpr int kCharsPerLine = 35;
constexpr int kRepetitions = 5;

struct Options {
  std::string article = INKSET_SOURCE_DIR "/content/longform/article.md";
  bool scaling = false;
};

struct Context {
  std::unique_ptr<font::FontCollection> fonts;
  shape::ShapeCache cache;
  std::unique_ptr<shape::Shaper> shaper;
  breaking::HyphenatorSet hyphenators;
  std::unique_ptr<layout::ParagraphBuilder> builder;
  shape::TextStyle body;
  std::string language;
};

shape::TextStyle body_style(const style::ComputedStyle& s, const std::string& language) {
  shape::TextStyle t;
  t.family = s.family;
  t.weight = s.weight;
  t.italic = s.italic;
  t.size = s.size;
  t.language = language;
  for (const style::Feature& f : s.features)
    t.features.push_back({f.tag, f.value, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END});
  return t;
}

layout::ParagraphSpec spec_for(const Context& ctx, const std::string& text, bool hyphenate, Fixed width) {
  layout::ParagraphSpec spec;
  spec.text = text;
  spec.ranges.push_back({0, static_cast<uint32_t>(text.size()), 0});
  spec.styles.push_back(ctx.body);
  spec.align = style::Align::kJustify;
  spec.hyphenate = hyphenate;
  spec.language = ctx.language;
  spec.width = width;
  return spec;
}

uint32_t char_count(std::string_view text) {
  uint32_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

struct Tally {
  uint64_t lines = 0;
  uint64_t measured = 0;
  double ratio_sum = 0;
  uint64_t finite = 0;  // measured lines with a finite ratio (the mean is over these)
  uint64_t loose = 0;
  uint64_t very_loose = 0;
  uint64_t rigid = 0;
  uint64_t past5 = 0, past10 = 0;  // measured lines with ratio > 5, > 10 (rigid ones included)
  uint64_t tight = 0;  // ratio < -0.5: glue shrunk by more than half of what it can give
  uint64_t hyphenated = 0;
  int64_t demerits = 0;
  int64_t tex_demerits = 0;
  int final_pass = 0;  // paragraphs no pass with a tolerance could set (Knuth–Plass's pass 4)

  void add(const breaking::ItemList& items, const breaking::LineBreakResult& r, const breaking::BreakParams& params) {
    const breaking::BreakQuality q = breaking::measure_quality(r, items);
    lines += q.lines;
    measured += q.measured_lines;
    finite += q.measured_lines - q.rigid_lines;
    ratio_sum += q.mean_abs_ratio * (q.measured_lines - q.rigid_lines);
    loose += q.loose_lines;
    very_loose += q.very_loose_lines;
    rigid += q.rigid_lines;
    for (const auto& line : r.lines) {
      hyphenated += line.hyphenated;
      tight += line.ratio < -0.5;
      const breaking::Item& brk = items.items[line.item_end - 1];
      if (brk.kind == breaking::ItemKind::kPenalty && brk.penalty <= breaking::kForcedPenalty) continue;
      past5 += line.ratio > 5;
      past10 += line.ratio > 10;
    }
    final_pass += r.pass == 4;
    // The tolerance pass's formula for every breaker, so the totals compare like with like. Lines
    // split inside a word (only words wider than the measure) could not be rescored; they keep their own.
    bool inside_box = false;
    for (const auto& line : r.lines) inside_box = inside_box || items.items[line.item_end - 1].kind == breaking::ItemKind::kBox;
    const breaking::LineBreakResult scored = inside_box ? r : breaking::rescore(items, r, params, 2);
    demerits += scored.demerits;
    tex_demerits += scored.demerits - scored.loose_demerits;
  }
};

int run_quality(Context& ctx, const doc::Article& article) {
  std::vector<const std::string*> texts;
  for (const doc::Block& b : article.blocks) {
    if (b.kind == doc::BlockKind::kParagraph && !b.text.empty()) texts.push_back(&b.text);
  }
  // The measure: 35 times the average advance of a character of this text in this style.
  int64_t advance = 0;
  uint64_t chars = 0;
  for (const std::string* t : texts) {
    layout::Paragraph p;
    p.text = *t;
    ctx.builder->shape_and_itemize(p, spec_for(ctx, *t, false, kFixedOne));
    for (const Fixed a : p.shaped.advance) advance += a;
    chars += char_count(*t);
  }
  if (chars == 0) {
    std::fprintf(stderr, "linebreak-quality: no body paragraphs\n");
    return 1;
  }
  const auto measure = static_cast<Fixed>(advance * kCharsPerLine / static_cast<int64_t>(chars));
  std::printf("%zu body paragraphs, %llu characters; %s %.1f px, measure %.1f px (%d average characters)\n",
              texts.size(), static_cast<unsigned long long>(chars), ctx.body.family.c_str(), ctx.body.size / 64.0,
              measure / 64.0, kCharsPerLine);

  Tally greedy, optimal, hyphenated;
  const Fixed widths[1] = {measure};
  breaking::BreakParams params;
  params.line_widths = widths;
  params.alignment = breaking::Alignment::kJustified;
  for (const std::string* t : texts) {
    layout::Paragraph p;
    p.text = *t;
    const breaking::ItemList& plain = ctx.builder->shape_and_itemize(p, spec_for(ctx, *t, false, measure));
    greedy.add(plain, breaking::break_lines_greedy(plain, params), params);
    optimal.add(plain, breaking::break_lines(plain, params), params);
    const breaking::ItemList& hyph = ctx.builder->shape_and_itemize(p, spec_for(ctx, *t, true, measure));
    hyphenated.add(hyph, breaking::break_lines(hyph, params), params);
  }
  std::printf("%-27s %6s %8s %6s %6s %5s %5s %6s %7s %6s %15s %14s %7s\n", "breaker", "lines", "mean|r|", "r>1", "r>2",
              "r>5", "r>10", "rigid", "r<-0.5", "hyph", "demerits", "TeX demerits", "pass 4");
  const auto row = [](const char* name, const Tally& t) {
    const auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
    std::printf("%-27s %6llu %8.3f %6llu %6llu %5llu %5llu %6llu %7llu %6llu %15lld %14lld %7d\n", name, u(t.lines),
                t.finite ? t.ratio_sum / static_cast<double>(t.finite) : 0.0, u(t.loose), u(t.very_loose), u(t.past5),
                u(t.past10), u(t.rigid), u(t.tight), u(t.hyphenated), static_cast<long long>(t.demerits), static_cast<long long>(t.tex_demerits),
                t.final_pass);
  };
  row("greedy (first fit)", greedy);
  row("Knuth-Plass", optimal);
  row("Knuth-Plass + hyphenation", hyphenated);
  const bool holds = optimal.loose < greedy.loose && hyphenated.loose < optimal.loose;
  std::printf("loose lines: greedy %llu > Knuth-Plass %llu > with hyphenation %llu: %s\n",
              static_cast<unsigned long long>(greedy.loose), static_cast<unsigned long long>(optimal.loose),
              static_cast<unsigned long long>(hyphenated.loose), holds ? "holds" : "DOES NOT HOLD");
  return holds ? 0 : 2;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int run_scaling(Context& ctx, const doc::Article& article) {
  std::vector<std::string> words;
  for (const doc::Block& b : article.blocks) {
    if (b.kind != doc::BlockKind::kParagraph) continue;
    size_t at = 0;
    while (at < b.text.size()) {
      const size_t end = std::min(b.text.find_first_of(" \n", at), b.text.size());
      if (end > at) words.emplace_back(b.text.substr(at, end - at));
      at = end + 1;
    }
  }
  if (words.empty()) {
    std::fprintf(stderr, "linebreak-quality: no words\n");
    return 1;
  }
  const Fixed widths[1] = {40 * ctx.body.size};  // about 40 ems: a wide column, many breakpoints per line
  breaking::BreakParams params;
  params.line_widths = widths;
  // Every size makes the same single pass (TeX's \pretolerance=-1: straight to the hyphenating
  // pass), so the times compare like with like; with the first pass on, a long paragraph is more
  // likely to fail it somewhere and be broken twice.
  params.pretolerance = -1;
  std::printf("one justified, hyphenated paragraph of the article's words, measure %.0f px, one breaking pass; "
              "median of %d runs\n",
              widths[0] / 64.0, kRepetitions);
  std::printf("%8s %8s %6s %5s %9s %9s %9s %8s %13s %13s\n", "words", "items", "lines", "pass", "shape ms", "break ms",
              "total ms", "us/word", "break min ms", "min ns/item");
  for (const size_t count : {1000u, 5000u, 10000u}) {
    std::string text;
    for (size_t i = 0; i < count; ++i) {
      if (i) text += ' ';
      text += words[i % words.size()];
    }
    std::vector<double> shape_ms, break_ms;
    size_t lines = 0, items_count = 0;
    int pass = 0;
    for (int rep = 0; rep < kRepetitions; ++rep) {
      ctx.cache.clear();  // every run shapes from a cold cache, as a first layout does
      layout::Paragraph p;
      p.text = text;
      const auto t0 = std::chrono::steady_clock::now();
      const breaking::ItemList& items = ctx.builder->shape_and_itemize(p, spec_for(ctx, text, true, widths[0]));
      const auto t1 = std::chrono::steady_clock::now();
      const auto r = breaking::break_lines(items, params);
      const auto t2 = std::chrono::steady_clock::now();
      lines = r.lines.size();
      items_count = items.items.size();
      pass = r.pass;
      shape_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      break_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    }
    const double s = median(shape_ms), b = median(break_ms);
    // The minimum too: on a shared machine the median still carries other processes' time slices.
    const double least = *std::min_element(break_ms.begin(), break_ms.end());
    std::printf("%8zu %8zu %6zu %5d %9.2f %9.2f %9.2f %8.2f %13.2f %13.1f\n", count, items_count, lines, pass, s, b, s + b,
                1000 * (s + b) / static_cast<double>(count), least, 1e6 * least / static_cast<double>(items_count));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--scaling") == 0) {
      opt.scaling = true;
    } else if (std::strcmp(argv[i], "--help") == 0 || argv[i][0] == '-') {
      std::fprintf(stderr, "usage: linebreak-quality [--scaling] [ARTICLE.md]\n");
      return std::strcmp(argv[i], "--help") == 0 ? 0 : 1;
    } else {
      opt.article = argv[i];
    }
  }
  auto article = doc::load_article(opt.article);
  if (!article.ok()) {
    std::fprintf(stderr, "linebreak-quality: %s\n", article.error().message.c_str());
    return 1;
  }
  auto fonts = font::FontCollection::create(font::default_font_config());
  if (!fonts.ok()) {
    std::fprintf(stderr, "linebreak-quality: %s\n", fonts.error().message.c_str());
    return 1;
  }
  style::LayoutOptions options;
  options.theme = "ereader";
  auto resolved = style::resolve_layout(options);
  if (!resolved.ok()) {
    std::fprintf(stderr, "linebreak-quality: %s\n", resolved.error().message.c_str());
    return 1;
  }
  Context ctx;
  ctx.fonts = std::move(fonts).value();
  ctx.shaper = std::make_unique<shape::Shaper>(*ctx.fonts, ctx.cache);
  ctx.builder = std::make_unique<layout::ParagraphBuilder>(*ctx.fonts, *ctx.shaper, ctx.hyphenators);
  ctx.language = article.value().front.language.empty() ? "en" : article.value().front.language;
  ctx.body = body_style(resolved.value().style(style::ElementKind::kBody), ctx.language);
  return opt.scaling ? run_scaling(ctx, article.value()) : run_quality(ctx, article.value());
}
