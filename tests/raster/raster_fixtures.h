#pragma once
// Shared setup for the raster tests: the bundled fonts opened once, and a scratch directory.
#include <ft2build.h>
#include FT_FREETYPE_H

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "font/font_collection.h"

namespace inkset::raster::testing {

inline font::FontCollection& bundled_fonts() {
  static std::unique_ptr<font::FontCollection> fonts = [] {
    font::FontConfig config;
    config.directories.push_back(std::string(INKSET_SOURCE_DIR) + "/fonts");
    auto created = font::FontCollection::create(config);
    return created ? std::move(created).value() : nullptr;
  }();
  return *fonts;
}

inline font::FaceId charis() { return bundled_fonts().match("Charis SIL", 400, false).face; }

inline uint32_t glyph_of(font::FontCollection& fonts, font::FaceId face, char32_t cp) {
  return FT_Get_Char_Index(fonts.ft_face(face), cp);
}

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : m_path(std::filesystem::temp_directory_path() / ("inkset_" + tag + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

 private:
  std::filesystem::path m_path;
};

}  // namespace inkset::raster::testing
