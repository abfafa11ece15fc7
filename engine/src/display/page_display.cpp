#include "display/page_display.h"

#include <algorithm>

namespace inkset::display {
namespace {

constexpr uint8_t kUnderline = 1;
constexpr uint8_t kStrike = 2;
constexpr Gray kPlaceholderGray = 160;

void add_line(const layout::PageItem& item, DisplayList& out) {
  const layout::Paragraph& para = *item.paragraph;
  const auto& line = para.lines[item.line];
  const Fixed line_end = item.x + line.ink_left + line.ink_width;
  for (size_t r = 0; r < line.runs.size(); ++r) {
    const auto& placed = line.runs[r];
    if (placed.glyph_count == 0) continue;
    const auto& run = para.shaped.runs[placed.shaped_run];
    GlyphRun g;
    g.face = run.face;
    g.size = run.size;
    g.synthetic_bold = run.synthetic_bold;
    g.synthetic_italic = run.synthetic_italic;
    g.color = para.run_color.empty() ? 0 : para.run_color[placed.shaped_run];
    out.begin_glyph_run(g);
    for (uint32_t i = placed.glyph_first; i < placed.glyph_first + placed.glyph_count; ++i)
      out.add_glyph({line.glyph_id[i], item.x + line.x[i], item.baseline + line.y[i]});
    const uint8_t decoration = para.run_decoration.empty() ? 0 : para.run_decoration[placed.shaped_run];
    if (decoration == 0) continue;
    // A run's extent runs from its first pen position to the next run's (or the line's end).
    const Fixed x0 = item.x + line.x[placed.glyph_first];
    Fixed x1 = line_end;
    for (size_t n = r + 1; n < line.runs.size(); ++n)
      if (line.runs[n].glyph_count) {
        x1 = item.x + line.x[line.runs[n].glyph_first];
        break;
      }
    const Fixed thickness = std::max<Fixed>(run.size / 16, kFixedOne);
    if (decoration & kUnderline)
      out.add_rect({x0, item.baseline + run.size / 8, std::max<Fixed>(x1 - x0, 0), thickness, g.color});
    if (decoration & kStrike)
      out.add_rect({x0, item.baseline - run.size * 3 / 10, std::max<Fixed>(x1 - x0, 0), thickness, g.color});
  }
}

void add_placeholder(const layout::PageItem& item, DisplayList& out) {
  const Fixed t = 2 * kFixedOne;
  out.add_rect({item.x, item.y, item.width, t, kPlaceholderGray});
  out.add_rect({item.x, item.y + item.height - t, item.width, t, kPlaceholderGray});
  out.add_rect({item.x, item.y, t, item.height, kPlaceholderGray});
  out.add_rect({item.x + item.width - t, item.y, t, item.height, kPlaceholderGray});
}

}  // namespace

void build_display_list(const layout::AssembledPage& page, int width, int height,
                        std::span<const TextArea> text_areas, DisplayList& out) {
  out.width = width;
  out.height = height;
  out.text_areas.assign(text_areas.begin(), text_areas.end());
  out.commands.clear();
  out.glyph_runs.clear();
  out.glyphs.clear();
  out.images.clear();
  out.rects.clear();
  for (const auto& item : page.items) {
    switch (item.kind) {
      case layout::ItemKind::kLine: add_line(item, out); break;
      case layout::ItemKind::kImage:
        if (item.image == UINT32_MAX) add_placeholder(item, out);
        else out.add_image({item.image, fixed_round(item.x), fixed_round(item.y), fixed_round(item.width), fixed_round(item.height)});
        break;
      case layout::ItemKind::kRule: out.add_rect({item.x, item.y, item.width, item.height, item.gray}); break;
    }
  }
}

}  // namespace inkset::display
