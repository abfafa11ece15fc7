#include "shape/itemizer.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <memory>

#include "support/utf8.h"

namespace inkset::shape {

// What itemizing asks ICU about a character, read once into a table for the characters most text
// is made of (Latin, Greek, Cyrillic, Armenian and combining marks below U+0590; general punctuation),
// so that such text is itemized without a property lookup per character.
struct ItemizerCharProps {
  UScriptCode script = USCRIPT_COMMON;
  uint8_t bracket = U_BPT_NONE;  // UBidiPairedBracketType
  uint8_t grapheme = U_GCB_OTHER;  // UGraphemeClusterBreak
  bool emoji = false;          // Regional_Indicator, Extended_Pictographic or Emoji
  bool right_to_left = false;  // a bidi class that can raise a level: R, AL, AN or explicit formatting
  // Left to right, its own grapheme cluster (or one of CR LF), and never an emoji sequence alone:
  // a paragraph of such characters in one script is itemized by its styles alone.
  bool simple = false;
};

namespace {

using CharProps = ItemizerCharProps;

constexpr char32_t kZwj = 0x200D;
constexpr char32_t kVs15 = 0xFE0E;  // text presentation selector
constexpr char32_t kVs16 = 0xFE0F;  // emoji presentation selector

using Decoded = ItemizerScratch;

bool raises_level(UCharDirection d) {
  switch (d) {
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC:
    case U_ARABIC_NUMBER:
    case U_LEFT_TO_RIGHT_EMBEDDING:
    case U_LEFT_TO_RIGHT_OVERRIDE:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_POP_DIRECTIONAL_FORMAT:
    case U_LEFT_TO_RIGHT_ISOLATE:
    case U_RIGHT_TO_LEFT_ISOLATE:
    case U_FIRST_STRONG_ISOLATE:
    case U_POP_DIRECTIONAL_ISOLATE: return true;
    default: return false;
  }
}

CharProps icu_props(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  UErrorCode status = U_ZERO_ERROR;
  CharProps p;
  p.script = uscript_getScript(c, &status);
  p.bracket = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE));
  p.grapheme = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK));
  p.emoji = u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
            u_hasBinaryProperty(c, UCHAR_EMOJI);
  p.right_to_left = raises_level(u_charDirection(c));
  const bool emoji_alone = u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
                           (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) &&
                            (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_EMOJI)));
  const bool own_cluster = p.grapheme == U_GCB_OTHER || p.grapheme == U_GCB_CR || p.grapheme == U_GCB_LF ||
                           p.grapheme == U_GCB_CONTROL;
  p.simple = !p.right_to_left && own_cluster && !emoji_alone;
  return p;
}

constexpr char32_t kLowEnd = 0x0590;
constexpr char32_t kPunctuationBegin = 0x2000;
constexpr char32_t kPunctuationEnd = 0x2070;

// The table, filled from ICU on first use, so it cannot disagree with it.
const CharProps* props_table() {
  static const std::vector<CharProps> table = [] {
    std::vector<CharProps> t;
    t.reserve(kLowEnd + kPunctuationEnd - kPunctuationBegin);
    for (char32_t c = 0; c < kLowEnd; ++c) t.push_back(icu_props(c));
    for (char32_t c = kPunctuationBegin; c < kPunctuationEnd; ++c) t.push_back(icu_props(c));
    return t;
  }();
  return table.data();
}

// The table's entry for cp, or nullptr outside it.
const CharProps* table_props(const CharProps* table, char32_t cp) {
  if (cp < kLowEnd) return table + cp;
  if (cp >= kPunctuationBegin && cp < kPunctuationEnd) return table + kLowEnd + (cp - kPunctuationBegin);
  return nullptr;
}

UScriptCode script_of(const CharProps* p, char32_t cp) {
  if (p) return p->script;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status);
}

UBidiPairedBracketType bracket_of(const CharProps* p, char32_t cp) {
  if (p) return static_cast<UBidiPairedBracketType>(p->bracket);
  return static_cast<UBidiPairedBracketType>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_BIDI_PAIRED_BRACKET_TYPE));
}

