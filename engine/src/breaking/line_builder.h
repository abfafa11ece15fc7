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

// One line of a PlacedLines: PlacedLine's fields, its arrays as views into the paragraph's block.
struct PlacedLineView {
  std::span<const PlacedRun> runs;  // glyph_first counts from the line's first glyph, as in PlacedLine
  std::span<const uint32_t> glyph_id;
  std::span<const Fixed> x, y;
  Fixed ink_left = 0, ink_width = 0;
  uint32_t text_begin = 0, text_end = 0;
  bool hyphenated = false;
  double ratio = 0;
};

// All lines of one paragraph in one structure-of-arrays block: every line's runs and glyphs back to
// back and a record per line, so a paragraph costs a few allocations however many lines it has (a
// vector of PlacedLine costs four per line). Indexing gives a PlacedLineView, which reads as a
// PlacedLine does (`lines[i].x[k]`, `lines[i].runs.size()`). Views stay valid until the next
// append, reserve or clear.
class PlacedLines {
 public:
  size_t size() const { return m_lines.size(); }
  bool empty() const { return m_lines.empty(); }
  PlacedLineView operator[](size_t i) const;

  // Range-for over the lines, each as a PlacedLineView.
  class Iterator {
   public:
    Iterator(const PlacedLines& lines, size_t i) : m_lines(&lines), m_i(i) {}
    PlacedLineView operator*() const { return (*m_lines)[m_i]; }
    Iterator& operator++() {
      ++m_i;
      return *this;
    }
    bool operator==(const Iterator& o) const { return m_i == o.m_i; }

   private:
    const PlacedLines* m_lines;
    size_t m_i;
  };
  Iterator begin() const { return {*this, 0}; }
  Iterator end() const { return {*this, size()}; }

  // Makes room so that appending `lines` lines with `runs` runs and `glyphs` glyphs in all does not
  // reallocate (and leaves no slack when the counts are exact). For a paragraph: its lines; runs
  // + 2 x lines (a line end splits at most one run, a hyphen alone adds one); glyphs + lines.
  void reserve(size_t lines, size_t runs, size_t glyphs);
  void clear();

 private:
  friend class LineBuilder;
  struct Line {
    uint32_t run_first = 0, run_count = 0;
    uint32_t glyph_first = 0, glyph_count = 0;
    Fixed ink_left = 0, ink_width = 0;
    uint32_t text_begin = 0, text_end = 0;
    bool hyphenated = false;
    double ratio = 0;
  };
  std::vector<Line> m_lines;
  std::vector<PlacedRun> m_runs;
  std::vector<uint32_t> m_glyph_id;
  std::vector<Fixed> m_x, m_y;
};

struct LineLayoutParams {
  Alignment alignment = Alignment::kJustified;
  uint8_t paragraph_level = 0;  // UAX #9 paragraph embedding level: odd = RTL (indent on the right)
  // Hanging punctuation (optical margin alignment): a hyphen, stop, comma or closing quote at the end
  // of a justified line, and an opening quote at the start of a line, stand partly in the margin, so
  // the margins look straight to the eye instead of dented by their light shapes. Left-to-right
  // paragraphs only.
  bool protrude_margins = false;
};

// The share (in thousandths of its advance) of a character that hangs into the left or the right
// margin; 0 for characters that do not hang. The amounts are the usual ones of optical margin
// alignment in Latin typesetting: most for the lightest marks.
int32_t left_protrusion(char32_t c);
int32_t right_protrusion(char32_t c);

// Reuses its scratch buffers and the output's vectors across lines, so building a paragraph's lines
// allocates only while buffers grow. Not thread-safe; one builder per thread.
class LineBuilder {
 public:
  // `hyphen_by_run` has one entry per shaped run (the glyph to draw at a hyphenated break); it may
  // be empty when the line is not hyphenated. Justified lines that end at a fil glue (the last line,
  // a forced break) or have no stretchable glue are set at natural width on the paragraph's start side.
  void build(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
             const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run, PlacedLine& out);

  // As above, appending the line to `out` (the same glyphs, positions and fields).
  void build(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
             const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run, PlacedLines& out);

 private:
  struct Extent {
    Fixed ink_left = 0, ink_width = 0;
  };
  // Appends the line's runs and glyphs to the arrays; runs' glyph_first counts from the size
  // `glyph_id` had on entry.
  Extent place(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
               const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run,
               std::vector<PlacedRun>& runs, std::vector<uint32_t>& glyph_id, std::vector<Fixed>& x,
               std::vector<Fixed>& y);

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
