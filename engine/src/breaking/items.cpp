#include "breaking/items.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <iterator>

#include "support/utf8.h"

namespace inkset::breaking {
namespace {

enum PointKind : uint8_t { kAllowed, kMandatory, kDictionaryHyphen };

using BreakPoint = ItemList::Scratch::Point;

bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t';  // the only ASCII Zs is U+0020
  // Zs except the no-break spaces (UAX #14 class GL), plus tab: these become interword glue.
  if (cp == 0x00A0 || cp == 0x2007 || cp == 0x202F) return false;
  return cp == '\t' || u_charType(static_cast<UChar32>(cp)) == U_SPACE_SEPARATOR;
}

bool is_line_end(char32_t cp) {
  // UAX #14 classes BK, CR, LF, NL.
  return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';  // ASCII has no marks; its letters are a-z, A-Z
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return cp == 0x00AD || u_isalpha(static_cast<UChar32>(cp)) || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// The code point that ends just before `end` (text is scanned backwards over continuation bytes).
char32_t decode_before(std::string_view text, size_t end, size_t& start) {
  if (static_cast<unsigned char>(text[end - 1]) < 0x80) {
    start = end - 1;
    return static_cast<unsigned char>(text[start]);
  }
  start = end;
  while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80 && end - start < 3) --start;
  if (start > 0) --start;
  size_t pos = start;
  const char32_t cp = utf8::decode(text, pos);
  if (pos != end) {  // ill-formed tail: treat the last byte alone
    start = end - 1;
    return utf8::kReplacement;
  }
  return cp;
}

Fixed scaled(Fixed width, Fraction f) {
  return static_cast<Fixed>(static_cast<int64_t>(width) * f.num / f.den);
}

// utf8::decode with ASCII, most of a Latin text, answered inline.
char32_t next_char(std::string_view text, size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    ++pos;
    return byte;
  }
  return utf8::decode(text, pos);
}

void collect_dictionary_points(std::string_view text, const Hyphenator& hyphenator, const HyphenationLimits& limits,
                               std::vector<uint32_t>& scratch, std::vector<BreakPoint>& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = next_char(text, pos);
    if (!is_word_char(cp)) continue;
    size_t end = pos;
    while (end < text.size()) {
      size_t next = end;
      cp = next_char(text, next);
      if (!is_word_char(cp)) break;
      end = next;
    }
    scratch.clear();
    hyphenator.hyphenate(text.substr(start, end - start), limits, scratch);
    for (const uint32_t o : scratch) out.push_back({static_cast<uint32_t>(start + o), kDictionaryHyphen});
    pos = end;
  }
}

uint32_t run_of_glyph(const shape::ShapedParagraph& para, uint32_t g) {
  const auto it = std::upper_bound(para.runs.begin(), para.runs.end(), g,
                                   [](uint32_t v, const shape::ShapedRun& r) { return v < r.glyph_begin; });
  return static_cast<uint32_t>(it == para.runs.begin() ? 0 : (it - para.runs.begin()) - 1);
}

bool can_hyphenate(const shape::ShapedParagraph& para, std::span<const Fixed> hyphen_advance_by_run) {
  return !hyphen_advance_by_run.empty() && hyphen_advance_by_run.size() == para.runs.size();
}

// A hyphen may be drawn at `o` unless it falls inside a cluster, at the end, or before a glyph whose
// shaping depends on what precedes it.
bool hyphen_fits(const shape::ShapedParagraph& para, const ItemList::Scratch& scratch, uint32_t o) {
  const uint32_t g = scratch.glyph_at[o];
  return scratch.cluster_start[o] && g < para.glyph_count() && !(para.flags[g] & shape::kUnsafeToBreak);
}

// The penalty of a discretionary hyphen at `o` (a dictionary point or after a soft hyphen).
Item hyphen_penalty(const shape::ShapedParagraph& para, const ItemList::Scratch& scratch,
                    std::span<const Fixed> hyphen_advance_by_run, const ItemParams& params, uint32_t o,
                    bool dictionary) {
  Item h;
  h.kind = ItemKind::kPenalty;
  h.penalty = params.hyphen_penalty;
  h.text_begin = h.text_end = o;
  h.glyph_begin = h.glyph_end = scratch.glyph_at[o];
  h.flagged = true;
  h.dictionary = dictionary;
  h.run = run_of_glyph(para, scratch.glyph_at[o] - 1);
  h.width = hyphen_advance_by_run[h.run];
  return h;
}