void decode(std::string_view text, Decoded& d) {
  d.cps.clear();
  d.offset.clear();
  d.u16.clear();
  d.cp_of_unit.clear();
  d.props.clear();
  // Without the fast paths every property comes from ICU.
  const CharProps* table = d.fast_paths ? props_table() : nullptr;
  for (size_t pos = 0; pos < text.size();) {
    d.offset.push_back(static_cast<uint32_t>(pos));
    const char32_t cp =
        static_cast<unsigned char>(text[pos]) < 0x80 ? static_cast<unsigned char>(text[pos++]) : utf8::decode(text, pos);
    d.cps.push_back(cp);
    d.props.push_back(table ? table_props(table, cp) : nullptr);
  }
  d.offset.push_back(static_cast<uint32_t>(text.size()));
}

// The UTF-16 form, for the ICU calls of the general paths.
void build_utf16(Decoded& d) {
  if (!d.u16.empty() || d.cps.empty()) return;
  for (size_t index = 0; index < d.cps.size(); ++index) {
    const char32_t cp = d.cps[index];
    if (cp > 0xFFFF) {
      d.u16.push_back(U16_LEAD(cp));
      d.u16.push_back(U16_TRAIL(cp));
      d.cp_of_unit.push_back(static_cast<uint32_t>(index));
    } else {
      d.u16.push_back(static_cast<UChar>(cp));
    }
    d.cp_of_unit.push_back(static_cast<uint32_t>(index));
  }
}

struct BreakCloser {
  void operator()(UBreakIterator* b) const { ubrk_close(b); }
};

// Levels per code point into d.levels; returns the first paragraph's level.
uint8_t bidi_levels(Decoded& d, BaseDirection direction) {
  if (d.fast_paths && direction != BaseDirection::kRtl) {
    // Without R, AL, AN or explicit formatting, the first strong character (if any) is L (P2, P3),
    // every EN follows L or sos and becomes L (W7), and neutrals between L and L resolve to L (N1):
    // everything stays at level 0.
    bool rtl = false;
    for (size_t i = 0; i < d.cps.size(); ++i) {
      const CharProps* p = d.props[i];
      if (p ? p->right_to_left : raises_level(u_charDirection(static_cast<UChar32>(d.cps[i])))) {
        rtl = true;
        break;
      }
    }
    if (!rtl) {
      d.levels.assign(d.cps.size(), 0);
      return 0;
    }
  }
  return d.bidi.resolve(d.cps, direction, d.levels);
}

// Whether UAX #29's rules reduce to GB3-GB5 and GB9 for these classes: a cluster is one character
// plus the Extend characters after it, except around controls and CR LF.
bool simple_grapheme_class(uint8_t gcb) {
  return gcb == U_GCB_OTHER || gcb == U_GCB_CR || gcb == U_GCB_LF || gcb == U_GCB_CONTROL || gcb == U_GCB_EXTEND;
}

bool is_control_class(uint8_t gcb) { return gcb == U_GCB_CR || gcb == U_GCB_LF || gcb == U_GCB_CONTROL; }

// Cluster start flags per code point (UAX #29 extended grapheme clusters) into d.starts.
void grapheme_starts(Decoded& d) {
  const size_t n = d.cps.size();
  d.starts.assign(n + 1, 0);
  if (d.fast_paths) {
    bool simple = true;
    uint8_t prev = U_GCB_CONTROL;  // GB1: a break at the start
    for (size_t i = 0; i < n && simple; ++i) {
      const CharProps* p = d.props[i];
      const uint8_t gcb = p ? p->grapheme
                            : static_cast<uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(d.cps[i]),
                                                                          UCHAR_GRAPHEME_CLUSTER_BREAK));
      simple = simple_grapheme_class(gcb);
      const bool joins = (prev == U_GCB_CR && gcb == U_GCB_LF) ||                             // GB3
                         (!is_control_class(prev) && !is_control_class(gcb) && gcb == U_GCB_EXTEND);  // GB4, GB5, GB9
      d.starts[i] = !joins || i == 0;
      prev = gcb;
    }
    if (simple) {
      d.starts[n] = 1;
      return;
    }
    d.starts.assign(n + 1, 0);
  }
  build_utf16(d);
  UErrorCode status = U_ZERO_ERROR;
  const auto length = static_cast<int32_t>(d.u16.size());
  std::unique_ptr<UBreakIterator, BreakCloser> it(ubrk_open(UBRK_CHARACTER, "", d.u16.data(), length, &status));
  if (U_FAILURE(status)) {
    d.starts.assign(n + 1, 1);
    return;
  }
  for (int32_t b = ubrk_first(it.get()); b != UBRK_DONE; b = ubrk_next(it.get()))
    d.starts[b < length ? d.cp_of_unit[b] : n] = 1;
}

