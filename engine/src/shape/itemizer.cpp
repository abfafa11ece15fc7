#include "shape/itemizer.h"

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <memory>

#include "support/utf8.h"

namespace inkset::shape {
namespace {

constexpr char32_t kZwj = 0x200D;
constexpr char32_t kVs15 = 0xFE0E;  // text presentation selector
constexpr char32_t kVs16 = 0xFE0F;  // emoji presentation selector

// The paragraph decoded once: code points, their byte offsets, and the UTF-16 form ICU works on.
struct Decoded {
  std::vector<char32_t> cps;
  std::vector<uint32_t> offset;        // byte offset of each code point; offset[n] = text size
  std::vector<UChar> u16;
  std::vector<uint32_t> cp_of_unit;    // UTF-16 unit -> code point index
};

Decoded decode(std::string_view text) {
  Decoded d;
  d.cps.reserve(text.size());
  d.offset.reserve(text.size() + 1);
  d.u16.reserve(text.size());
  d.cp_of_unit.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    d.offset.push_back(static_cast<uint32_t>(pos));
    const char32_t cp = utf8::decode(text, pos);
    const auto index = static_cast<uint32_t>(d.cps.size());
    d.cps.push_back(cp);
    if (cp > 0xFFFF) {
      d.u16.push_back(U16_LEAD(cp));
      d.u16.push_back(U16_TRAIL(cp));
      d.cp_of_unit.push_back(index);
    } else {
      d.u16.push_back(static_cast<UChar>(cp));
    }
    d.cp_of_unit.push_back(index);
  }
  d.offset.push_back(static_cast<uint32_t>(text.size()));
  return d;
}

struct BidiCloser {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};
struct BreakCloser {
  void operator()(UBreakIterator* b) const { ubrk_close(b); }
};

// Levels per code point; falls back to the base level everywhere if ICU fails (degrade, never fail).
std::vector<uint8_t> bidi_levels(const Decoded& d, BaseDirection direction, uint8_t& base_level) {
  const UBiDiLevel para = direction == BaseDirection::kLtr   ? 0
                          : direction == BaseDirection::kRtl ? 1
                                                             : UBIDI_DEFAULT_LTR;
  std::vector<uint8_t> levels(d.cps.size(), direction == BaseDirection::kRtl ? 1 : 0);
  base_level = levels.empty() ? (direction == BaseDirection::kRtl ? 1 : 0) : levels[0];
  UErrorCode status = U_ZERO_ERROR;
  const auto length = static_cast<int32_t>(d.u16.size());
  std::unique_ptr<UBiDi, BidiCloser> bidi(ubidi_openSized(length, 0, &status));
  if (U_FAILURE(status) || length == 0) return levels;
  // Hardening: each bidi paragraph (UAX #9 P1: text up to and including a paragraph separator, such
  // as the line feed of a hard break) is given to ICU on its own. Resolution is per paragraph anyway,
  // but ICU 72 reallocates its paragraph table to the exact size at every separator it meets, which
  // made 100,000 hard breaks quadratic wherever realloc copies (sanitizers, small allocators).
  for (int32_t start = 0; start < length;) {
    int32_t end = start;
    while (end < length && u_charDirection(d.u16[end]) != U_BLOCK_SEPARATOR) ++end;
    if (end < length) end += d.u16[end] == u'\r' && end + 1 < length && d.u16[end + 1] == u'\n' ? 2 : 1;
    ubidi_setPara(bidi.get(), d.u16.data() + start, end - start, para, nullptr, &status);
    if (U_FAILURE(status)) return levels;
    if (start == 0) base_level = ubidi_getParaLevel(bidi.get());
    const UBiDiLevel* unit_levels = ubidi_getLevels(bidi.get(), &status);
    if (U_FAILURE(status)) return levels;
    for (int32_t u = start; u < end; ++u) levels[d.cp_of_unit[u]] = unit_levels[u - start];
    start = end;
  }
  return levels;
}

// Cluster start flags per code point (UAX #29 extended grapheme clusters).
std::vector<bool> grapheme_starts(const Decoded& d) {
  std::vector<bool> starts(d.cps.size() + 1, false);
  UErrorCode status = U_ZERO_ERROR;
  const auto length = static_cast<int32_t>(d.u16.size());
  std::unique_ptr<UBreakIterator, BreakCloser> it(ubrk_open(UBRK_CHARACTER, "", d.u16.data(), length, &status));
  if (U_FAILURE(status)) {
    starts.assign(starts.size(), true);
    return starts;
  }
  for (int32_t b = ubrk_first(it.get()); b != UBRK_DONE; b = ubrk_next(it.get()))
    starts[b < length ? d.cp_of_unit[b] : d.cps.size()] = true;
  return starts;
}

bool is_weak_script(UScriptCode s) { return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_UNKNOWN; }

// UAX #24 script runs, resolved within each bidi level run (a neutral between two directions
// belongs with the text of its own level, which is the text it is displayed next to).
std::vector<UScriptCode> resolve_scripts(const Decoded& d, const std::vector<uint8_t>& levels) {
  struct Open {
    UChar32 closer;
    UScriptCode script;
  };
  std::vector<UScriptCode> out(d.cps.size(), USCRIPT_COMMON);
  std::vector<Open> stack;
  stack.reserve(kBracketDepth);
  UScriptCode current = USCRIPT_COMMON;
  size_t level_run_start = 0;
  for (size_t i = 0; i < d.cps.size(); ++i) {
    if (i > 0 && levels[i] != levels[i - 1]) {
      current = USCRIPT_COMMON;
      level_run_start = i;
      stack.clear();
    }
    const auto cp = static_cast<UChar32>(d.cps[i]);
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode own = uscript_getScript(cp, &status);
    if (!is_weak_script(own) && own != current && !(!is_weak_script(current) && uscript_hasScript(cp, current))) {
      if (is_weak_script(current)) {
        // Leading neutrals of the level run take the first real script after them.
        for (size_t j = level_run_start; j < i; ++j) out[j] = own;
        for (Open& open : stack) open.script = own;
      }
      current = own;
    }
    out[i] = current;
    if (!is_weak_script(own)) continue;
    const auto bracket = static_cast<UBidiPairedBracketType>(u_getIntPropertyValue(cp, UCHAR_BIDI_PAIRED_BRACKET_TYPE));
    if (bracket == U_BPT_OPEN) {
      if (stack.size() == kBracketDepth) stack.erase(stack.begin());
      stack.push_back({u_getBidiPairedBracket(cp), current});
    } else if (bracket == U_BPT_CLOSE) {
      for (size_t k = stack.size(); k-- > 0;) {
        if (stack[k].closer != cp) continue;
        out[i] = current = stack[k].script;
        stack.resize(k);
        break;
      }
    }
  }
  return out;
}

hb_script_t to_hb(UScriptCode s) {
  if (is_weak_script(s)) return HB_SCRIPT_COMMON;
  return hb_script_from_string(uscript_getShortName(s), -1);
}

bool is_emoji_sequence(std::span<const char32_t> cluster, const font::FontCollection& fonts) {
  if (fonts.emoji_face() == font::kNoFace) return false;
  const auto base = static_cast<UChar32>(cluster.front());
  if (u_hasBinaryProperty(base, UCHAR_REGIONAL_INDICATOR)) return true;
  if (!u_hasBinaryProperty(base, UCHAR_EXTENDED_PICTOGRAPHIC) && !u_hasBinaryProperty(base, UCHAR_EMOJI)) return false;
  for (const char32_t cp : cluster) {
    if (cp == kVs15) return false;
    if (cp == kVs16 || cp == kZwj || u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EMOJI_MODIFIER)) return true;
  }
  return u_hasBinaryProperty(base, UCHAR_EMOJI_PRESENTATION);
}

}  // namespace

