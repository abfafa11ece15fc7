#include "breaking/line_breaker.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <utility>

namespace inkset::breaking {
namespace {

constexpr int32_t kInfBad = 10000;  // TeX's inf_bad: "infinitely bad"
constexpr int32_t kBadnessAtTwiceStretch = 800;  // badness(2s, s): 100 * 2^3
constexpr uint32_t kNone = UINT32_MAX;

enum Fitness : uint8_t { kVeryLoose = 0, kLoose = 1, kDecent = 2, kTight = 3 };

// 100 (t/s)^3 capped at kInfBad, in integers so every CPU agrees on every break.
int32_t badness(int64_t t, int64_t s) {
  if (t <= 0) return 0;
  if (s <= 0 || t > 5 * s) return kInfBad;
  const int64_t q = (t << 16) / s;  // t/s in 16.16
  return static_cast<int32_t>(std::min<int64_t>((100 * q * q * q) >> 48, kInfBad));
}

// Sums over the boxes and glue before an item. Kept together because a line's measure reads all
// four at its start and at its end.
struct Prefix {
  int64_t width, stretch, shrink;
  int32_t fil;
};

// The paragraph as the breaker sees it: the caller's items, read in place, or in the emergency pass
// the same with over-wide boxes cut into clusters joined by penalties (kept in `split`, each with the
// index of the item it comes from in `split_source`).
struct Paragraph {
  std::span<const Item> work;
  std::vector<Item> split;
  std::vector<uint32_t> split_source;
  std::vector<Prefix> sum;  // sum[i]: over [0, i)
  std::vector<uint32_t> cluster_glyphs;  // load_split_items' working memory
  // No box or glue takes width or stretch away (a negative indent does): a line that starts later
  // and ends at the same break is then never longer, nor more stretchable.
  bool monotone = true;

  // The caller's item that work item i is or comes from.
  uint32_t source(uint32_t i) const { return split_source.empty() ? i : split_source[i]; }

  void prepare() {
    const size_t n = work.size();
    // Every entry is written below; resizing a reused buffer writes nothing.
    sum.resize(n + 1);
    sum[0] = {0, 0, 0, 0};
    monotone = true;
    for (size_t i = 0; i < n; ++i) {
      const Item& w = work[i];
      const Prefix& before = sum[i];
      const bool glue = w.kind == ItemKind::kGlue;
      if (w.kind != ItemKind::kPenalty && (w.width < 0 || w.stretch < 0)) monotone = false;
      sum[i + 1] = {before.width + (w.kind != ItemKind::kPenalty ? w.width : 0),
                    before.stretch + (glue ? w.stretch : 0), before.shrink + (glue ? w.shrink : 0),
                    before.fil + (w.fil ? 1 : 0)};
    }
  }

  bool legal(uint32_t b, bool allow_dictionary) const {
    const Item& w = work[b];
    if (w.kind == ItemKind::kPenalty) return w.penalty < kInfinitePenalty && (allow_dictionary || !w.dictionary);
    return w.kind == ItemKind::kGlue && b > 0 && work[b - 1].kind == ItemKind::kBox;
  }

  bool forced(uint32_t b) const { return work[b].kind == ItemKind::kPenalty && work[b].penalty <= kForcedPenalty; }