// A box of para's glyphs for text [begin, end).
Item text_box(const shape::ShapedParagraph& para, const ItemList::Scratch& scratch, uint32_t begin, uint32_t end) {
  Item box;
  box.text_begin = begin;
  box.text_end = end;
  box.glyph_begin = scratch.glyph_at[begin];
  box.glyph_end = scratch.glyph_at[end];
  for (uint32_t g = box.glyph_begin; g < box.glyph_end; ++g) box.width += para.advance[g];
  return box;
}

}  // namespace

void build_items(const shape::ShapedParagraph& para, std::span<const BreakOpportunity> breaks,
                 const Hyphenator* hyphenator, std::span<const Fixed> hyphen_advance_by_run,
                 const ItemParams& params, ItemList& out) {
  out.clear();
  out.shaped = &para;
  const std::string_view text = para.text;
  const auto text_size = static_cast<uint32_t>(text.size());
  out.text_size = text_size;
  const auto glyph_count = static_cast<uint32_t>(para.glyph_count());
  const bool hyphens_drawn = can_hyphenate(para, hyphen_advance_by_run);
  out.dictionary = hyphenator != nullptr;

  // glyph_at[o]: the first glyph whose cluster is >= o; a break at o is clean only if a cluster
  // starts exactly there (clusters never decrease along the arrays, see ShapedParagraph).
  ItemList::Scratch& scratch = out.scratch;
  std::vector<uint32_t>& glyph_at = scratch.glyph_at;
  std::vector<uint8_t>& cluster_start = scratch.cluster_start;
  glyph_at.assign(text_size + 1, glyph_count);
  cluster_start.assign(text_size + 1, 0);
  cluster_start[text_size] = 1;
  // One pass over the glyphs: the offset map and the cluster starts.
  {
    uint32_t o = 0;
    for (uint32_t g = 0; g < glyph_count; ++g) {
      const uint32_t c = std::min(para.cluster[g], text_size);
      while (o <= c) glyph_at[o++] = g;
      if (g == 0 || para.cluster[g] != para.cluster[g - 1]) cluster_start[c] = 1;
    }
  }

  std::vector<BreakPoint>& breaks_kept = scratch.breaks;
  breaks_kept.clear();
  for (const BreakOpportunity& b : breaks) {
    if (b.offset == 0 || b.offset >= text_size) continue;
    breaks_kept.push_back({b.offset, b.kind == BreakKind::kMandatory ? kMandatory : kAllowed});
  }
  std::vector<BreakPoint>& hyphens = scratch.hyphens;
  hyphens.clear();
  if (hyphenator && hyphens_drawn) collect_dictionary_points(text, *hyphenator, params.hyphenation, scratch.word_points, hyphens);
  // Stable: at one offset the opportunity comes before the hyphenation point.
  std::vector<BreakPoint>& points = scratch.points;
  points.clear();
  std::merge(breaks_kept.begin(), breaks_kept.end(), hyphens.begin(), hyphens.end(), std::back_inserter(points),
             [](const BreakPoint& a, const BreakPoint& b) { return a.offset < b.offset; });

  // The item is completed where it is stored: completing a copy passed by value and storing that
  // made the processor stall on reading back what it had just written (a quarter of this function's
  // time).
  auto push = [&](const Item& proto) {
    Item& item = out.items.emplace_back(proto);
    item.glyph_begin = glyph_at[item.text_begin];
    item.glyph_end = glyph_at[item.text_end];
    if (item.kind == ItemKind::kBox || item.kind == ItemKind::kGlue) {
      Fixed width = 0;
      for (uint32_t g = item.glyph_begin; g < item.glyph_end; ++g) width += para.advance[g];
      if (item.kind == ItemKind::kBox) {
        item.width += width;
      } else if (!item.fil) {
        item.width = width;
        item.stretch = scaled(width, params.glue_stretch);
        item.shrink = scaled(width, params.glue_shrink);
      }
    }
  };
  auto penalty = [&](uint32_t at, int32_t value) {
    Item p;
    p.kind = ItemKind::kPenalty;
    p.penalty = value;
    p.text_begin = p.text_end = at;
    return p;
  };
  // Ends a line for good: no break before the fil glue, a forced break after it (TeX's \par).
  auto finish_line = [&](uint32_t space_begin, uint32_t end) {
    push(penalty(space_begin, kInfinitePenalty));
    Item glue;
    glue.kind = ItemKind::kGlue;
    glue.fil = true;
    glue.text_begin = space_begin;
    glue.text_end = end;
    push(glue);
    push(penalty(end, kForcedPenalty));
  };
  // Trailing spaces and line ends of [begin, end): where the glue starts.
  auto space_start = [&](uint32_t begin, uint32_t end) {
    uint32_t sp = end;
    while (sp > begin) {
      size_t start = 0;
      const char32_t cp = decode_before(text, sp, start);
      if (start < begin || !(is_space(cp) || is_line_end(cp))) break;
      sp = static_cast<uint32_t>(start);
    }
    while (sp < end && !cluster_start[sp]) ++sp;  // a space fused into a cluster stays in the box
    return sp;
  };

  if (params.first_line_indent != 0) {
    Item indent;
    indent.width = params.first_line_indent;
    push(indent);
  }
  uint32_t box_start = 0;
  auto emit_box = [&](uint32_t end) {
    if (end <= box_start) return;
    Item box;
    box.text_begin = box_start;
    box.text_end = end;
    push(box);
  };
  for (const BreakPoint& p : points) {
    const uint32_t o = p.offset;
    if (o <= box_start || !cluster_start[o]) continue;
    if (p.kind == kDictionaryHyphen || (o >= 2 && text.substr(o - 2, 2) == "\xC2\xAD")) {
      // A discretionary hyphen: dictionary point or after a soft hyphen.
      if (!hyphens_drawn || !hyphen_fits(para, scratch, o)) continue;
      emit_box(o);
      push(hyphen_penalty(para, scratch, hyphen_advance_by_run, params, o, p.kind == kDictionaryHyphen));
      box_start = o;
      continue;
    }
    const uint32_t sp = space_start(box_start, o);
    emit_box(sp);
    if (p.kind == kMandatory) {
      finish_line(sp, o);
    } else if (sp < o) {
      Item glue;
      glue.kind = ItemKind::kGlue;
      glue.text_begin = sp;
      glue.text_end = o;
      push(glue);
    } else {
      size_t start = 0;
      const char32_t last = decode_before(text, o, start);
      if (last == '-' || last == 0x2010) {
        Item h = penalty(o, params.explicit_hyphen_penalty);
        h.flagged = true;
        h.run = run_of_glyph(para, glyph_at[o] == 0 ? 0 : glyph_at[o] - 1);
        push(h);
      } else {
        push(penalty(o, 0));
      }
    }
    box_start = o;
  }
  const uint32_t sp = space_start(box_start, text_size);
  emit_box(sp);
  finish_line(sp, text_size);
}

