#pragma once
// The fonts an engine can use: FreeType faces opened once from the configured directories and
// shared by every document, with one HarfBuzz font per (face, size). The system directories are
// listed on first need (a family or style the bundled fonts lack, a character they do not cover,
// the emoji face, face_count); face ids do not depend on when that happens.
//
// Thread-safety: not thread-safe; one collection per engine, used from one thread at a time.
#include <hb.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/fixed.h"
#include "support/result.h"

typedef struct FT_LibraryRec_* FT_Library;
typedef struct FT_FaceRec_* FT_Face;

namespace inkset::font {

using FaceId = uint16_t;
inline constexpr FaceId kNoFace = UINT16_MAX;

struct FontConfig {
  // Searched in order; the first directory is the project's bundled fonts/ (the primary families).
  std::vector<std::string> directories;
  // Fallback faces for scripts the bundled fonts lack (CJK, colour emoji), searched after `directories`.
  std::vector<std::string> system_directories;
  // A font file larger than this is skipped with a warning: a hostile or broken font folder must not
  // make the engine map gigabytes.
  uint64_t max_file_bytes = 64u << 20;
};

// The default configuration: $INKSET_FONT_DIR if set, else the bundled fonts/ folder, plus the
// documented system search path.
FontConfig default_font_config();

struct FaceInfo {
  std::string family;  // e.g. "Charis SIL"
  std::string style;   // e.g. "Bold Italic"
  std::string path;
  int face_index = 0;  // inside a collection (.ttc)
  int weight = 400;    // CSS-like 100..900
  bool italic = false;
  bool color = false;  // has colour glyphs (CBDT/sbix/COLR)
};

// Vertical metrics scaled to a size, in 26.6 pixels. descender is positive (distance below the baseline).
struct FontMetrics {
  Fixed ascender = 0;
  Fixed descender = 0;
  Fixed line_gap = 0;
  Fixed x_height = 0;
};

// A face picked for a requested style; synthesis says what the rasterizer must fake.
struct FaceMatch {
  FaceId face = kNoFace;
  bool synthetic_bold = false;
  bool synthetic_italic = false;
};

// A new HarfBuzz font of `face` at `size` (pixels, 26.6), as FontCollection::hb_font makes them: the
// same font wherever it is made, so that a word shapes alike on every thread. The caller destroys it.
hb_font_t* create_hb_font(hb_face_t* face, Fixed size);

class FontCollection {
 public:
  static Result<std::unique_ptr<FontCollection>> create(const FontConfig& config);
  ~FontCollection();
  FontCollection(const FontCollection&) = delete;
  FontCollection& operator=(const FontCollection&) = delete;

  // The closest face of `family` (case-insensitive) for weight and slant; kNoFace if no such family.
  FaceMatch match(std::string_view family, int weight, bool italic) const;

  // The face to draw cp with: `preferred` when it covers cp (unless cp defaults to emoji presentation),
  // else the first face covering cp (by cmap) in this order: the colour emoji face for emoji; the chain
  // for cp's script (Script_Extensions too) and BCP 47 `language` (Han picks the CJK face for ja, ko,
  // zh-Hans, zh-Hant, zh-HK); any bundled face; any system face. Among the faces of a family, and among
  // bundled or system faces, the one closest to `preferred`'s weight and slant wins.
  // kNoFace when no font covers cp: the caller draws .notdef of `preferred` and counts it missing.
  // Amortised O(1): answers are kept in a fixed-size cache (see fallback_stats).
  FaceId fallback_for(char32_t cp, FaceId preferred, std::string_view language) const;

  // The colour emoji face (the first face with colour glyphs), kNoFace if none is installed.
  FaceId emoji_face() const;
  // face == emoji_face(), answered without listing the system faces when face is a bundled one.
  bool is_emoji_face(FaceId face) const;
  // Whether the system directories have been listed yet (for diagnostics and tests).
  bool system_faces_listed() const;

  bool covers(FaceId face, char32_t cp) const;

  // True when a kerning, ligature or contextual-alternates lookup of face mentions the space glyph
  // with base glyphs as input (kerning against space, contextual substitutions across words). Text in such a face cannot be shaped word by word and
  // concatenated without risking a different result from shaping it whole. Computed once per face.
  bool space_in_layout(FaceId face) const;

  struct CacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  CacheStats fallback_stats() const;

  // Valid as long as the collection. The FT_Face's size is not managed: callers set it before use.
  FT_Face ft_face(FaceId face) const;
  FT_Library ft_library() const;

  // A HarfBuzz font for face at size (pixels, 26.6); scale is set so that positions come out in 26.6.
  // Cached; valid as long as the collection.
  hb_font_t* hb_font(FaceId face, Fixed size);
  // The HarfBuzz face; valid as long as the collection (hb_face_reference it to keep it longer).
  // HarfBuzz faces may be used from any thread.
  hb_face_t* hb_face(FaceId face) const;

  FontMetrics metrics(FaceId face, Fixed size) const;
  const FaceInfo& info(FaceId face) const;
  size_t face_count() const;  // lists the system faces first
  // Whether `face` names a face already known; never lists the system faces (ids are handed out only
  // for known faces, so a renderer checking an id must not pay for listing them).
  bool has_face(FaceId face) const;
  // One line per font file that was skipped (over FontConfig::max_file_bytes).
  const std::vector<std::string>& warnings() const;

 private:
  struct Impl;
  explicit FontCollection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace inkset::font