bool is_weak_script(UScriptCode s) { return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_UNKNOWN; }

// UAX #24 script runs, resolved within each bidi level run (a neutral between two directions
// belongs with the text of its own level, which is the text it is displayed next to).
void resolve_scripts(Decoded& d) {
  struct Open {
    UChar32 closer;
    UScriptCode script;
  };
  const std::vector<uint8_t>& levels = d.levels;
  std::vector<UScriptCode>& out = d.scripts;
  out.assign(d.cps.size(), USCRIPT_COMMON);
  std::array<Open, kBracketDepth> stack;
  size_t depth = 0;
  UScriptCode current = USCRIPT_COMMON;
  size_t level_run_start = 0;
  for (size_t i = 0; i < d.cps.size(); ++i) {
    if (i > 0 && levels[i] != levels[i - 1]) {
      current = USCRIPT_COMMON;
      level_run_start = i;
      depth = 0;
    }
    const auto cp = static_cast<UChar32>(d.cps[i]);
    const UScriptCode own = script_of(d.props[i], d.cps[i]);
    if (!is_weak_script(own) && own != current && !(!is_weak_script(current) && uscript_hasScript(cp, current))) {
      if (is_weak_script(current)) {
        // Leading neutrals of the level run take the first real script after them.
        for (size_t j = level_run_start; j < i; ++j) out[j] = own;
        for (size_t k = 0; k < depth; ++k) stack[k].script = own;
      }
      current = own;
    }
    out[i] = current;
    if (!is_weak_script(own)) continue;
    const UBidiPairedBracketType bracket = bracket_of(d.props[i], d.cps[i]);
    if (bracket == U_BPT_OPEN) {
      if (depth == kBracketDepth) {
        std::move(stack.begin() + 1, stack.end(), stack.begin());
        --depth;
      }
      stack[depth++] = {u_getBidiPairedBracket(cp), current};
    } else if (bracket == U_BPT_CLOSE) {
      for (size_t k = depth; k-- > 0;) {
        if (stack[k].closer != cp) continue;
        out[i] = current = stack[k].script;
        depth = k;
        break;
      }
    }
  }
}

hb_script_t to_hb(UScriptCode s) {
  if (is_weak_script(s)) return HB_SCRIPT_COMMON;
  return hb_script_from_string(uscript_getShortName(s), -1);
}

bool looks_like_emoji_sequence(std::span<const char32_t> cluster, const CharProps* base_props) {
  const auto base = static_cast<UChar32>(cluster.front());
  if (base_props && !base_props->emoji) return false;
  if (u_hasBinaryProperty(base, UCHAR_REGIONAL_INDICATOR)) return true;
  if (!u_hasBinaryProperty(base, UCHAR_EXTENDED_PICTOGRAPHIC) && !u_hasBinaryProperty(base, UCHAR_EMOJI)) return false;
  for (const char32_t cp : cluster) {
    if (cp == kVs15) return false;
    if (cp == kVs16 || cp == kZwj || u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EMOJI_MODIFIER)) return true;
  }
  return u_hasBinaryProperty(base, UCHAR_EMOJI_PRESENTATION);
}

// The emoji face is asked for last: finding it may list the system fonts, which digits and other
// characters with the Emoji property but text presentation never need.
bool is_emoji_sequence(std::span<const char32_t> cluster, const CharProps* base_props,
                       const font::FontCollection& fonts) {
  return looks_like_emoji_sequence(cluster, base_props) && fonts.emoji_face() != font::kNoFace;
}

// What itemize_simple needs of a byte, from the table: ASCII characters that are simple and either
// neutral or of the one script of ASCII letters take its fast loop.
struct AsciiKinds {
  static constexpr uint8_t kFast = 1;
  static constexpr uint8_t kLetter = 2;  // of letter_script
  std::array<uint8_t, 256> kind{};  // 0 for bytes >= 0x80
  UScriptCode letter_script = USCRIPT_LATIN;
};

