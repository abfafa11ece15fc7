#pragma once
// Splits a paragraph into items that HarfBuzz can shape in one call each: maximal ranges with one
// bidi level (UAX #9), one script (UAX #24), one caller style and one font face.
#include <hb.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "font/font_collection.h"
#include "shape/bidi_algorithm.h"

namespace inkset::shape {

// A style applies to the bytes [begin, end) of the paragraph text. The ranges of one call are in
// order and cover the text; `style` indexes the caller's style table.
struct StyleRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint16_t style = 0;
};

// What the itemizer needs to know of a style: the face it prefers (from FontCollection::match) and
// its BCP 47 language, which picks among regional CJK designs.
struct ItemStyle {
  font::FaceId preferred = font::kNoFace;
  std::string_view language;
};

struct Item {
  uint32_t begin = 0;  // bytes into the paragraph text
  uint32_t end = 0;
  uint8_t bidi_level = 0;  // odd = right to left
  hb_script_t script = HB_SCRIPT_COMMON;
  uint16_t style = 0;
  font::FaceId face = font::kNoFace;
};

struct Itemization {
  std::vector<Item> items;  // logical order, covering the text without gaps
  uint8_t base_level = 0;   // the paragraph embedding level: 0 left to right, 1 right to left
};

// Itemizes `text` (UTF-8; ill-formed sequences count as U+FFFD).
// - Bidi levels come from resolve_bidi_levels.
// - Scripts follow UAX #24: Common and Inherited characters take the script of the text before them
//   within the same bidi level run (or after them, at the start of one); a closing bracket takes
//   the script of its opening bracket (a bounded stack: brackets nested deeper than kBracketDepth
//   forget the outermost ones); a character whose Script_Extensions include the current script keeps it.
// - Faces are chosen per extended grapheme cluster (UAX #29) so that a base and its marks, or an
//   emoji ZWJ sequence, never straddle two faces: emoji sequences use the colour emoji face,
//   everything else FontCollection::fallback_for on the cluster's first character. Common characters
//   (spaces, punctuation, digits) stay in the previous cluster's face when it covers them, so a run
//   of Arabic or CJK text is not cut at every space. A cluster no face covers gets the preferred face.
// - A cluster takes the style of its first byte.
// Complexity: O(n) in the text length, plus the font collection's coverage lookups.
Itemization itemize(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
                    BaseDirection direction, const font::FontCollection& fonts);

struct ItemizerCharProps;  // defined by the itemizer

// Buffers one caller reuses from paragraph to paragraph, so that itemizing allocates nothing once
// they have grown to the longest paragraph. Their contents are internal to itemize.
struct ItemizerScratch {
  // Text with no right-to-left or bidi control character is all at level 0 under a left-to-right or
  // automatic base direction, and text whose grapheme clusters are single characters plus combining
  // marks needs no break iterator; with fast_paths these cases skip the bidi algorithm and ICU's break
  // iterator and read common characters' properties from a table. The result is the same either way;
  // false exists so that tests can compare the two.
  bool fast_paths = true;

  // ASCII characters for which fallback_for gave `face` itself (with `language`): the answer depends
  // on nothing else, so it is kept from paragraph to paragraph.
  struct AsciiFaces {
    font::FaceId face = font::kNoFace;
    std::string language;
    uint64_t bits[2] = {0, 0};
  } ascii_faces;

  std::vector<char32_t> cps;
  std::vector<const ItemizerCharProps*> props;  // per code point: its table entry, or null
  std::vector<uint32_t> offset;      // byte offset of each code point; offset[n] = text size
  std::vector<UChar> u16;            // the UTF-16 form of the break iterator, built only when it is used
  std::vector<uint32_t> cp_of_unit;  // UTF-16 unit -> code point index
  BidiResolver bidi;
  std::vector<uint8_t> levels;
  std::vector<uint8_t> starts;
  std::vector<UScriptCode> scripts;
  std::vector<font::FaceId> faces;
  std::vector<uint16_t> style_of;
};

// As above, into `out` (its items are replaced), with `scratch`'s buffers.
void itemize(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
             BaseDirection direction, const font::FontCollection& fonts, ItemizerScratch& scratch, Itemization& out);

inline constexpr size_t kBracketDepth = 64;

struct BidiLevels {
  std::vector<uint8_t> levels;  // per code point of the text, after rules X1-I2 and L1 of UAX #9
  uint8_t base_level = 0;
};

// The bidi levels itemize uses (BidiResolver::resolve over the text's code points, with the fast
// path of ItemizerScratch). Ill-formed UTF-8 counts as U+FFFD.
BidiLevels resolve_bidi_levels(std::string_view text, BaseDirection direction);

}  // namespace inkset::shape
