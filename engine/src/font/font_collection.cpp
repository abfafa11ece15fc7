#include "font/font_collection.h"

#include "support/hash.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <deque>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>

namespace inkset::font {
namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_font_file(const std::filesystem::path& p) {
  const std::string ext = lowercase(p.extension().string());
  return ext == ".ttf" || ext == ".otf" || ext == ".ttc";
}

// Which regional design of the CJK faces a language asks for: the same code point has different
// glyph shapes in Japanese, Korean, Simplified and Traditional Chinese (Unicode Han unification).
enum class CjkVariant : uint8_t { kNone, kJapanese, kKorean, kSimplified, kTraditional, kHongKong };

CjkVariant cjk_variant(std::string_view language) {
  const std::string lang = lowercase(language);
  auto starts = [&](std::string_view prefix) {
    return lang.size() >= prefix.size() && lang.compare(0, prefix.size(), prefix) == 0 &&
           (lang.size() == prefix.size() || lang[prefix.size()] == '-' || lang[prefix.size()] == '_');
  };
  if (starts("ja")) return CjkVariant::kJapanese;
  if (starts("ko")) return CjkVariant::kKorean;
  if (!starts("zh")) return CjkVariant::kNone;
  if (lang.find("hant") != std::string::npos || lang.find("-tw") != std::string::npos ||
      lang.find("-mo") != std::string::npos)
    return CjkVariant::kTraditional;
  if (lang.find("-hk") != std::string::npos) return CjkVariant::kHongKong;
  return CjkVariant::kSimplified;
}

// The CJK families in order of preference for a script and language. Without a language, each
// script gets the design made for it (kana: Japanese, Hangul: Korean, Bopomofo: Traditional);
// plain Han defaults to Simplified Chinese, the largest body of Han text.
std::vector<std::string_view> cjk_families(UScriptCode script, CjkVariant variant) {
  static constexpr std::string_view kJp = "noto sans cjk jp", kKr = "noto sans cjk kr", kSc = "noto sans cjk sc",
                                    kTc = "noto sans cjk tc", kHk = "noto sans cjk hk";
  if (variant == CjkVariant::kNone) {
    switch (script) {
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA:
      case USCRIPT_KATAKANA_OR_HIRAGANA: variant = CjkVariant::kJapanese; break;
      case USCRIPT_HANGUL: variant = CjkVariant::kKorean; break;
      case USCRIPT_BOPOMOFO: variant = CjkVariant::kTraditional; break;
      default: variant = CjkVariant::kSimplified; break;
    }
  }
  switch (variant) {
    case CjkVariant::kJapanese: return {kJp, kSc, kTc, kKr, kHk};
    case CjkVariant::kKorean: return {kKr, kJp, kSc, kTc, kHk};
    case CjkVariant::kTraditional: return {kTc, kHk, kSc, kJp, kKr};
    case CjkVariant::kHongKong: return {kHk, kTc, kSc, kJp, kKr};
    default: return {kSc, kTc, kHk, kJp, kKr};
  }
}

bool is_cjk_script(UScriptCode script) {
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_KATAKANA_OR_HIRAGANA || script == USCRIPT_HANGUL || script == USCRIPT_BOPOMOFO;
}

constexpr char32_t kFirstEmojiPresentation = 0x231A;

// Characters that should come from the colour emoji face even when a text face covers them:
// default emoji presentation (UTS #51) and regional indicators (flags).
bool wants_emoji_face(char32_t cp) {
  // Nothing below U+231A WATCH has either property (checked against ICU by the tests), and most
  // text is below it: two property lookups saved per character.
  if (cp < kFirstEmojiPresentation) return false;
  const auto c = static_cast<UChar32>(cp);
  return u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

int style_distance(const FaceInfo& info, int weight, bool italic) {
  // Slant mismatches cost more than any weight difference: a true italic of another weight reads
  // better than an upright where italics were asked for.
  return std::abs(info.weight - weight) + (info.italic != italic ? 1000 : 0);
}

int face_weight(FT_Face face) {
  if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2)); os2 && os2->usWeightClass)
    return os2->usWeightClass;
  return (face->style_flags & FT_STYLE_FLAG_BOLD) ? 700 : 400;
}

}  // namespace