const AsciiKinds& ascii_kinds() {
  static const AsciiKinds kinds = [] {
    AsciiKinds k;
    const CharProps* table = props_table();
    k.letter_script = table['a'].script;
    for (char32_t c = 0; c < 0x80; ++c) {
      const CharProps& p = table[c];
      const bool weak = is_weak_script(p.script);
      if (!p.simple || !(weak || p.script == k.letter_script)) continue;
      k.kind[c] = AsciiKinds::kFast | (weak ? 0 : AsciiKinds::kLetter);
    }
    return k;
  }();
  return kinds;
}

// The common case, answered from the text in one pass, without decoding it into the scratch arrays
// or the per-cluster machinery: every character is simple (see ItemizerCharProps), the real scripts
// are one script, and each style's preferred face is the one fallback_for picks for each of its
// characters. Then the general path would give every character level 0, that script (leading
// neutrals and brackets take it too) and its style's preferred face, so the items are the runs of
// equal style. Returns false, with `out` unspecified, when any of this does not hold.
bool itemize_simple(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
                    const font::FontCollection& fonts, ItemizerScratch::AsciiFaces& known, Itemization& out) {
  const CharProps* table = props_table();
  const AsciiKinds& ascii = ascii_kinds();
  UScriptCode script = USCRIPT_COMMON;
  size_t range = 0;
  uint32_t range_end = 0;
  Item item;
  ItemStyle item_style;
  // A character's script counts only if it is a real one: all of them must be one script.
  auto same_script = [&](UScriptCode s) {
    if (is_weak_script(s)) return true;
    if (is_weak_script(script)) script = s;
    return s == script;
  };
  // Whether the current style's face is the one fallback_for gives cp. ASCII answers are kept in
  // `known` from paragraph to paragraph: nearly all of a document's text asks about one face.
  auto own_face = [&](char32_t cp) {
    if (cp >= 0x80) return fonts.fallback_for(cp, item_style.preferred, item_style.language) == item_style.preferred;
    uint64_t& bits = known.bits[cp >> 6];
    const uint64_t bit = uint64_t{1} << (cp & 63);
    if (bits & bit) return true;
    if (fonts.fallback_for(cp, item_style.preferred, item_style.language) != item_style.preferred) return false;
    bits |= bit;
    return true;
  };
  char32_t prev = 0;
  for (size_t pos = 0; pos < text.size();) {
    // A run of ASCII inside one style range, most of a Latin text, in a loop of its own.
    if (pos != 0 && pos < range_end) {
      const size_t limit = std::min<size_t>(text.size(), range_end);
      const size_t run_begin = pos;
      uint8_t seen = 0;
      for (; pos < limit; ++pos) {
        const auto b = static_cast<unsigned char>(text[pos]);
        const uint8_t c = ascii.kind[b];
        if (!(c & AsciiKinds::kFast)) break;
        seen |= c;
        if (!(known.bits[b >> 6] >> (b & 63) & 1) && !own_face(b)) return false;
      }
      if ((seen & AsciiKinds::kLetter) && !same_script(ascii.letter_script)) return false;
      if (pos > run_begin) prev = static_cast<unsigned char>(text[pos - 1]);
      if (pos == text.size()) break;
    }
    const auto offset = static_cast<uint32_t>(pos);
    const auto byte = static_cast<unsigned char>(text[pos]);
    const char32_t cp = byte < 0x80 ? text[pos++] : utf8::decode(text, pos);
    const CharProps* p = table_props(table, cp);
    if (!p || !p->simple || !same_script(p->script)) return false;
    if (offset == 0 || offset >= range_end) {
      while (range + 1 < ranges.size() && ranges[range].end <= offset) ++range;
      range_end = ranges.empty() ? UINT32_MAX : ranges[range].end;
      const uint16_t style = ranges.empty() ? 0 : ranges[range].style;
      if (offset == 0 || style != item.style) {
        // LF after CR belongs to CR's cluster, and so to its style: left to the general path.
        if (offset > 0 && cp == '\n' && prev == '\r') return false;
        item_style = style < styles.size() ? styles[style] : ItemStyle{};
        if (item_style.preferred == font::kNoFace) return false;
        if (known.face != item_style.preferred || known.language != item_style.language) {
          known.face = item_style.preferred;
          known.language = item_style.language;
          known.bits[0] = known.bits[1] = 0;
        }
        if (offset > 0) {
          item.end = offset;
          out.items.push_back(item);
        }
        item = Item{offset, 0, 0, HB_SCRIPT_COMMON, style, item_style.preferred};
      }
    }
    prev = cp;
    if (!own_face(cp)) return false;
  }
  item.end = static_cast<uint32_t>(text.size());
  out.items.push_back(item);
  const hb_script_t hb_script = to_hb(script);
  for (Item& it : out.items) it.script = hb_script;
  return true;
}

}  // namespace

