#pragma once
// Turns an assembled page into its display list: glyph runs in visual order with the page positions
// the line builder gave them, images, rules, link underlines and strikethrough.
#include "display/display_list.h"
#include "layout/document_layout.h"

namespace inkset::display {

// Fills `out` (cleared first, capacity kept) with the page's drawing commands.
void build_display_list(const layout::AssembledPage& page, int width, int height, DisplayList& out);

}  // namespace inkset::display
