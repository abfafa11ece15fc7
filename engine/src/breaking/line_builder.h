#pragma once
// Positioned lines: the glyphs of one broken line in visual order, justified and aligned, with a
// hyphen at a hyphenated break and runs reordered for bidi (UAX #9, rule L2).
#include <cstdint>
#include <span>
#include <vector>

#include "breaking/items.h"
#include "breaking/line_breaker.h"
#include "shape/shaped_paragraph.h"
#include "support/fixed.h"

namespace inkset::breaking {

struct HyphenGlyph {
  uint32_t glyph_id = 0;
  Fixed advance = 0;
};

struct PlacedRun {
  uint32_t shaped_run = 0;
  uint32_t glyph_first = 0, glyph_count = 0;  // into the PlacedLine arrays
};

struct PlacedLine {
  std::vector<PlacedRun> runs;  // visual order, left to right
  std::vector<uint32_t> glyph_id;
  // Pen positions relative to the line's left edge and baseline, offsets included; y grows
  // downwards (HarfBuzz's upward y_offset is negated).
  std::vector<Fixed> x, y;
  // Extent of the placed advances (not the glyph outlines: the builder has no font access).
  Fixed ink_left = 0, ink_width = 0;
  uint32_t text_begin = 0, text_end = 0;
  bool hyphenated = false;
  double ratio = 0;

  void clear() {
    runs.clear();
    glyph_id.clear();
    x.clear();
    y.clear();
    ink_left = ink_width = 0;
  }
};

struct LineLayoutParams {
  Alignment alignment = Alignment::kJustified;
  uint8_t paragraph_level = 0;  // UAX #9 paragraph embedding level: odd = RTL (indent on the right)
};

// Reuses its scratch buffers and the output's vectors across lines, so building a paragraph's lines
// allocates only while buffers grow. Not thread-safe; one builder per thread.
class LineBuilder {
 public:
  // `hyphen_by_run` has one entry per shaped run (the glyph to draw at a hyphenated break); it may
  // be empty when the line is not hyphenated. Justified lines that end at a fil glue (the last line,
  // a forced break) or have no stretchable glue are set at natural width on the paragraph's start side.
  void build(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
             const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run, PlacedLine& out);

 private:
  struct Piece {
    uint32_t run;
    uint32_t glyph_begin, glyph_end;
    bool hyphen;
  };
  std::vector<Piece> m_pieces;     // logical order
  std::vector<Fixed> m_extra;      // justification added after each glyph of the line
  std::vector<uint8_t> m_levels;
  std::vector<int32_t> m_visual;
};

}  // namespace inkset::breaking