FontConfig default_font_config() {
  FontConfig config;
  // An installed library cannot know where its fonts went at compile time; the environment says.
  const char* dir = std::getenv("INKSET_FONT_DIR");
  config.directories.push_back(dir && *dir ? std::string(dir) : std::string(INKSET_SOURCE_DIR) + "/fonts");
  config.system_directories = {"/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"};
  return config;
}

struct FontCollection::Impl {
  uint64_t max_file_bytes = 0;
  std::vector<std::string> warnings;
  FT_Library library = nullptr;
  std::deque<FaceInfo> infos;  // a deque: listing system faces late must not move earlier entries
  // Opened on first use: an FT_Face holds its file mapped and its tables (cmap, metrics, CFF
  // indexes) parsed, megabytes per CJK face, while an article needs a handful of the hundreds of
  // fallback faces installed. Scanning opens each face once for its names and closes it again.
  mutable std::vector<FT_Face> faces;
  std::vector<hb_face_t*> hb_faces;
  std::map<std::pair<FaceId, Fixed>, hb_font_t*> hb_fonts;
  size_t primary_count = 0;  // faces from FontConfig::directories; the rest are system fallbacks
  // System faces are listed the first time something needs them: opening a few hundred faces for
  // their names costs more than laying out an article set in the bundled fonts alone.
  std::vector<std::string> system_directories;
  bool system_listed = false;
  std::unordered_map<std::string, std::vector<FaceId>> families;  // lowercase family -> faces
  FaceId emoji = kNoFace;
  mutable std::vector<std::optional<bool>> space_in_layout;

  // FreeType's cmap answers for the low planes' most used part, two bits per code point (asked,
  // mapped), per face, allocated when the face is first asked: a cmap lookup is a binary search
  // through the subtable, and the itemizer asks about every character.
  static constexpr char32_t kCoverageMemo = 0x3000;
  mutable std::vector<std::unique_ptr<uint8_t[]>> coverage;

  bool maps(FaceId id, char32_t cp) const {
    if (cp >= kCoverageMemo) return FT_Get_Char_Index(face(id), cp) != 0;
    std::unique_ptr<uint8_t[]>& memo = coverage[id];
    if (!memo) memo = std::make_unique<uint8_t[]>(kCoverageMemo / 4);
    uint8_t& byte = memo[cp / 4];
    const unsigned shift = (cp % 4) * 2;
    if (!(byte & (1u << shift))) byte |= static_cast<uint8_t>((1u | (FT_Get_Char_Index(face(id), cp) != 0 ? 2u : 0u)) << shift);
    return (byte & (2u << shift)) != 0;
  }

  // Direct-mapped: a fixed footprint (kFallbackSlots entries) whatever the text, no allocation.
  struct FallbackSlot {
    char32_t cp = 0;
    FaceId preferred = kNoFace;
    CjkVariant variant = CjkVariant::kNone;
    FaceId result = kNoFace;
    bool valid = false;
  };
  static constexpr size_t kFallbackSlots = 4096;
  mutable std::array<FallbackSlot, kFallbackSlots> fallback_cache{};
  mutable CacheStats fallback_stats;

  FaceId closest_in(const std::vector<FaceId>& candidates, char32_t cp, int weight, bool italic) const {
    FaceId best = kNoFace;
    int best_score = INT32_MAX;
    for (const FaceId f : candidates) {
      const int score = style_distance(infos[f], weight, italic);
      if (score < best_score && has_glyph(f, cp)) {
        best_score = score;
        best = f;
      }
    }
    return best;
  }

  FaceId in_family(std::string_view family, char32_t cp, int weight, bool italic) const {
    const auto it = families.find(std::string(family));
    return it == families.end() ? kNoFace : closest_in(it->second, cp, weight, italic);
  }

  FaceId in_range(size_t begin, size_t end, char32_t cp, int weight, bool italic) const {
    FaceId best = kNoFace;
    int best_score = INT32_MAX;
    for (size_t i = begin; i < end; ++i) {
      const int score = style_distance(infos[i], weight, italic);
      if (score < best_score && has_glyph(static_cast<FaceId>(i), cp)) {
        best_score = score;
        best = static_cast<FaceId>(i);
      }
    }
    return best;
  }

