#pragma once
// The Knuth–Plass item list of a paragraph (Knuth & Plass 1981, "Breaking Paragraphs into Lines"):
// boxes, glue and penalties built from a ShapedParagraph and its break opportunities. Every item
// carries its text range (bytes) and glyph range so lines map back to the source.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "breaking/hyphenator.h"
#include "breaking/line_break_opportunities.h"
#include "shape/shaped_paragraph.h"
#include "support/fixed.h"

namespace inkset::breaking {

inline constexpr int32_t kInfinitePenalty = 10000;   // never break here
inline constexpr int32_t kForcedPenalty = -10000;    // always break here

enum class ItemKind : uint8_t { kBox, kGlue, kPenalty };

struct Item {
  ItemKind kind = ItemKind::kBox;
  bool flagged = false;      // penalty: a hyphen-like break (double-hyphen demerits apply)
  bool dictionary = false;   // penalty: a hyphenation-dictionary point (unused by the first pass)
  bool fil = false;          // glue: infinitely stretchable (ends a paragraph or a forced line)
  Fixed width = 0;           // box/glue: natural width; penalty: width added if the line ends here
  Fixed stretch = 0;         // glue
  Fixed shrink = 0;          // glue
  int32_t penalty = 0;       // penalty: kForcedPenalty..kInfinitePenalty
  uint32_t text_begin = 0, text_end = 0;    // bytes into the paragraph text
  uint32_t glyph_begin = 0, glyph_end = 0;  // into the ShapedParagraph glyph arrays
  uint32_t run = 0;          // penalty: the shaped run whose hyphen glyph is drawn at this break
};

struct ItemList {
  std::vector<Item> items;
  uint32_t text_size = 0;
  // Whether a hyphenation dictionary was asked for its points (build_items with a hyphenator, or
  // add_dictionary_points); a list without them serves only a pass that does not use them.
  bool dictionary = false;
  // The paragraph the items were built from, which must outlive the list: boxes are cut at its
  // cluster boundaries when nothing else fits (emergency breaks).
  const shape::ShapedParagraph* shaped = nullptr;

  // build_items' working memory, kept with the list so that a list reused for paragraph after
  // paragraph allocates only while the buffers grow. Its contents mean nothing between calls.
  struct Scratch {
    struct Point {
      uint32_t offset;
      uint8_t kind;
    };
    std::vector<uint32_t> glyph_at;
    std::vector<uint8_t> cluster_start;
    std::vector<Point> breaks, hyphens, points;
    std::vector<uint32_t> word_points;
  } scratch;

  void clear() {
    items.clear();
    text_size = 0;
    dictionary = false;
    shaped = nullptr;
  }
};

struct Fraction {
  int32_t num = 0;
  int32_t den = 1;
};

struct ItemParams {
  Fixed first_line_indent = 0;
  Fraction glue_stretch{1, 2};  // of a space's width (TeX-like interword glue)
  Fraction glue_shrink{1, 3};
  int32_t hyphen_penalty = 50;           // TeX \hyphenpenalty
  int32_t explicit_hyphen_penalty = 50;  // TeX \exhyphenpenalty
  HyphenationLimits hyphenation;
};

// Replaces `out` with the items of `para`. `breaks` come from LineBreakFinder over para.text.
// `hyphenator` may be null (no dictionary hyphenation; soft hyphens still count). The hyphen
// glyph's advance per shaped run is `hyphen_advance_by_run` (size == para.runs.size(); if it is
// empty, no hyphenation point is used at all, soft hyphens included). Break opportunities that do
// not fall on a cluster boundary are skipped (they would split a ligature or a cluster); so are
// hyphenation points before a glyph flagged unsafe-to-break.
// Complexity: linear in text and glyphs, plus the hyphenator's per-word cost.
// The dictionary is the costliest part, and the first Knuth–Plass pass does not use its points:
// items built without it can be completed by add_dictionary_points when a later pass needs them.
void build_items(const shape::ShapedParagraph& para, std::span<const BreakOpportunity> breaks,
                 const Hyphenator* hyphenator, std::span<const Fixed> hyphen_advance_by_run,
                 const ItemParams& params, ItemList& out);

// Completes `items`, which build_items made from `para` without a hyphenator and is the last list it
// built (its scratch still describes `para`), with the dictionary's points: afterwards the list is
// what build_items gives with `hyphenator` and the same other arguments, item for item.
void add_dictionary_points(const shape::ShapedParagraph& para, const Hyphenator& hyphenator,
                           std::span<const Fixed> hyphen_advance_by_run, const ItemParams& params, ItemList& items);

}  // namespace inkset::breaking
