#pragma once
// Line breaking over a Knuth–Plass item list: the total-fit algorithm of Knuth & Plass (1981),
// with TeX's passes (pretolerance, tolerance with hyphenation, emergency stretch) and a final
// emergency pass that splits over-wide boxes at cluster boundaries so no line overflows unless one
// cluster alone is wider than the measure. A greedy first-fit breaker gives the same output type.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "breaking/items.h"
#include "support/fixed.h"

namespace inkset::breaking {

enum class Alignment : uint8_t { kJustified, kLeft, kRight, kCenter };

struct BreakParams {
  // Measure of each line; the last entry repeats for all further lines. Must not be empty.
  std::span<const Fixed> line_widths;
  // Ragged alignments never shrink glue (a shrunk line would be drawn at natural width and overflow);
  // they are still broken for an even rag by the same badness.
  Alignment alignment = Alignment::kJustified;
  int32_t pretolerance = 100;  // first pass, without dictionary hyphenation; negative skips it
  int32_t tolerance = 200;     // second pass, with hyphenation
  Fraction emergency_stretch{1, 10};  // third pass: extra stretch per line, of the line's width; 0 skips
  int32_t line_penalty = 10;          // TeX \linepenalty
  int64_t adjacent_demerits = 10000;  // fitness classes more than one apart (TeX \adjdemerits)
  int64_t double_hyphen_demerits = 10000;
  int64_t final_hyphen_demerits = 5000;
  // Justified lines only: per step of looseness a reader sees (past the glue's stretch, past twice
  // it, per further multiple past eight times; see loose_steps in line_breaker.cpp). TeX's inf_bad
  // squared: a step costs what TeX's demerits charge an infinitely bad line (at 7e7 Knuth-Plass
  // still leaves more lines loose than first-fit in content/bench/emma.md at 35 characters). 0 gives
  // TeX's demerits.
  int64_t loose_step_demerits = 100'000'000;
  int32_t looseness = 0;  // TeX \looseness: lines more (+) or fewer (-) than optimal, when feasible
  int32_t emergency_penalty = 5000;            // final pass: breaking inside a box
  int32_t emergency_preferred_penalty = 1000;  // ... after '/', '-', '.', '?', '&' (URLs)
};

struct LineBreak {
  uint32_t item_begin = 0, item_end = 0;  // items of the line; item_end - 1 is the break item
  uint32_t text_begin = 0, text_end = 0;  // bytes; consecutive lines tile the paragraph text. A line
                                          // broken inside a box starts/ends at a cluster boundary.
  bool hyphenated = false;  // ends at a discretionary hyphen: draw a hyphen glyph after it
  double ratio = 0;         // adjustment ratio (reported only); ragged lines: the ratio they would
                            // have needed; +-infinity when the line has no stretch/shrink to use
  Fixed natural_width = 0;  // content width including a hyphen, excluding the break glue
  Fixed line_width = 0;     // the measure of this line
};

struct LineBreakResult {
  std::vector<LineBreak> lines;
  int64_t demerits = 0;  // total, as Knuth–Plass defines them (also for the greedy breaker)
  int64_t loose_demerits = 0;  // the part of `demerits` charged per loose step (loose_step_demerits)
  int32_t max_badness = 0;  // of any line, as the pass measures it
  int pass = 0;          // 1 pretolerance, 2 tolerance, 3 emergency stretch, 4 emergency breaks; 0 greedy
};

// The breakers with their working memory (work items, prefix sums, Knuth–Plass nodes, the result)
// kept between paragraphs: after the first few paragraphs, breaking allocates nothing. Not
// thread-safe; one per thread. The returned result is valid until the next call.
class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // As the free functions below, with the same output.
  const LineBreakResult& break_lines(const ItemList& items, const BreakParams& params);
  // The first pass alone (pretolerance, no dictionary hyphens), for items that may lack the
  // dictionary's points: break_lines' result when that pass succeeds and looseness is 0, else null.
  // On null, break_lines with `pretolerance` negative (the first pass known to fail) finishes the job.
  const LineBreakResult* break_lines_first_pass(const ItemList& items, const BreakParams& params);
  const LineBreakResult& break_lines_greedy(const ItemList& items, const BreakParams& params);

 private:
  friend LineBreakResult break_lines(const ItemList& items, const BreakParams& params);
  friend LineBreakResult break_lines_greedy(const ItemList& items, const BreakParams& params);

  struct State;
  std::unique_ptr<State> m_state;
  LineBreakResult m_result;
};

// Optimal (total-fit) breaking. Deterministic: the same input gives the same breaks.
// Complexity: O(items x active nodes); active nodes are bounded by how many breakpoints fit on one
// line (times line-number classes when looseness != 0), so it is linear in practice.
LineBreakResult break_lines(const ItemList& items, const BreakParams& params);

// First-fit: each line takes as much as fits (with shrink when justified).
LineBreakResult break_lines_greedy(const ItemList& items, const BreakParams& params);

// The demerits and badness `result` has under the formula of `pass` (passes 3 and 4 add the
// emergency stretch), e.g. to compare greedy breaks with optimal ones. Requires that every line
// ends at an item boundary (no emergency break inside a box).
LineBreakResult rescore(const ItemList& items, const LineBreakResult& result, const BreakParams& params, int pass);

struct BreakQuality {
  uint32_t lines = 0;
  uint32_t measured_lines = 0;  // lines not ending at a forced break (those are ragged by design)
  double mean_abs_ratio = 0;    // over measured lines with a finite ratio
  uint32_t loose_lines = 0;     // measured lines with ratio > 1 (rigid ones included)
  uint32_t very_loose_lines = 0;  // measured lines with ratio > 2 (rigid ones included)
  uint32_t rigid_lines = 0;     // measured lines short of the measure with no glue to stretch (ratio +inf)
};

BreakQuality measure_quality(const LineBreakResult& result, const ItemList& items);

}  // namespace inkset::breaking