  FaceId for_script(UScriptCode script, char32_t cp, CjkVariant variant, int weight, bool italic) const {
    if (is_cjk_script(script)) {
      for (const std::string_view family : cjk_families(script, variant))
        if (const FaceId f = in_family(family, cp, weight, italic); f != kNoFace) return f;
      return kNoFace;
    }
    // Noto names its per-script families after the Unicode script name ("Noto Sans Arabic",
    // "Noto Sans Devanagari", "Noto Sans Thai", ...): the sans design first, then the serif one.
    std::string name = lowercase(uscript_getName(script));
    std::replace(name.begin(), name.end(), '_', ' ');
    for (const char* prefix : {"noto sans ", "noto serif ", "noto naskh "})
      if (const FaceId f = in_family(prefix + name, cp, weight, italic); f != kNoFace) return f;
    return kNoFace;
  }

  // Bitmap-only faces (colour emoji in CBDT) give FreeType no font units; their hhea and OS/2
  // tables still hold design metrics, which HarfBuzz reads and scales like any outline font's.
  FontMetrics bitmap_metrics(FaceId face, Fixed size) const {
    hb_font_t* font = hb_font_create(hb_faces[face]);
    hb_font_set_scale(font, size, size);
    hb_position_t ascender = 0, descender = 0, line_gap = 0, x_height = 0;
    hb_ot_metrics_get_position_with_fallback(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascender);
    hb_ot_metrics_get_position_with_fallback(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descender);
    hb_ot_metrics_get_position_with_fallback(font, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, &line_gap);
    hb_ot_metrics_get_position_with_fallback(font, HB_OT_METRICS_TAG_X_HEIGHT, &x_height);
    hb_font_destroy(font);
    return FontMetrics{ascender, -descender, line_gap, x_height};
  }

  FaceId compute_fallback(char32_t cp, FaceId preferred, CjkVariant variant) const {
    const int weight = preferred < infos.size() ? infos[preferred].weight : 400;
    const bool italic = preferred < infos.size() && infos[preferred].italic;
    const auto c = static_cast<UChar32>(cp);
    if (emoji != kNoFace && (wants_emoji_face(cp) || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) &&
        FT_Get_Char_Index(face(emoji), cp) != 0)
      return emoji;
    UErrorCode status = U_ZERO_ERROR;
    std::array<UScriptCode, 16> scripts{};
    int count = uscript_getScriptExtensions(c, scripts.data(), static_cast<int32_t>(scripts.size()), &status);
    if (U_FAILURE(status) || count <= 0) {
      status = U_ZERO_ERROR;
      scripts[0] = uscript_getScript(c, &status);
      count = 1;
    }
    for (int i = 0; i < count; ++i) {
      if (scripts[i] == USCRIPT_COMMON || scripts[i] == USCRIPT_INHERITED) continue;
      if (const FaceId f = for_script(scripts[i], cp, variant, weight, italic); f != kNoFace) return f;
    }
    if (const FaceId f = in_range(0, primary_count, cp, weight, italic); f != kNoFace) return f;
    return in_range(primary_count, faces.size(), cp, weight, italic);
  }

  ~Impl() {
    for (auto& [key, font] : hb_fonts) hb_font_destroy(font);
    for (hb_face_t* f : hb_faces) hb_face_destroy(f);
    for (FT_Face f : faces)
      if (f) FT_Done_Face(f);
    if (library) FT_Done_FreeType(library);
  }

  // The face, opened now if it was not yet; null only if its file became unreadable since the scan.
  FT_Face face(FaceId id) const {
    FT_Face& f = faces.at(id);
    if (!f && FT_New_Face(library, infos[id].path.c_str(), infos[id].face_index, &f) != 0) f = nullptr;
    return f;
  }

  // Whether the face maps cp. A fallback search asks every installed face; one not open yet is
  // opened for the question and closed again, so the search never holds more than one of them.
  // Most faces asked lack cp, and opening one with FreeType parses a dozen tables: HarfBuzz's
  // reading of the cmap alone rules those out first (both take the same Unicode subtable). A face
  // it finds cp in is still opened and asked, so a yes is always FreeType's.
  bool has_glyph(FaceId id, char32_t cp) const {
    if (faces.at(id)) return maps(id, cp);
    if (!hb_maps(id, cp)) return false;
    FT_Face probe = nullptr;
    if (FT_New_Face(library, infos[id].path.c_str(), infos[id].face_index, &probe) != 0) return false;
    const bool found = FT_Get_Char_Index(probe, cp) != 0;
    FT_Done_Face(probe);
    return found;
  }

