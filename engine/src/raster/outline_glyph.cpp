#include "raster/outline_glyph.h"

#include FT_OUTLINE_H

#include <cstring>

namespace inkset::raster {
namespace {

// Synthetic oblique: x' = x + 0.2 y, about 11 degrees, the slant most italics use.
constexpr FT_Fixed kObliqueShear = 0x3333;

}  // namespace

FT_Int32 load_flags(Hinting hinting, bool color_face) {
  FT_Int32 flags = color_face ? FT_LOAD_COLOR : FT_LOAD_NO_BITMAP;
  switch (hinting) {
    case Hinting::kNone: return flags | FT_LOAD_NO_HINTING;
    case Hinting::kLight: return flags | FT_LOAD_TARGET_LIGHT;
    case Hinting::kFull: return flags | FT_LOAD_TARGET_NORMAL;
  }
  return flags;
}

void synthesize(FT_Face face, const GlyphKey& key, FT_Outline* outline) {
  if (key.synthetic_bold) {
    // A 24th of the em, FreeType's own choice for FT_GlyphSlot_Embolden.
    const FT_Pos strength = FT_MulFix(face->units_per_EM, face->size->metrics.y_scale) / 24;
    FT_Outline_EmboldenXY(outline, strength, strength);
  }
  if (key.synthetic_italic) {
    FT_Matrix shear{0x10000, kObliqueShear, 0, 0x10000};
    FT_Outline_Transform(outline, &shear);
  }
}

FT_Glyph load_outline(FT_Face face, const GlyphKey& key, FT_Error& error) {
  if ((error = FT_Load_Glyph(face, key.glyph, load_flags(key.hinting, false)))) return nullptr;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format == FT_GLYPH_FORMAT_OUTLINE) synthesize(face, key, &slot->outline);
  FT_Glyph glyph = nullptr;
  if ((error = FT_Get_Glyph(slot, &glyph))) return nullptr;
  return glyph;
}

int render_outline(FT_Glyph glyph, uint8_t subpixel, std::vector<uint8_t>& pixels, CoverageBox& box) {
  if (subpixel) {
    FT_Vector shift{subpixel * (kFixedOne / kSubpixelSteps), 0};
    FT_Glyph_Transform(glyph, nullptr, &shift);
  }
  if (const FT_Error e = FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, nullptr, 1)) {
    FT_Done_Glyph(glyph);
    return e;
  }
  const FT_BitmapGlyph bitmap = reinterpret_cast<FT_BitmapGlyph>(glyph);
  if (bitmap->bitmap.pixel_mode != FT_PIXEL_MODE_GRAY && bitmap->bitmap.pixel_mode != FT_PIXEL_MODE_MONO) {
    FT_Done_Glyph(glyph);
    return -1;
  }
  box.width = static_cast<int32_t>(bitmap->bitmap.width);
  box.height = static_cast<int32_t>(bitmap->bitmap.rows);
  box.left = bitmap->left;
  box.top = bitmap->top;
  copy_coverage(bitmap->bitmap, pixels);
  FT_Done_Glyph(glyph);
  return 0;
}

void copy_coverage(const FT_Bitmap& bm, std::vector<uint8_t>& pixels) {
  const auto width = static_cast<int32_t>(bm.width);
  const auto height = static_cast<int32_t>(bm.rows);
  pixels.resize(static_cast<size_t>(width) * height);
  // A bitmap may have rows but no columns (found by the font fuzzer): nothing to copy then.
  for (int32_t y = 0; width > 0 && y < height; ++y) {
    const uint8_t* src = bm.buffer + static_cast<ptrdiff_t>(y) * bm.pitch;
    uint8_t* dst = &pixels[static_cast<size_t>(y) * width];
    if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
      std::memcpy(dst, src, static_cast<size_t>(width));
    } else {
      for (int32_t x = 0; x < width; ++x) dst[x] = (src[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
    }
  }
}

}  // namespace inkset::raster
