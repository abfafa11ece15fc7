#pragma once
// The result of itemizing and shaping one paragraph: immutable data shared by the line breaker,
// the line builder and the display list. Glyph data is a structure of arrays.
#include <hb.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "font/font_collection.h"
#include "support/fixed.h"

namespace inkset::shape {

// A run of text with one face, size, bidi level, script and style: shaped by one HarfBuzz call
// (or assembled from cached pieces of such calls).
struct ShapedRun {
  uint32_t text_begin = 0;   // bytes into the paragraph text
  uint32_t text_end = 0;
  uint32_t glyph_begin = 0;  // into ShapedParagraph's glyph arrays
  uint32_t glyph_end = 0;
  font::FaceId face = font::kNoFace;
  Fixed size = 0;            // font size in 26.6 pixels
  uint8_t bidi_level = 0;    // odd = right to left
  hb_script_t script = HB_SCRIPT_COMMON;
  uint16_t style = 0;        // index of the caller's style for this range
  bool synthetic_bold = false;
  bool synthetic_italic = false;
};

enum GlyphFlag : uint8_t {
  kUnsafeToBreak = 1 << 0,  // HarfBuzz: breaking before this glyph needs re-shaping both sides
  kMissing = 1 << 1,        // .notdef: no font covered the character
};

struct ShapedParagraph {
  std::string_view text;  // the paragraph's text; valid as long as the caller's string

  // Runs in logical order. Within a run, glyphs are in logical order too (an RTL run's glyphs are
  // stored reversed from HarfBuzz's visual output), so cluster values never decrease along the arrays.
  std::vector<ShapedRun> runs;

  std::vector<uint32_t> glyph_id;
  std::vector<Fixed> advance;    // x advance, 26.6
  std::vector<Fixed> x_offset;
  std::vector<Fixed> y_offset;
  std::vector<uint32_t> cluster;  // byte offset into text of the glyph's cluster start
  std::vector<uint8_t> flags;     // GlyphFlag

  uint32_t missing_glyphs = 0;    // characters no font covered, drawn as .notdef
  uint8_t base_level = 0;         // paragraph embedding level (UAX #9): 0 left to right, 1 right to left

  size_t glyph_count() const { return glyph_id.size(); }
};

}  // namespace inkset::shape