  bool hb_maps(FaceId id, char32_t cp) const {
    hb_font_t* font = hb_font_create(hb_faces[id]);
    hb_ot_font_set_funcs(font);
    hb_codepoint_t glyph = 0;
    const bool found = hb_font_get_nominal_glyph(font, cp, &glyph) && glyph != 0;
    hb_font_destroy(font);
    return found;
  }

  void add_file(const std::string& path) {
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return;
    if (size > max_file_bytes) {
      warnings.push_back(path + ": font file of " + std::to_string(size) + " bytes is over the limit of " +
                         std::to_string(max_file_bytes) + " bytes; skipped (--max-font-mb)");
      return;
    }
    FT_Face probe = nullptr;
    if (FT_New_Face(library, path.c_str(), -1, &probe) != 0) return;
    const long count = probe->num_faces;
    FT_Done_Face(probe);
    hb_blob_t* blob = hb_blob_create_from_file(path.c_str());
    for (long i = 0; i < count && faces.size() < kNoFace; ++i) {
      FT_Face face = nullptr;
      if (FT_New_Face(library, path.c_str(), i, &face) != 0) continue;
      FaceInfo info;
      info.family = face->family_name ? face->family_name : "";
      info.style = face->style_name ? face->style_name : "";
      info.path = path;
      info.face_index = static_cast<int>(i);
      info.weight = face_weight(face);
      info.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
      info.color = FT_HAS_COLOR(face);
      infos.push_back(std::move(info));
      FT_Done_Face(face);
      faces.push_back(nullptr);
      hb_faces.push_back(hb_face_create(blob, static_cast<unsigned>(i)));
    }
    hb_blob_destroy(blob);
  }

  // Indexes faces [first, end) by family and notes the first colour face.
  void register_faces(size_t first) {
    for (size_t i = first; i < infos.size(); ++i) {
      families[lowercase(infos[i].family)].push_back(static_cast<FaceId>(i));
      if (emoji == kNoFace && infos[i].color) emoji = static_cast<FaceId>(i);
    }
    space_in_layout.resize(faces.size());
    coverage.resize(faces.size());
  }

  void list_system_faces() {
    if (system_listed) return;
    system_listed = true;
    const size_t first = infos.size();
    for (const auto& dir : system_directories) add_directory(dir);
    register_faces(first);
  }

  FaceId emoji_face() {
    // The emoji face is the first colour face; if no bundled face is one, it can only be a system face.
    if (emoji == kNoFace) list_system_faces();
    return emoji;
  }

  FaceMatch match(const std::string& wanted, int weight, bool italic) const {
    FaceMatch best;
    int best_score = INT32_MAX;
    const auto family_it = families.find(wanted);
    if (family_it == families.end()) return best;
    for (const FaceId f : family_it->second) {
      const int score = style_distance(infos[f], weight, italic);
      if (score < best_score) {
        best_score = score;
        best.face = f;
      }
    }
    return best;
  }

  void add_directory(const std::string& dir) {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.is_regular_file(ec) && is_font_file(entry.path())) files.push_back(entry.path().string());
    // Directory order is arbitrary; sorting keeps face ids, and so fallback order, reproducible.
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add_file(f);
  }
};