  // Where the line after a break at b starts: glue and optional penalties vanish at a break
  // (Knuth & Plass, "discardable items"); a forced penalty stays so blank lines survive.
  uint32_t line_start(uint32_t b) const {
    uint32_t s = b + 1;
    while (s < work.size() && work[s].kind != ItemKind::kBox && !forced(s)) ++s;
    return s;
  }
};

Fixed width_of_line(std::span<const Fixed> widths, uint32_t line) {
  return widths[std::min<size_t>(line, widths.size() - 1)];
}

struct Measure {
  int64_t natural = 0;
  int64_t stretch = 0;
  int64_t shrink = 0;
  bool has_fil = false;
};

// Inlined: the breaker asks for a measure per active node and breakpoint, a million times a novel
// (as a call, GCC keeps it out of line).
[[gnu::always_inline]] inline Measure measure(const Paragraph& p, uint32_t start, uint32_t b, bool allow_shrink) {
  Measure m;
  const Prefix& from = p.sum[start];
  const Prefix& to = p.sum[b];
  m.natural = to.width - from.width;
  if (p.work[b].kind == ItemKind::kPenalty) m.natural += p.work[b].width;
  m.stretch = to.stretch - from.stretch;
  m.shrink = allow_shrink ? to.shrink - from.shrink : 0;
  m.has_fil = to.fil > from.fil;
  return m;
}

struct Fit {
  bool overfull = false;
  // Of the line as it will be set, by its own glue; demerits and fitness classes come from it.
  int32_t badness = 0;
  // What the pass's tolerance admits: as `badness`, but stretched lines count the pass's emergency
  // stretch too.
  int32_t admission = 0;
  uint8_t fitness = kDecent;
};

// Knuth-Plass's demerits, the square of a badness that grows with the cube of a line's ratio, rank
// well the settings of a paragraph whose lines can keep within their stretch. Where they cannot (a
// narrow measure, a long word that will not fit), they spread the white the paragraph must take
// over as many lines as they can, since three lines a little past their stretch cost less than one
// further past it: on the long-form article at 35 characters without hyphenation, 1006 lines past
// their stretch where first-fit left 881. A reader sees not ratios but a few distinct flaws, so a
// justified line also pays a fixed demerit per step of looseness (BreakParams::loose_step_demerits),
// as TeX charges fixed demerits for its other discrete flaws (hyphens on consecutive lines, a hyphen
// before the last line, a jump of fitness class); the badness still ranks lines within a step.
//  - Past the glue's stretch: TeX's "very loose" class (badness 100).
//  - Past twice it: with the default interword stretch of half a space, spaces of double width,
//    holes that line up into rivers.
//  - Past kBrokenRatio times (spaces five times their width: a few words strewn across the measure),
//    one more per further multiple. TeX's badness stops growing at 4.6 times, so without these the
//    steps would buy fewer loose lines with broken ones (the long-form article got 62 lines past ten
//    times with the first two steps only, first-fit 20). Starting them lower brings the spreading back
//    (from five times on: 908 loose lines).
//  - At most kMaxLooseSteps (22 times), which a line without glue (a lone word short of the measure)
//    pays outright; a higher cap sets several lines at ten times their stretch to spare one lone word.
// Ragged lines pay none: their white is at the end of the line, not between its words.
constexpr int64_t kBrokenRatio = 8;
constexpr uint8_t kMaxLooseSteps = 16;

uint8_t loose_steps(const Measure& m, int64_t line_width) {
  const int64_t gap = line_width - m.natural;
  const int64_t stretch = m.stretch;
  if (m.has_fil || gap <= stretch) return 0;
  if (gap <= 2 * stretch) return 1;
  if (gap <= kBrokenRatio * stretch) return 2;
  // Most lines a pass tries are far too short: no division for them (nor for a line without glue).
  if (gap > (kBrokenRatio + kMaxLooseSteps - 2) * stretch) return kMaxLooseSteps;
  return static_cast<uint8_t>(2 + (gap - kBrokenRatio * stretch + stretch - 1) / stretch);
}

// The emergency stretch (TeX's \emergencystretch) only widens which lines a pass admits. TeX also
// ranks the admitted lines by the badness the extra stretch lowers; then a line stretched to twice
// what its glue offers costs less than one shrunk by half of what it can shrink, and the optimum
// trades tight lines for loose ones: on a 35-character measure that gave more loose lines (ratio
// > 1) than first-fit. Ranked by the lines' real badness, the third pass finds the evenest setting
// among the admitted ones, as the first two passes do.
// Inlined, like measure(): both run for every active node at every breakpoint.
[[gnu::always_inline]] inline Fit fit(const Measure& m, int64_t line_width, int64_t extra_stretch) {
  Fit f;
  if (m.natural < line_width) {
    if (!m.has_fil) {
      const int64_t gap = line_width - m.natural;
      f.badness = badness(gap, m.stretch);
      f.admission = extra_stretch > 0 ? badness(gap, m.stretch + extra_stretch) : f.badness;
      // TeX's cap makes every line past 4.6 times its stretch equally "infinitely bad", a word alone
      // with no glue at all included. Ranked by real badness, a pass that admits such lines
      // (emergency stretch, infinite tolerance) then sets one lone word, its gap a third of the
      // measure, as readily as a line a little too loose (measured: 14 lone-word lines in the
      // long-form article at 35 characters, where first-fit has none). Past the cap, lines rank on
      // by their gap against their stretch plus a tenth of the measure, which stays finite for a
      // lone word and grows with its gap.
      if (f.badness >= kInfBad) f.badness = kInfBad + badness(gap, m.stretch + line_width / 10);
    }
    f.fitness = f.badness > 99 ? kVeryLoose : f.badness > 12 ? kLoose : kDecent;
  } else if (m.natural > line_width) {
    const int64_t excess = m.natural - line_width;
    if (excess > m.shrink) {
      f.overfull = true;
      f.badness = kInfBad;
    } else {
      f.badness = badness(excess, m.shrink);
    }
    f.admission = f.badness;
    f.fitness = f.badness > 12 ? kTight : kDecent;
  }
  return f;
}

int64_t loose_demerits(const BreakParams& params, uint8_t steps) {
  return params.alignment == Alignment::kJustified ? steps * params.loose_step_demerits : 0;
}

// Knuth & Plass, equation (the demerits of one line), with TeX's hyphen and fitness additions and
// the loose steps (see loose_steps).
int64_t line_demerits(const BreakParams& params, const Fit& f, uint8_t loose_steps, const Item& brk, bool prev_flagged,
                      uint8_t prev_fitness) {
  // Not capped at inf_bad as TeX does (its 32-bit arithmetic needs that): see fit().
  const int64_t base = params.line_penalty + f.badness;
  int64_t d = base * base;
  if (brk.kind == ItemKind::kPenalty) {
    const int64_t pen = brk.penalty;
    if (pen > 0) d += pen * pen;
    else if (pen > kForcedPenalty) d -= pen * pen;
  }
  const bool flagged = brk.kind == ItemKind::kPenalty && brk.flagged;
  if (prev_flagged && flagged) d += params.double_hyphen_demerits;
  if (prev_flagged && brk.kind == ItemKind::kPenalty && brk.penalty <= kForcedPenalty) d += params.final_hyphen_demerits;
  if (std::abs(int(f.fitness) - int(prev_fitness)) > 1) d += params.adjacent_demerits;
  return d + loose_demerits(params, loose_steps);
}

double report_ratio(const Measure& m, int64_t line_width) {
  const int64_t gap = line_width - m.natural;
  if (gap == 0) return 0;
  const int64_t give = gap > 0 ? m.stretch : m.shrink;
  if (give == 0) return gap > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  return static_cast<double>(gap) / static_cast<double>(give);
}

void load_items(const ItemList& items, Paragraph& p) {
  p.work = items.items;
  p.split.clear();
  p.split_source.clear();
  p.prepare();
}

// Whether the character before `end` invites a break after it (URL-friendly: '/', '-', '.', '?', '&').
bool prefers_break_at(std::string_view text, uint32_t end) {
  if (end == 0) return false;
  const char last = text[end - 1];
  return last == '/' || last == '-' || last == '.' || last == '?' || last == '&';
}

// The emergency list: every box wider than the narrowest measure is cut between its clusters (the
// glyphs of one cluster value in the shaped paragraph).
bool load_split_items(const ItemList& items, const BreakParams& params, Paragraph& p) {
  const Fixed narrowest = *std::min_element(params.line_widths.begin(), params.line_widths.end());
  bool split_any = false;
  p.split.clear();
  p.split_source.clear();
  std::vector<uint32_t>& starts = p.cluster_glyphs;
  for (uint32_t i = 0; i < items.items.size(); ++i) {
    const Item& it = items.items[i];
    starts.clear();
    if (it.kind == ItemKind::kBox && it.width > narrowest && items.shaped) {
      const std::vector<uint32_t>& cluster = items.shaped->cluster;
      for (uint32_t g = it.glyph_begin; g < it.glyph_end; ++g)
        if (g == it.glyph_begin || cluster[g] != cluster[g - 1]) starts.push_back(g);
    }
    if (starts.size() < 2) {
      p.split.push_back(it);
      p.split_source.push_back(i);
      continue;
    }
    split_any = true;
    const shape::ShapedParagraph& para = *items.shaped;
    // A first-line indent or other width without glyphs stays with the first piece.
    Fixed extra = it.width;
    for (uint32_t g = it.glyph_begin; g < it.glyph_end; ++g) extra -= para.advance[g];
    for (size_t c = 0; c < starts.size(); ++c) {
      const uint32_t glyph_end = c + 1 < starts.size() ? starts[c + 1] : it.glyph_end;
      Fixed w = c == 0 ? extra : 0;
      for (uint32_t g = starts[c]; g < glyph_end; ++g) w += para.advance[g];
      const uint32_t end = c + 1 < starts.size() ? para.cluster[starts[c + 1]] : it.text_end;
      Item piece;
      piece.width = w;
      piece.text_begin = c == 0 ? it.text_begin : para.cluster[starts[c]];
      piece.text_end = end;
      p.split.push_back(piece);
      p.split_source.push_back(i);
      if (c + 1 < starts.size()) {
        Item join;
        join.kind = ItemKind::kPenalty;
        join.penalty = prefers_break_at(para.text, end) ? params.emergency_preferred_penalty : params.emergency_penalty;
        join.text_begin = join.text_end = end;
        p.split.push_back(join);
        p.split_source.push_back(i);
      }
    }
  }
  p.work = p.split;
  p.prepare();
  return split_any;
}

struct Node {
  uint32_t position;  // work index of the break; kNone for the paragraph start
  uint32_t start;     // work index where the next line begins
  uint32_t line;      // lines ended so far, this break's included
  uint8_t fitness;
  bool flagged;
  int64_t total;
  uint32_t prev;  // node index
};

struct PassConfig {
  int32_t tolerance;
  bool allow_dictionary;
  Fraction extra_stretch;
  bool final;
};

struct Candidate {
  uint32_t line_class;
  uint8_t fitness;
  int64_t total;
  uint32_t from;  // node index
};

// Active nodes a looseness search may keep before it gives up (see TotalFit::run).
constexpr size_t kMaxLoosenessActive = 4096;

// Node storage is the caller's, so one LineBreaker's buffers serve paragraph after paragraph.
class TotalFit {
 public:
  TotalFit(const Paragraph& p, const BreakParams& params, std::vector<Node>& nodes, std::vector<uint32_t>& active,
           std::vector<Candidate>& candidates)
      : m_p(p), m_params(params), m_nodes(nodes), m_active(active), m_candidates(candidates) {}

