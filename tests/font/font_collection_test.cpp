#include <catch2/catch.hpp>

#include "../shape/shape_fixture.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <unicode/uchar.h>

using namespace inkset;
using inkset::test::fonts;

TEST_CASE("font: match picks weight and slant, synthesizes only what the family lacks", "[font]") {
  const auto bold_italic = fonts().match("charis sil", 700, true);
  REQUIRE(bold_italic.face != font::kNoFace);
  CHECK(fonts().info(bold_italic.face).weight == 700);
  CHECK(fonts().info(bold_italic.face).italic);
  CHECK_FALSE(bold_italic.synthetic_bold);
  CHECK_FALSE(bold_italic.synthetic_italic);
  const auto arabic_italic = fonts().match("Noto Sans Arabic", 400, true);
  REQUIRE(arabic_italic.face != font::kNoFace);
  CHECK(arabic_italic.synthetic_italic);
  CHECK(fonts().match("No Such Family", 400, false).face == font::kNoFace);
}

TEST_CASE("font: fallback follows the script chain by cmap coverage", "[font][fallback]") {
  const font::FaceId charis = test::face_of("Charis SIL");
  REQUIRE(charis != font::kNoFace);
  CHECK(fonts().fallback_for(U'a', charis, "") == charis);
  CHECK(fonts().info(fonts().fallback_for(U'\u0628', charis, "")).family == "Noto Sans Arabic");
  CHECK(fonts().info(fonts().fallback_for(U'\u05D0', charis, "")).family == "Noto Sans Hebrew");
  CHECK(fonts().info(fonts().fallback_for(U'\u0915', charis, "")).family == "Noto Sans Devanagari");
  CHECK(fonts().info(fonts().fallback_for(U'\u0E01', charis, "")).family == "Noto Sans Thai");
  // Han: the regional design follows the language.
  CHECK(fonts().info(fonts().fallback_for(U'\u4E2D', charis, "ja")).family == "Noto Sans CJK JP");
  CHECK(fonts().info(fonts().fallback_for(U'\u4E2D', charis, "zh-Hans")).family == "Noto Sans CJK SC");
  CHECK(fonts().info(fonts().fallback_for(U'\u4E2D', charis, "zh")).family == "Noto Sans CJK SC");
  CHECK(fonts().info(fonts().fallback_for(U'\u4E2D', charis, "zh-Hant")).family == "Noto Sans CJK TC");
  CHECK(fonts().info(fonts().fallback_for(U'\uAC00', charis, "ko")).family == "Noto Sans CJK KR");
  CHECK(fonts().info(fonts().fallback_for(U'\u3042', charis, "")).family == "Noto Sans CJK JP");
  CHECK(fonts().fallback_for(U'\U0001F600', charis, "") == fonts().emoji_face());
}

TEST_CASE("font: fallback keeps the weight of the preferred face", "[font][fallback]") {
  const font::FaceId charis_bold = test::face_of("Charis SIL", 700);
  const font::FaceId arabic = fonts().fallback_for(U'\u0628', charis_bold, "");
  REQUIRE(arabic != font::kNoFace);
  CHECK(fonts().info(arabic).weight == 700);
}

TEST_CASE("font: no face covers a private-use code point", "[font][fallback]") {
  const font::FaceId charis = test::face_of("Charis SIL");
  CHECK(fonts().fallback_for(U'\U000FFFFD', charis, "") == font::kNoFace);
}

TEST_CASE("font: repeated fallback lookups hit the cache", "[font][fallback]") {
  const font::FaceId charis = test::face_of("Charis SIL");
  const font::FaceId first = fonts().fallback_for(U'\u0E02', charis, "th");
  const auto before = fonts().fallback_stats();
  CHECK(fonts().fallback_for(U'\u0E02', charis, "th") == first);
  const auto after = fonts().fallback_stats();
  CHECK(after.hits == before.hits + 1);
  CHECK(after.misses == before.misses);
}

TEST_CASE("font: colour emoji advances scale with the size", "[font][emoji]") {
  const font::FaceId emoji = fonts().emoji_face();
  REQUIRE(emoji != font::kNoFace);
  hb_codepoint_t g = 0;
  REQUIRE(hb_font_get_nominal_glyph(fonts().hb_font(emoji, px_to_fixed(24)), U'\U0001F600', &g));
  const Fixed a24 = hb_font_get_glyph_h_advance(fonts().hb_font(emoji, px_to_fixed(24)), g);
  const Fixed a48 = hb_font_get_glyph_h_advance(fonts().hb_font(emoji, px_to_fixed(48)), g);
  // About one em wide whatever the bitmap strike's size.
  CHECK(a24 > px_to_fixed(20));
  CHECK(a24 < px_to_fixed(36));
  CHECK(std::abs(a48 - 2 * a24) <= 1);
  const auto m = fonts().metrics(emoji, px_to_fixed(24));
  CHECK(m.ascender > px_to_fixed(15));
  CHECK(m.ascender < px_to_fixed(40));
}

TEST_CASE("font: space_in_layout tells whether words can be shaped apart", "[font]") {
  // Charis SIL has no kerning or contextual rule that involves the space: the word cache relies on it.
  CHECK_FALSE(fonts().space_in_layout(test::face_of("Charis SIL")));
}

TEST_CASE("font: no character below U+231A asks for the emoji face", "[font][emoji]") {
  // fallback_for skips the emoji property lookups below this code point.
  for (UChar32 c = 0; c < 0x231A; ++c) {
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR))
      FAIL("U+" << std::hex << c);
  }
  CHECK(u_hasBinaryProperty(0x231A, UCHAR_EMOJI_PRESENTATION));
}