FontCollection::FontCollection(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FontCollection::~FontCollection() = default;

Result<std::unique_ptr<FontCollection>> FontCollection::create(const FontConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->max_file_bytes = config.max_file_bytes;
  if (FT_Init_FreeType(&impl->library) != 0)
    return make_error(ErrorCode::kInternal, "FreeType failed to initialise");
  for (const auto& dir : config.directories) impl->add_directory(dir);
  impl->primary_count = impl->faces.size();
  if (impl->primary_count == 0) {
    std::string dirs;
    for (const auto& d : config.directories) dirs += (dirs.empty() ? "" : ", ") + d;
    return make_error(ErrorCode::kMissingFont,
                      "no usable font files in " + (dirs.empty() ? std::string("(no directory)") : dirs) +
                          ": check the fonts folder or pass --fonts DIR" +
                          (impl->warnings.empty() ? std::string() : " (" + impl->warnings.front() + ")"));
  }
  impl->system_directories = config.system_directories;
  impl->register_faces(0);
  return std::unique_ptr<FontCollection>(new FontCollection(std::move(impl)));
}

FaceMatch FontCollection::match(std::string_view family, int weight, bool italic) const {
  const std::string wanted = lowercase(family);
  FaceMatch best = m_impl->match(wanted, weight, italic);
  // A system face can win only where no bundled face matches exactly: on equal distance the
  // earlier face, the bundled one, is kept.
  if (!m_impl->system_listed &&
      (best.face == kNoFace || style_distance(m_impl->infos[best.face], weight, italic) != 0)) {
    m_impl->list_system_faces();
    best = m_impl->match(wanted, weight, italic);
  }
  if (best.face != kNoFace) {
    const FaceInfo& info = m_impl->infos[best.face];
    best.synthetic_bold = weight >= 600 && info.weight < 600;
    best.synthetic_italic = italic && !info.italic;
  }
  return best;
}

bool FontCollection::covers(FaceId face, char32_t cp) const {
  return face < m_impl->faces.size() && m_impl->maps(face, cp);
}

FaceId FontCollection::fallback_for(char32_t cp, FaceId preferred, std::string_view language) const {
  // Control characters and line separators draw nothing: searching every installed face for one
  // would only open fonts (a hard line break in the text used to list all system faces).
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) return preferred;
  const bool emoji_first = wants_emoji_face(cp) && m_impl->emoji_face() != kNoFace;
  if (!emoji_first && covers(preferred, cp)) return preferred;
  m_impl->list_system_faces();
  const CjkVariant variant = cjk_variant(language);
  const uint64_t h = hash_mix(hash_mix(cp, preferred), static_cast<uint64_t>(variant));
  auto& slot = m_impl->fallback_cache[h % Impl::kFallbackSlots];
  if (slot.valid && slot.cp == cp && slot.preferred == preferred && slot.variant == variant) {
    ++m_impl->fallback_stats.hits;
    return slot.result;
  }
  ++m_impl->fallback_stats.misses;
  const FaceId result = m_impl->compute_fallback(cp, preferred, variant);
  slot = {cp, preferred, variant, result, true};
  return result;
}

FaceId FontCollection::emoji_face() const { return m_impl->emoji_face(); }

bool FontCollection::system_faces_listed() const { return m_impl->system_listed; }

bool FontCollection::is_emoji_face(FaceId face) const {
  if (m_impl->emoji == kNoFace && !m_impl->system_listed && face < m_impl->primary_count) return false;
  return face == m_impl->emoji_face();
}

namespace {

// The features whose lookups act between neighbouring words in practice: kerning and ligatures
// (the same choice browsers make before caching words). Mark attachment reaches from a mark back to
// its base only, and a word never starts with a mark; composition (ccmp) and localized forms act
// within a cluster; Arabic joining forms are chosen by the shaper, and a space never joins.
bool crosses_words(hb_tag_t feature) {
  for (const hb_tag_t t : {HB_TAG('k', 'e', 'r', 'n'), HB_TAG('d', 'i', 's', 't'), HB_TAG('l', 'i', 'g', 'a'),
                           HB_TAG('c', 'l', 'i', 'g'), HB_TAG('d', 'l', 'i', 'g'), HB_TAG('c', 'a', 'l', 't'),
                           HB_TAG('r', 'l', 'i', 'g'), HB_TAG('r', 'c', 'l', 't')})
    if (feature == t) return true;
  return false;
}

// Whether a lookup can make glyphs on the two sides of a space depend on each other. Lookups that
// only rewrite marks are exempt: a mark stays in the word of the base (or space) it follows, since
// words are cut only before a base character.
bool lookup_crosses_space(hb_face_t* face, hb_tag_t table, unsigned lookup, hb_codepoint_t space, hb_set_t* context,
                          hb_set_t* input) {
  hb_set_clear(context);
  hb_set_clear(input);
  hb_ot_layout_lookup_collect_glyphs(face, table, lookup, context, input, context, context);
  if (!hb_set_has(context, space) && !hb_set_has(input, space)) return false;
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(input, &g);)
    if (g != space && hb_ot_layout_get_glyph_class(face, g) != HB_OT_LAYOUT_GLYPH_CLASS_MARK) return true;
  return false;
}

}  // namespace

