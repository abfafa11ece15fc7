#pragma once
// The one HarfBuzz call every shaped segment goes through, on whichever thread: a word shaped ahead
// of the layout (ShapePrefetcher) must come out exactly as the Shaper would have shaped it.
#include <hb.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "shape/shape_cache.h"

namespace inkset::shape {

struct HarfBuzzRun {
  hb_font_t* font = nullptr;
  hb_direction_t direction = HB_DIRECTION_LTR;
  hb_script_t script = HB_SCRIPT_COMMON;
  hb_language_t language = HB_LANGUAGE_INVALID;
  std::span<const hb_feature_t> features;
};

// Appends the shaping of context[begin, end) to `out` in logical order (a right-to-left run's glyphs
// reversed from HarfBuzz's visual order), clusters less `cluster_base`; the rest of `context` is
// HarfBuzz's pre- and post-context. `buffer` is the caller's scratch.
void shape_with_harfbuzz(hb_buffer_t* buffer, const HarfBuzzRun& run, std::string_view context, uint32_t begin,
                         uint32_t end, uint32_t cluster_base, ShapedSegment& out);

}  // namespace inkset::shape
