#pragma once
// What one page draws, in device pixels (26.6), independent of Markdown and of any screen.
// Everything below this structure (raster, platform) only ever sees display lists and pixels.
#include <cstdint>
#include <string>
#include <vector>

#include "font/font_collection.h"
#include "support/fixed.h"

namespace inkset::display {

// Gray level, 0 = black, 255 = white (e-ink is gray; kiosks get the same value on R, G and B).
using Gray = uint8_t;

struct GlyphRun {
  font::FaceId face = font::kNoFace;
  Fixed size = 0;                 // 26.6 pixels
  bool synthetic_bold = false;
  bool synthetic_italic = false;
  Gray color = 0;
  uint32_t first = 0;             // range into DisplayList::glyphs
  uint32_t count = 0;
};

struct PositionedGlyph {
  uint32_t id = 0;
  Fixed x = 0;  // pen position of the glyph origin on the page (baseline), offsets applied
  Fixed y = 0;
};

struct Image {
  uint32_t image = 0;  // index into the document's image table (decoded once per document)
  int32_t x = 0, y = 0, width = 0, height = 0;  // destination rectangle in whole pixels
};

// A filled rectangle: rules, underlines, strikethrough, table borders, placeholder boxes.
struct Rect {
  Fixed x = 0, y = 0, width = 0, height = 0;
  Gray color = 0;
};

enum class CommandKind : uint8_t { kGlyphs, kImage, kRect };

struct Command {
  CommandKind kind;
  uint32_t index;  // into glyph_runs, images or rects
};

// A region of the page where text may put ink, in whole pixels.
struct TextArea {
  int32_t x = 0, y = 0, width = 0, height = 0;
};

struct DisplayList {
  int32_t width = 0;   // page size in pixels
  int32_t height = 0;
  // Glyph ink is clipped to the area that holds its run's first pen position, so an italic serif or
  // an anti-aliased fringe never spills into the margins. Empty: no clipping.
  std::vector<TextArea> text_areas;
  Gray background = 255;
  std::vector<Command> commands;  // drawn in order
  std::vector<GlyphRun> glyph_runs;
  std::vector<PositionedGlyph> glyphs;
  std::vector<Image> images;
  std::vector<Rect> rects;

  void add_rect(const Rect& r) {
    commands.push_back({CommandKind::kRect, static_cast<uint32_t>(rects.size())});
    rects.push_back(r);
  }
  void add_image(const Image& img) {
    commands.push_back({CommandKind::kImage, static_cast<uint32_t>(images.size())});
    images.push_back(img);
  }
  // Starts a glyph run; push glyphs after it and they belong to it.
  GlyphRun& begin_glyph_run(const GlyphRun& run) {
    commands.push_back({CommandKind::kGlyphs, static_cast<uint32_t>(glyph_runs.size())});
    glyph_runs.push_back(run);
    glyph_runs.back().first = static_cast<uint32_t>(glyphs.size());
    glyph_runs.back().count = 0;
    return glyph_runs.back();
  }
  void add_glyph(const PositionedGlyph& g) {
    glyphs.push_back(g);
    ++glyph_runs.back().count;
  }
};

}  // namespace inkset::display