  // Returns the chosen final node, or kNone when no feasible breaks exist under this pass.
  uint32_t run(const PassConfig& cfg) {
    m_nodes.clear();
    m_active.clear();
    const bool allow_shrink = m_params.alignment == Alignment::kJustified;
    const uint32_t easy_line =
        m_params.looseness != 0 ? UINT32_MAX : static_cast<uint32_t>(m_params.line_widths.size() - 1);
    // The paragraph's start keeps its leading items (an indent box, leading glue).
    m_nodes.push_back({kNone, 0, 0, kDecent, false, 0, kNone});
    m_active.push_back(0);
    const auto n = static_cast<uint32_t>(m_p.work.size());
    std::vector<Candidate>& candidates = m_candidates;
    const bool loose_cut = cfg.tolerance < kBadnessAtTwiceStretch;
    // The active list is in the order of the nodes' line starts (nodes are appended break by break,
    // and a later break's line never starts earlier). On a monotone paragraph with one measure, the
    // lines from the nodes after one found too short are shorter still and have less stretch: they are
    // too short as well and stay active untouched, so the scan stops there. Most nodes a break meets
    // are of that kind, since a node stays active for a whole line's worth of breaks.
    const bool ordered_cut = loose_cut && m_p.monotone && m_params.line_widths.size() == 1;
    for (uint32_t b = 0; b < n && !m_active.empty(); ++b) {
      // Hardening: with looseness, nodes are kept per reachable line count, and a long word broken at
      // every character makes that count grow with the paragraph: work explodes (the Markdown fuzzer
      // found 2,000 characters taking minutes). Past this bound the pass gives up; break_lines then
      // breaks without looseness, which keeps the active set bounded by one line's width.
      if (m_params.looseness != 0 && m_active.size() > kMaxLoosenessActive) return kNone;
      if (!m_p.legal(b, cfg.allow_dictionary)) continue;
      candidates.clear();
      const Item& brk = m_p.work[b];
      const bool forced = m_p.forced(b);
      size_t keep = 0;
      for (size_t k = 0; k < m_active.size(); ++k) {
        const uint32_t a = m_active[k];
        const Node& node = m_nodes[a];
        bool deactivate = forced;
        if (node.start > b) {  // the break is among the items this node discards
          m_active[keep++] = a;
          continue;
        }
        const Fixed lw = width_of_line(m_params.line_widths, node.line);
        const Measure m = measure(m_p, node.start, b, allow_shrink);
        const int64_t extra = static_cast<int64_t>(lw) * cfg.extra_stretch.num / cfg.extra_stretch.den;
        // Most breaks a node is tried against leave its line far too short. Past twice its stretch
        // (the pass's emergency stretch included) a line is admitted at a badness of at least
        // kBadnessAtTwiceStretch (badness grows with the ratio), so a pass of lower tolerance rejects
        // it without the division; the node stays active, as fit() would have left it.
        if (loose_cut && !forced && !m.has_fil && lw - m.natural > 2 * (m.stretch + extra)) {
          if (ordered_cut) {
            keep = static_cast<size_t>(std::copy(m_active.begin() + static_cast<std::ptrdiff_t>(k), m_active.end(),
                                                 m_active.begin() + static_cast<std::ptrdiff_t>(keep)) -
                                       m_active.begin());
            break;
          }
          m_active[keep++] = a;
          continue;
        }
        Fit f = fit(m, lw, extra);
        bool feasible = !f.overfull && (f.admission <= cfg.tolerance || cfg.tolerance >= kInfBad);
        int64_t total = 0;
        if (f.overfull) {
          deactivate = true;
          // The final pass must end somewhere: when the last active node cannot reach past here
          // and nothing else could, take the overfull line (TeX's "artificial demerits").
          if (cfg.final && candidates.empty() && keep == 0 && k + 1 == m_active.size()) {
            feasible = true;
            total = node.total;
            f.fitness = kDecent;
          }
        } else if (feasible) {
          total = node.total + line_demerits(m_params, f, loose_steps(m, lw), brk, node.flagged, node.fitness);
        }
        if (feasible) {
          const uint32_t cls = std::min(node.line + 1, easy_line);
          auto it = std::find_if(candidates.begin(), candidates.end(),
                                 [&](const Candidate& c) { return c.line_class == cls && c.fitness == f.fitness; });
          if (it == candidates.end()) candidates.push_back({cls, f.fitness, total, a});
          else if (total < it->total) *it = {cls, f.fitness, total, a};
        }
        if (!deactivate) m_active[keep++] = a;
      }
      m_active.resize(keep);
      if (candidates.empty()) continue;
      const uint32_t start = m_p.line_start(b);
      for (const Candidate& c : candidates) {
        // A candidate worse than the best of its line class by more than the fitness penalty can
        // never win (classes differ only in line count, which looseness or line widths care about).
        int64_t best = c.total;
        for (const Candidate& o : candidates) {
          if (o.line_class == c.line_class) best = std::min(best, o.total);
        }
        if (c.total > best + m_params.adjacent_demerits) continue;
        m_nodes.push_back({b, start, m_nodes[c.from].line + 1, c.fitness,
                           brk.kind == ItemKind::kPenalty && brk.flagged, c.total, c.from});
        m_active.push_back(static_cast<uint32_t>(m_nodes.size() - 1));
      }
    }
    return choose(n);
  }