Itemization itemize(std::string_view text, std::span<const StyleRange> ranges, std::span<const ItemStyle> styles,
                    BaseDirection direction, const font::FontCollection& fonts) {
  Itemization result;
  const Decoded d = decode(text);
  const std::vector<uint8_t> levels = bidi_levels(d, direction, result.base_level);
  if (d.cps.empty()) return result;
  const std::vector<bool> starts = grapheme_starts(d);
  const std::vector<UScriptCode> scripts = resolve_scripts(d, levels);

  std::vector<font::FaceId> faces(d.cps.size(), font::kNoFace);
  std::vector<uint16_t> style_of(d.cps.size(), 0);
  size_t range = 0;
  for (size_t begin = 0; begin < d.cps.size();) {
    size_t end = begin + 1;
    while (!starts[end]) ++end;
    const uint32_t byte = d.offset[begin];
    while (range + 1 < ranges.size() && ranges[range].end <= byte) ++range;
    const uint16_t style = ranges.empty() ? 0 : ranges[range].style;
    const ItemStyle item_style = style < styles.size() ? styles[style] : ItemStyle{};
    const std::span<const char32_t> cluster(d.cps.data() + begin, end - begin);
    const auto base = static_cast<UChar32>(cluster.front());
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode own = uscript_getScript(base, &status);
    font::FaceId face = font::kNoFace;
    if (is_emoji_sequence(cluster, fonts) && fonts.covers(fonts.emoji_face(), cluster.front())) {
      face = fonts.emoji_face();
    } else if (begin > 0 && is_weak_script(own) && levels[begin - 1] == levels[begin] && style_of[begin - 1] == style &&
               faces[begin - 1] != fonts.emoji_face() && fonts.covers(faces[begin - 1], cluster.front())) {
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
  for (size_t i = 0; i < d.cps.size(); ++i) {
    const hb_script_t script = to_hb(scripts[i]);
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
  return result;
}

}  // namespace inkset::shape
