#pragma once
// Turns an assembled page into its display list: glyph runs in visual order with the page positions
// the line builder gave them, images, rules, link underlines and strikethrough.
#include <span>

#include "display/display_list.h"
#include "layout/document_layout.h"

namespace inkset::display {

// Fills `out` (cleared first, capacity kept) with the page's drawing commands.
// text_areas: where glyphs may put ink (the content box, the running head, the folio).
void build_display_list(const layout::AssembledPage& page, int width, int height,
                        std::span<const TextArea> text_areas, DisplayList& out);

}  // namespace inkset::display