  const std::vector<Node>& nodes() const { return m_nodes; }
  int32_t actual_looseness() const { return m_actual_looseness; }

 private:
  uint32_t choose(uint32_t n) {
    uint32_t best = kNone;
    for (const uint32_t a : m_active) {
      if (m_nodes[a].position != n - 1) continue;
      if (best == kNone || m_nodes[a].total < m_nodes[best].total) best = a;
    }
    m_actual_looseness = 0;
    if (best == kNone || m_params.looseness == 0) return best;
    // TeX's \looseness: among the final breaks, the line count nearest optimum + looseness on the
    // requested side, fewest demerits among equals.
    const int64_t best_lines = m_nodes[best].line;
    uint32_t chosen = best;
    for (const uint32_t a : m_active) {
      if (m_nodes[a].position != n - 1) continue;
      const int32_t diff = static_cast<int32_t>(m_nodes[a].line - best_lines);
      const bool closer = (diff < m_actual_looseness && m_params.looseness <= diff) ||
                          (diff > m_actual_looseness && m_params.looseness >= diff);
      if (closer || (diff == m_actual_looseness && m_nodes[a].total < m_nodes[chosen].total)) {
        chosen = a;
        m_actual_looseness = diff;
      }
    }
    return chosen;
  }

  const Paragraph& m_p;
  const BreakParams& m_params;
  std::vector<Node>& m_nodes;
  std::vector<uint32_t>& m_active;
  std::vector<Candidate>& m_candidates;
  int32_t m_actual_looseness = 0;
};

Fraction extra_stretch_of_pass(const BreakParams& params, int pass) {
  return pass >= 3 ? params.emergency_stretch : Fraction{0, 1};
}

PassConfig first_pass(const BreakParams& params) { return {params.pretolerance, false, {0, 1}, false}; }
PassConfig final_pass(const BreakParams& params) { return {kInfBad, true, params.emergency_stretch, true}; }

// Converts break positions (work indices, in order) into lines; demerits and badness are those the
// given pass optimizes (passes 3 and 4 count the emergency stretch).
void make_result(const Paragraph& p, const BreakParams& params, const std::vector<uint32_t>& breaks, uint32_t text_size,
                 int pass, LineBreakResult& r) {
  r.lines.clear();
  r.demerits = 0;
  r.loose_demerits = 0;
  r.max_badness = 0;
  r.pass = pass;
  const bool allow_shrink = params.alignment == Alignment::kJustified;
  uint32_t start = 0;
  uint32_t text_begin = 0;
  bool prev_flagged = false;
  uint8_t prev_fitness = kDecent;
  for (size_t i = 0; i < breaks.size(); ++i) {
    const uint32_t b = breaks[i];
    const Item& brk = p.work[b];
    const Fixed lw = width_of_line(params.line_widths, static_cast<uint32_t>(i));
    const Measure m = measure(p, start, b, allow_shrink);
    const Fraction es = extra_stretch_of_pass(params, pass);
    const Fit f = fit(m, lw, static_cast<int64_t>(lw) * es.num / es.den);
    r.max_badness = std::max(r.max_badness, f.admission);
    const uint8_t steps = loose_steps(m, lw);
    r.demerits += line_demerits(params, f, steps, brk, prev_flagged, prev_fitness);
    r.loose_demerits += loose_demerits(params, steps);
    LineBreak line;
    line.item_begin = p.source(start < p.work.size() ? start : b);
    line.item_end = p.source(b) + 1;
    line.text_begin = text_begin;
    line.text_end = i + 1 == breaks.size() ? text_size : brk.text_end;
    line.hyphenated = brk.kind == ItemKind::kPenalty && brk.flagged && brk.width > 0;
    Measure finite = m;
    finite.has_fil = false;
    line.ratio = report_ratio(finite, lw);
    line.natural_width = static_cast<Fixed>(m.natural);
    line.line_width = lw;
    r.lines.push_back(line);
    prev_flagged = brk.kind == ItemKind::kPenalty && brk.flagged;
    prev_fitness = f.fitness;
    text_begin = line.text_end;
    start = p.line_start(b);
  }
}

// The break positions of the path that ends at node `end`, in order.
void collect_breaks(const std::vector<Node>& nodes, uint32_t end, std::vector<uint32_t>& breaks) {
  breaks.clear();
  for (uint32_t a = end; nodes[a].position != kNone; a = nodes[a].prev) breaks.push_back(nodes[a].position);
  std::reverse(breaks.begin(), breaks.end());
}

}  // namespace

struct LineBreaker::State {
  Paragraph p;
  std::vector<Node> nodes;
  std::vector<uint32_t> active;
  std::vector<Candidate> candidates;
  std::vector<uint32_t> breaks;
};

LineBreaker::LineBreaker() : m_state(std::make_unique<State>()) {}
LineBreaker::~LineBreaker() = default;

const LineBreakResult& LineBreaker::break_lines(const ItemList& items, const BreakParams& params) {
  assert(!params.line_widths.empty());
  assert(!items.items.empty() && items.items.back().penalty <= kForcedPenalty);
  Paragraph& p = m_state->p;
  load_items(items, p);
  TotalFit search(p, params, m_state->nodes, m_state->active, m_state->candidates);
  const PassConfig passes[] = {
      first_pass(params),
      {params.tolerance, true, {0, 1}, false},
      {params.tolerance, true, params.emergency_stretch, false},
  };
  uint32_t found = kNone;
  int pass = 0;
  std::vector<uint32_t>& breaks = m_state->breaks;
  auto collect = [&](uint32_t end) { collect_breaks(search.nodes(), end, breaks); };
  int32_t best_miss = INT32_MAX;
  for (int i = 0; i < 3; ++i) {
    if (i == 0 && params.pretolerance < 0) continue;
    if (i == 2 && params.emergency_stretch.num == 0) continue;
    const uint32_t end = search.run(passes[i]);
    if (end == kNone) continue;
    // A later pass is tried only for looseness; it replaces an earlier result only if it comes closer.
    const int32_t miss = std::abs(search.actual_looseness() - params.looseness);
    if (miss < best_miss) {
      best_miss = miss;
      found = end;
      pass = i + 1;
      collect(end);
    }
    if (miss == 0) break;
  }
  if (found == kNone && params.looseness != 0) {
    BreakParams plain = params;
    plain.looseness = 0;
    return break_lines(items, plain);
  }
  if (found == kNone) {
    load_split_items(items, params, p);
    found = search.run(final_pass(params));
    pass = 4;
    assert(found != kNone);
    collect(found);
  }
  make_result(p, params, breaks, items.text_size, pass, m_result);
  return m_result;
}

const LineBreakResult* LineBreaker::break_lines_first_pass(const ItemList& items, const BreakParams& params) {
  assert(!params.line_widths.empty());
  assert(!items.items.empty() && items.items.back().penalty <= kForcedPenalty);
  if (params.pretolerance < 0 || params.looseness != 0) return nullptr;
  Paragraph& p = m_state->p;
  load_items(items, p);
  TotalFit search(p, params, m_state->nodes, m_state->active, m_state->candidates);
  const uint32_t end = search.run(first_pass(params));
  if (end == kNone) return nullptr;
  collect_breaks(search.nodes(), end, m_state->breaks);
  make_result(p, params, m_state->breaks, items.text_size, 1, m_result);
  return &m_result;
}

LineBreakResult rescore(const ItemList& items, const LineBreakResult& result, const BreakParams& params, int pass) {
  Paragraph p;
  load_items(items, p);
  std::vector<uint32_t> breaks;
  for (const LineBreak& line : result.lines) breaks.push_back(line.item_end - 1);
  LineBreakResult r;
  make_result(p, params, breaks, items.text_size, pass, r);
  return r;
}

const LineBreakResult& LineBreaker::break_lines_greedy(const ItemList& items, const BreakParams& params) {
  assert(!params.line_widths.empty());
  Paragraph& p = m_state->p;
  if (!load_split_items(items, params, p)) load_items(items, p);
  const bool allow_shrink = params.alignment == Alignment::kJustified;
  std::vector<uint32_t>& breaks = m_state->breaks;
  breaks.clear();
  const auto n = static_cast<uint32_t>(p.work.size());
  uint32_t start = 0;
  uint32_t fallback = kNone;   // last legal break that fits
  uint32_t emergency = kNone;  // last split point inside a box that fits (used only if nothing else)
  for (uint32_t b = 0; b < n; ++b) {
    if (!p.legal(b, true) || b < start) continue;
    const Fixed lw = width_of_line(params.line_widths, static_cast<uint32_t>(breaks.size()));
    const Measure m = measure(p, start, b, allow_shrink);
    const bool fits = m.natural - m.shrink <= lw;
    const bool is_emergency = p.work[b].kind == ItemKind::kPenalty && b > 0 && b + 1 < n &&
                              p.work[b - 1].kind == ItemKind::kBox && p.work[b + 1].kind == ItemKind::kBox &&
                              p.source(b - 1) == p.source(b + 1);
    if (fits && !p.forced(b)) {
      (is_emergency ? emergency : fallback) = b;
      continue;
    }
    uint32_t at = b;
    if (!fits) {
      if (fallback != kNone) at = fallback;
      else if (emergency != kNone) at = emergency;
    }
    breaks.push_back(at);
    start = p.line_start(at);
    fallback = emergency = kNone;
    if (at != b) b = at;  // resume right after the chosen break
  }
  make_result(p, params, breaks, items.text_size, 0, m_result);
  return m_result;
}

LineBreakResult break_lines(const ItemList& items, const BreakParams& params) {
  LineBreaker breaker;
  breaker.break_lines(items, params);
  return std::move(breaker.m_result);
}

LineBreakResult break_lines_greedy(const ItemList& items, const BreakParams& params) {
  LineBreaker breaker;
  breaker.break_lines_greedy(items, params);
  return std::move(breaker.m_result);
}

BreakQuality measure_quality(const LineBreakResult& result, const ItemList& items) {
  BreakQuality q;
  q.lines = static_cast<uint32_t>(result.lines.size());
  double sum = 0;
  uint32_t finite = 0;
  for (const LineBreak& line : result.lines) {
    const Item& brk = items.items[line.item_end - 1];
    if (brk.kind == ItemKind::kPenalty && brk.penalty <= kForcedPenalty) continue;
    ++q.measured_lines;
    if (std::isfinite(line.ratio)) {
      sum += std::abs(line.ratio);
      ++finite;
    } else if (line.ratio > 0) {
      ++q.rigid_lines;
    }
    q.loose_lines += line.ratio > 1;
    q.very_loose_lines += line.ratio > 2;
  }
  q.mean_abs_ratio = finite ? sum / finite : 0;
  return q;
}

}  // namespace inkset::breaking
