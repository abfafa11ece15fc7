#include "font/font_collection.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>

#include <algorithm>
#include <filesystem>
#include <map>

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

int face_weight(FT_Face face) {
  if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2)); os2 && os2->usWeightClass)
    return os2->usWeightClass;
  return (face->style_flags & FT_STYLE_FLAG_BOLD) ? 700 : 400;
}

}  // namespace

FontConfig default_font_config() {
  FontConfig config;
  config.directories.push_back(std::string(INKSET_SOURCE_DIR) + "/fonts");
  config.system_directories = {"/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"};
  return config;
}

struct FontCollection::Impl {
  FT_Library library = nullptr;
  std::vector<FaceInfo> infos;
  std::vector<FT_Face> faces;
  std::vector<hb_face_t*> hb_faces;
  std::map<std::pair<FaceId, Fixed>, hb_font_t*> hb_fonts;
  size_t primary_count = 0;  // faces from FontConfig::directories; the rest are system fallbacks

  ~Impl() {
    for (auto& [key, font] : hb_fonts) hb_font_destroy(font);
    for (hb_face_t* f : hb_faces) hb_face_destroy(f);
    for (FT_Face f : faces) FT_Done_Face(f);
    if (library) FT_Done_FreeType(library);
  }

  void add_file(const std::string& path) {
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
      faces.push_back(face);
      hb_faces.push_back(hb_face_create(blob, static_cast<unsigned>(i)));
    }
    hb_blob_destroy(blob);
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
  if (FT_Init_FreeType(&impl->library) != 0)
    return make_error(ErrorCode::kInternal, "FreeType failed to initialise");
  for (const auto& dir : config.directories) impl->add_directory(dir);
  impl->primary_count = impl->faces.size();
  if (impl->primary_count == 0) {
    std::string dirs;
    for (const auto& d : config.directories) dirs += (dirs.empty() ? "" : ", ") + d;
    return make_error(ErrorCode::kMissingFont,
                      "no usable font files in " + (dirs.empty() ? std::string("(no directory)") : dirs) +
                          ": check the fonts folder or pass --fonts DIR");
  }
  for (const auto& dir : config.system_directories) impl->add_directory(dir);
  return std::unique_ptr<FontCollection>(new FontCollection(std::move(impl)));
}

FaceMatch FontCollection::match(std::string_view family, int weight, bool italic) const {
  const std::string wanted = lowercase(family);
  FaceMatch best;
  int best_score = INT32_MAX;
  for (size_t i = 0; i < m_impl->infos.size(); ++i) {
    const FaceInfo& info = m_impl->infos[i];
    if (lowercase(info.family) != wanted) continue;
    // Slant mismatches cost more than any weight difference: a true italic of another weight reads
    // better than an upright where italics were asked for.
    const int score = std::abs(info.weight - weight) + (info.italic != italic ? 1000 : 0);
    if (score < best_score) {
      best_score = score;
      best.face = static_cast<FaceId>(i);
    }
  }
  if (best.face != kNoFace) {
    const FaceInfo& info = m_impl->infos[best.face];
    best.synthetic_bold = weight >= 600 && info.weight < 600;
    best.synthetic_italic = italic && !info.italic;
  }
  return best;
}

bool FontCollection::covers(FaceId face, char32_t cp) const {
  return face < m_impl->faces.size() && FT_Get_Char_Index(m_impl->faces[face], cp) != 0;
}

FaceId FontCollection::fallback_for(char32_t cp, FaceId preferred, std::string_view) const {
  if (covers(preferred, cp)) return preferred;
  for (size_t i = 0; i < m_impl->faces.size(); ++i)
    if (covers(static_cast<FaceId>(i), cp)) return static_cast<FaceId>(i);
  return kNoFace;
}

FT_Face FontCollection::ft_face(FaceId face) const { return m_impl->faces.at(face); }
FT_Library FontCollection::ft_library() const { return m_impl->library; }

hb_font_t* FontCollection::hb_font(FaceId face, Fixed size) {
  auto [it, inserted] = m_impl->hb_fonts.try_emplace({face, size}, nullptr);
  if (inserted) {
    hb_font_t* font = hb_font_create(m_impl->hb_faces.at(face));
    hb_ot_font_set_funcs(font);
    // Scale in 26.6 pixels: HarfBuzz then reports advances and offsets directly in our unit.
    hb_font_set_scale(font, size, size);
    it->second = font;
  }
  return it->second;
}

FontMetrics FontCollection::metrics(FaceId face, Fixed size) const {
  const FT_Face f = m_impl->faces.at(face);
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

const FaceInfo& FontCollection::info(FaceId face) const { return m_impl->infos.at(face); }
size_t FontCollection::face_count() const { return m_impl->faces.size(); }

}  // namespace inkset::font