void add_dictionary_points(const shape::ShapedParagraph& para, const Hyphenator& hyphenator,
                           std::span<const Fixed> hyphen_advance_by_run, const ItemParams& params, ItemList& items) {
  ItemList::Scratch& scratch = items.scratch;
  std::vector<BreakPoint>& hyphens = scratch.hyphens;
  hyphens.clear();
  items.dictionary = true;
  if (!can_hyphenate(para, hyphen_advance_by_run)) return;
  collect_dictionary_points(para.text, hyphenator, params.hyphenation, scratch.word_points, hyphens);
  if (hyphens.empty()) return;
  // Dictionary points lie inside words, so inside boxes: each splits its box, as build_items splits
  // the box it is building. A point on a box's start is one build_items meets after the break there.
  // The list grows in place, filled from its end, so that no second list as long is needed.
  std::vector<Item>& list = items.items;
  auto splits_box = [](const Item& it) { return it.kind == ItemKind::kBox && it.text_begin != it.text_end; };
  size_t added = 0;
  for (size_t i = 0, h = 0; i < list.size(); ++i) {
    if (!splits_box(list[i])) continue;
    while (h < hyphens.size() && hyphens[h].offset <= list[i].text_begin) ++h;
    for (; h < hyphens.size() && hyphens[h].offset < list[i].text_end; ++h)
      if (hyphen_fits(para, scratch, hyphens[h].offset)) added += 2;  // a penalty and a box
  }
  if (added == 0) return;
  const size_t before = list.size();
  list.resize(before + added);
  size_t to = list.size();  // items [to, end) are final; `to` never falls below the item being read
  size_t h = hyphens.size();
  for (size_t i = before; i-- > 0;) {
    const Item it = list[i];
    if (!splits_box(it)) {
      list[--to] = it;
      continue;
    }
    while (h > 0 && hyphens[h - 1].offset >= it.text_end) --h;
    uint32_t end = it.text_end;
    for (; h > 0 && hyphens[h - 1].offset > it.text_begin; --h) {
      const uint32_t o = hyphens[h - 1].offset;
      if (!hyphen_fits(para, scratch, o)) continue;
      list[--to] = text_box(para, scratch, o, end);
      list[--to] = hyphen_penalty(para, scratch, hyphen_advance_by_run, params, o, true);
      end = o;
    }
    list[--to] = end == it.text_end ? it : text_box(para, scratch, it.text_begin, end);
  }
}

}  // namespace inkset::breaking
