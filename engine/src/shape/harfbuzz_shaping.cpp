#include "shape/harfbuzz_shaping.h"

#include "shape/shaped_paragraph.h"

namespace inkset::shape {

void shape_with_harfbuzz(hb_buffer_t* buffer, const HarfBuzzRun& run, std::string_view context, uint32_t begin,
                         uint32_t end, uint32_t cluster_base, ShapedSegment& out) {
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf8(buffer, context.data(), static_cast<int>(context.size()), begin, static_cast<int>(end - begin));
  hb_buffer_set_direction(buffer, run.direction);
  hb_buffer_set_script(buffer, run.script);
  hb_buffer_set_language(buffer, run.language);
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(run.font, buffer, run.features.data(), static_cast<unsigned>(run.features.size()));
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, nullptr);
  const bool reverse = HB_DIRECTION_IS_BACKWARD(run.direction);
  for (unsigned k = 0; k < count; ++k) {
    // HarfBuzz returns right-to-left text in visual order; the contract is logical order.
    const unsigned i = reverse ? count - 1 - k : k;
    out.glyph_id.push_back(infos[i].codepoint);
    out.advance.push_back(pos[i].x_advance);
    out.x_offset.push_back(pos[i].x_offset);
    out.y_offset.push_back(pos[i].y_offset);
    out.cluster.push_back(infos[i].cluster - cluster_base);
    const auto flags = hb_glyph_info_get_glyph_flags(&infos[i]);
    out.flags.push_back((flags & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) ? kUnsafeToBreak : 0);
  }
}

}  // namespace inkset::shape