BidiLevels resolve_bidi_levels(std::string_view text, BaseDirection direction) {
  Decoded d;
  decode(text, d);
  BidiLevels out;
  out.base_level = bidi_levels(d, direction);
  out.levels = std::move(d.levels);
  return out;
}

Itemization itemize(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
                    BaseDirection direction, const font::FontCollection& fonts) {
  ItemizerScratch scratch;
  Itemization result;
  itemize(text, ranges, styles, direction, fonts, scratch, result);
  return result;
}

void itemize(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
             BaseDirection direction, const font::FontCollection& fonts, ItemizerScratch& d, Itemization& result) {
  result.items.clear();
  if (d.fast_paths && direction != BaseDirection::kRtl && !text.empty()) {
    result.base_level = 0;
    if (itemize_simple(text, ranges, styles, fonts, d.ascii_faces, result)) return;
    result.items.clear();
  }
  decode(text, d);
  result.base_level = bidi_levels(d, direction);
  if (d.cps.empty()) return;
  grapheme_starts(d);
  resolve_scripts(d);
  const std::vector<uint8_t>& levels = d.levels;
  const std::vector<uint8_t>& starts = d.starts;
  std::vector<font::FaceId>& faces = d.faces;
  std::vector<uint16_t>& style_of = d.style_of;
  faces.assign(d.cps.size(), font::kNoFace);
  style_of.assign(d.cps.size(), 0);
  size_t range = 0;
  for (size_t begin = 0; begin < d.cps.size();) {
    size_t end = begin + 1;
    while (!starts[end]) ++end;
    const uint32_t byte = d.offset[begin];
    while (range + 1 < ranges.size() && ranges[range].end <= byte) ++range;
    const uint16_t style = ranges.empty() ? 0 : ranges[range].style;
    const ItemStyle item_style = style < styles.size() ? styles[style] : ItemStyle{};
    const std::span<const char32_t> cluster(d.cps.data() + begin, end - begin);
    const UScriptCode own = script_of(d.props[begin], cluster.front());
    font::FaceId face = font::kNoFace;
    if (is_emoji_sequence(cluster, d.props[begin], fonts) && fonts.covers(fonts.emoji_face(), cluster.front())) {
      face = fonts.emoji_face();
    } else if (begin > 0 && is_weak_script(own) && levels[begin - 1] == levels[begin] && style_of[begin - 1] == style &&
               !fonts.is_emoji_face(faces[begin - 1]) && fonts.covers(faces[begin - 1], cluster.front())) {
      face = faces[begin - 1];
    } else {
      face = fonts.fallback_for(cluster.front(), item_style.preferred, item_style.language);
      if (face == font::kNoFace) face = item_style.preferred;
    }
    for (size_t i = begin; i < end; ++i) {
      faces[i] = face;
      style_of[i] = style;
    }
    begin = end;
  }

  Item item;
  UScriptCode known = USCRIPT_INVALID_CODE;
  hb_script_t script = HB_SCRIPT_COMMON;
  for (size_t i = 0; i < d.cps.size(); ++i) {
    if (d.scripts[i] != known) {
      known = d.scripts[i];
      script = to_hb(known);
    }
    if (i > 0 && levels[i] == item.bidi_level && script == item.script && style_of[i] == item.style &&
        faces[i] == item.face)
      continue;
    if (i > 0) {
      item.end = d.offset[i];
      result.items.push_back(item);
    }
    item = Item{d.offset[i], 0, levels[i], script, style_of[i], faces[i]};
  }
  item.end = d.offset[d.cps.size()];
  result.items.push_back(item);
}

}  // namespace inkset::shape