TEST_CASE("font: covers agrees with the face's cmap, asked once or twice", "[font]") {
  const font::FaceId charis = fonts().match("Charis SIL", 400, false).face;
  REQUIRE(charis != font::kNoFace);
  FT_Face face = fonts().ft_face(charis);
  size_t mapped = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (const char32_t cp : {U'a', U'\n', U'\u00E9', U'\u0300', U'\u05D0', U'\u2014', U'\u2FFF',
                              U'\u3000', U'\u4E2D', U'\U0001F600'}) {
      const bool expected = FT_Get_Char_Index(face, cp) != 0;
      CHECK(fonts().covers(charis, cp) == expected);
      mapped += expected;
    }
    for (char32_t cp = 0; cp < 0x3100; cp += 7) CHECK(fonts().covers(charis, cp) == (FT_Get_Char_Index(face, cp) != 0));
  }
  CHECK(mapped > 4);
}

TEST_CASE("font: system faces are listed on first need, with the same ids as when listed at once", "[font]") {
  auto lazy_made = font::FontCollection::create(font::default_font_config());
  auto eager_made = font::FontCollection::create(font::default_font_config());
  REQUIRE(lazy_made.ok());
  REQUIRE(eager_made.ok());
  font::FontCollection& lazy = *lazy_made.value();
  font::FontCollection& eager = *eager_made.value();
  const size_t all = eager.face_count();
  CHECK(eager.system_faces_listed());

  // Bundled families at weights they have, Latin text, digits: no system face needed.
  const font::FaceId charis = lazy.match("Charis SIL", 400, false).face;
  CHECK(charis == eager.match("Charis SIL", 400, false).face);
  CHECK(lazy.match("noto sans", 700, true).face == eager.match("noto sans", 700, true).face);
  for (const char32_t cp : {U'a', U'7', U'#', U'\u00E9', U'\u2014'})
    CHECK(lazy.fallback_for(cp, charis, "en") == eager.fallback_for(cp, charis, "en"));
  CHECK_FALSE(lazy.is_emoji_face(charis));
  CHECK_FALSE(lazy.system_faces_listed());

  // A weight the bundled family lacks may be met by a system face of that family.
  CHECK(lazy.match("Noto Sans", 600, false).face == eager.match("Noto Sans", 600, false).face);
  CHECK(lazy.system_faces_listed());
  CHECK(lazy.face_count() == all);
  CHECK(lazy.emoji_face() == eager.emoji_face());
  for (const char32_t cp : {U'\u4E2D', U'\u05D0', U'\U0001F600', U'\n'})
    CHECK(lazy.fallback_for(cp, charis, "ja") == eager.fallback_for(cp, charis, "ja"));
  for (size_t f = 0; f < all; ++f) {
    const auto id = static_cast<font::FaceId>(f);
    CHECK(lazy.info(id).path == eager.info(id).path);
    CHECK(lazy.info(id).face_index == eager.info(id).face_index);
  }
}

TEST_CASE("font: an unknown character lists the system faces and is looked for in all of them", "[font]") {
  auto made = font::FontCollection::create(font::default_font_config());
  REQUIRE(made.ok());
  font::FontCollection& fresh = *made.value();
  const font::FaceId charis = fresh.match("Charis SIL", 400, false).face;
  CHECK(fresh.fallback_for(U'\u4E2D', charis, "zh") == fonts().fallback_for(U'\u4E2D', charis, "zh"));
  CHECK(fresh.system_faces_listed());
}

TEST_CASE("font: HarfBuzz and FreeType read the same cmap in every installed face", "[font]") {
  // The fallback search rules faces out by HarfBuzz's cmap before opening them with FreeType.
  FT_Library library = fonts().ft_library();
  const char32_t probes[] = {U'\n', U'a', U'\u00AD', U'\u05D0', U'\u0627', U'\u0E01', U'\u2014', U'\u3042',
                             U'\u4E2D', U'\uFFFD', U'\U0001F600', U'\U0001D11E'};
  size_t agreed = 0;
  for (size_t f = 0; f < fonts().face_count(); ++f) {
    const font::FaceInfo& info = fonts().info(static_cast<font::FaceId>(f));
    FT_Face face = nullptr;
    REQUIRE(FT_New_Face(library, info.path.c_str(), info.face_index, &face) == 0);
    hb_blob_t* blob = hb_blob_create_from_file(info.path.c_str());
    hb_face_t* hb_face = hb_face_create(blob, static_cast<unsigned>(info.face_index));
    hb_font_t* hb_font = hb_font_create(hb_face);
    for (const char32_t cp : probes) {
      hb_codepoint_t glyph = 0;
      const bool by_hb = hb_font_get_nominal_glyph(hb_font, cp, &glyph) && glyph != 0;
      const bool by_ft = FT_Get_Char_Index(face, cp) != 0;
      INFO(info.path << " #" << info.face_index << " U+" << std::hex << static_cast<uint32_t>(cp));
      CHECK(by_hb == by_ft);
      agreed += by_hb == by_ft;
    }
    hb_font_destroy(hb_font);
    hb_face_destroy(hb_face);
    hb_blob_destroy(blob);
    FT_Done_Face(face);
  }
  CHECK(agreed >= 12 * 19);
}

TEST_CASE("font: control characters keep the preferred face without listing system fonts", "[font][fallback]") {
  auto fonts = font::FontCollection::create(font::default_font_config());
  REQUIRE(fonts.ok());
  const font::FaceId serif = (*fonts)->match("Charis SIL", 400, false).face;
  for (char32_t cp : {U'\n', U'\t', U'\r', char32_t{0x85}, char32_t{0x2028}})
    CHECK((*fonts)->fallback_for(cp, serif, "en") == serif);
  CHECK_FALSE((*fonts)->system_faces_listed());
}