bool FontCollection::space_in_layout(FaceId face) const {
  std::optional<bool>& known = m_impl->space_in_layout.at(face);
  if (known) return *known;
  hb_face_t* hb_face = m_impl->hb_faces[face];
  const FT_UInt space = FT_Get_Char_Index(m_impl->face(face), U' ');
  bool found = false;
  hb_set_t* context = hb_set_create();
  hb_set_t* input = hb_set_create();
  std::vector<hb_tag_t> features(512);
  std::vector<unsigned> lookups(1024);
  for (const hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    unsigned feature_count = static_cast<unsigned>(features.size());
    hb_ot_layout_table_get_feature_tags(hb_face, table, 0, &feature_count, features.data());
    for (unsigned f = 0; f < feature_count && !found; ++f) {
      if (!crosses_words(features[f])) continue;
      unsigned lookup_count = static_cast<unsigned>(lookups.size());
      hb_ot_layout_feature_get_lookups(hb_face, table, f, 0, &lookup_count, lookups.data());
      for (unsigned l = 0; l < lookup_count && !found; ++l)
        found = lookup_crosses_space(hb_face, table, lookups[l], space, context, input);
    }
  }
  hb_set_destroy(input);
  hb_set_destroy(context);
  known = found;
  return found;
}

FontCollection::CacheStats FontCollection::fallback_stats() const { return m_impl->fallback_stats; }

FT_Face FontCollection::ft_face(FaceId face) const { return m_impl->face(face); }
FT_Library FontCollection::ft_library() const { return m_impl->library; }

hb_font_t* FontCollection::hb_font(FaceId face, Fixed size) {
  auto [it, inserted] = m_impl->hb_fonts.try_emplace({face, size}, nullptr);
  if (inserted) it->second = create_hb_font(m_impl->hb_faces.at(face), size);
  return it->second;
}

hb_face_t* FontCollection::hb_face(FaceId face) const { return m_impl->hb_faces.at(face); }

hb_font_t* create_hb_font(hb_face_t* face, Fixed size) {
  hb_font_t* font = hb_font_create(face);
  hb_ot_font_set_funcs(font);
  // Scale in 26.6 pixels: HarfBuzz then reports advances and offsets directly in our unit.
  hb_font_set_scale(font, size, size);
  return font;
}

FontMetrics FontCollection::metrics(FaceId face, Fixed size) const {
  const FT_Face f = m_impl->face(face);
  if (!FT_IS_SCALABLE(f)) return m_impl->bitmap_metrics(face, size);
  const int upem = f->units_per_EM ? f->units_per_EM : 1000;
  auto scale = [&](long v) { return static_cast<Fixed>((static_cast<int64_t>(v) * size + upem / 2) / upem); };
  FontMetrics m;
  const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
  // Typographic metrics (OS/2 sTypo*) when the font asks for them, else hhea: the same choice browsers make.
  if (os2 && (os2->fsSelection & (1 << 7))) {
    m.ascender = scale(os2->sTypoAscender);
    m.descender = scale(-os2->sTypoDescender);
    m.line_gap = scale(os2->sTypoLineGap);
  } else {
    m.ascender = scale(f->ascender);
    m.descender = scale(-f->descender);
    m.line_gap = scale(f->height - f->ascender + f->descender);
  }
  m.x_height = os2 && os2->sxHeight ? scale(os2->sxHeight) : m.ascender / 2;
  return m;
}

const FaceInfo& FontCollection::info(FaceId face) const {
  if (face >= m_impl->infos.size()) m_impl->list_system_faces();
  return m_impl->infos.at(face);
}

const std::vector<std::string>& FontCollection::warnings() const { return m_impl->warnings; }

bool FontCollection::has_face(FaceId face) const { return face < m_impl->faces.size(); }

size_t FontCollection::face_count() const {
  m_impl->list_system_faces();
  return m_impl->faces.size();
}

}  // namespace inkset::font
