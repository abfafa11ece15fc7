#include "breaking/line_builder.h"

#include <unicode/ubidi.h>

#include <algorithm>
#include <string_view>

#include "support/utf8.h"

namespace inkset::breaking {
namespace {

// First glyph in [begin, end) whose cluster is >= offset (clusters never decrease).
uint32_t glyph_for_offset(const shape::ShapedParagraph& para, uint32_t begin, uint32_t end, uint32_t offset) {
  const auto first = para.cluster.begin() + begin;
  return static_cast<uint32_t>(std::lower_bound(first, para.cluster.begin() + end, offset) - para.cluster.begin());
}

// The first and the last character of a line's text, trailing spaces and line feeds left out.
char32_t first_char(std::string_view text, uint32_t begin, uint32_t end) {
  size_t pos = begin;
  return begin < end ? utf8::decode(text.substr(0, end), pos) : 0;
}

char32_t last_char(std::string_view text, uint32_t begin, uint32_t end) {
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t')) --end;
  if (end == begin) return 0;
  size_t pos = end - 1;
  while (pos > begin && (static_cast<uint8_t>(text[pos]) & 0xC0) == 0x80) --pos;
  return utf8::decode(text.substr(0, end), pos);
}

}  // namespace

int32_t left_protrusion(char32_t c) {
  switch (c) {
    case U'\u2018': case U'\u201C': case U'\u201A': case U'\u201E': case U'"': case U'\'': return 700;
    case U'\u00AB': case U'\u2039': return 400;  // guillemets are wider
    case U'\u2014': return 400;
    case U'\u2013': return 500;
    default: return 0;
  }
}

int32_t right_protrusion(char32_t c) {
  switch (c) {
    case U'-': case U'\u00AD': case U'\u2010': case U'\u2011': return 700;
    case U'.': case U',': return 700;
    case U'\u2019': case U'\u201D': case U'"': case U'\'': return 700;
    case U':': case U';': return 500;
    case U'\u2013': return 500;
    case U'\u2014': case U'\u00BB': case U'\u203A': return 400;
    case U'!': case U'?': return 200;
    default: return 0;
  }
}

PlacedLineView PlacedLines::operator[](size_t i) const {
  const Line& l = m_lines[i];
  PlacedLineView v;
  v.runs = std::span<const PlacedRun>(m_runs).subspan(l.run_first, l.run_count);
  v.glyph_id = std::span<const uint32_t>(m_glyph_id).subspan(l.glyph_first, l.glyph_count);
  v.x = std::span<const Fixed>(m_x).subspan(l.glyph_first, l.glyph_count);
  v.y = std::span<const Fixed>(m_y).subspan(l.glyph_first, l.glyph_count);
  v.ink_left = l.ink_left;
  v.ink_width = l.ink_width;
  v.text_begin = l.text_begin;
  v.text_end = l.text_end;
  v.hyphenated = l.hyphenated;
  v.ratio = l.ratio;
  return v;
}

void PlacedLines::reserve(size_t lines, size_t runs, size_t glyphs) {
  m_lines.reserve(lines);
  m_runs.reserve(runs);
  m_glyph_id.reserve(glyphs);
  m_x.reserve(glyphs);
  m_y.reserve(glyphs);
}

void PlacedLines::clear() {
  m_lines.clear();
  m_runs.clear();
  m_glyph_id.clear();
  m_x.clear();
  m_y.clear();
}

void LineBuilder::build(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
                        const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run, PlacedLine& out) {
  out.clear();
  out.text_begin = line.text_begin;
  out.text_end = line.text_end;
  out.hyphenated = line.hyphenated;
  out.ratio = line.ratio;
  const Extent e = place(para, items, line, params, hyphen_by_run, out.runs, out.glyph_id, out.x, out.y);
  out.ink_left = e.ink_left;
  out.ink_width = e.ink_width;
}

void LineBuilder::build(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
                        const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run, PlacedLines& out) {
  PlacedLines::Line l;
  l.run_first = static_cast<uint32_t>(out.m_runs.size());
  l.glyph_first = static_cast<uint32_t>(out.m_glyph_id.size());
  const Extent e = place(para, items, line, params, hyphen_by_run, out.m_runs, out.m_glyph_id, out.m_x, out.m_y);
  l.run_count = static_cast<uint32_t>(out.m_runs.size()) - l.run_first;
  l.glyph_count = static_cast<uint32_t>(out.m_glyph_id.size()) - l.glyph_first;
  l.ink_left = e.ink_left;
  l.ink_width = e.ink_width;
  l.text_begin = line.text_begin;
  l.text_end = line.text_end;
  l.hyphenated = line.hyphenated;
  l.ratio = line.ratio;
  out.m_lines.push_back(l);
}

LineBuilder::Extent LineBuilder::place(const shape::ShapedParagraph& para, const ItemList& items, const LineBreak& line,
                                       const LineLayoutParams& params, std::span<const HyphenGlyph> hyphen_by_run,
                                       std::vector<PlacedRun>& runs, std::vector<uint32_t>& glyph_id,
                                       std::vector<Fixed>& x, std::vector<Fixed>& y) {

  // Content: the line's items minus the break and the glue/penalties before it (trailing spaces).
  uint32_t last = line.item_end;
  const Item& brk = items.items[line.item_end - 1];
  if (brk.kind != ItemKind::kBox) --last;
  while (last > line.item_begin && items.items[last - 1].kind != ItemKind::kBox) --last;
  bool has_fil = false;
  for (uint32_t i = line.item_begin; i < line.item_end; ++i) has_fil |= items.items[i].fil;

  uint32_t g0 = 0, g1 = 0;
  Fixed blank = 0;  // widths without glyphs (an indent box)
  int64_t total_stretch = 0, total_shrink = 0;
  if (last > line.item_begin) {
    const Item& first_item = items.items[line.item_begin];
    const Item& last_item = items.items[last - 1];
    // A line broken inside a box (emergency break) owns only the clusters of its text range.
    g0 = glyph_for_offset(para, first_item.glyph_begin, first_item.glyph_end, line.text_begin);
    g1 = glyph_for_offset(para, last_item.glyph_begin, last_item.glyph_end, line.text_end);
    if (g0 < first_item.glyph_begin) g0 = first_item.glyph_begin;
    for (uint32_t i = line.item_begin; i < last; ++i) {
      const Item& it = items.items[i];
      if (it.kind == ItemKind::kBox && it.glyph_begin == it.glyph_end) blank += it.width;
      if (it.kind == ItemKind::kGlue && !it.fil) {
        total_stretch += it.stretch;
        total_shrink += it.shrink;
      }
    }
  }
  const bool hyphen = line.hyphenated && brk.kind == ItemKind::kPenalty && brk.run < hyphen_by_run.size();
  const HyphenGlyph hyphen_glyph = hyphen ? hyphen_by_run[brk.run] : HyphenGlyph{};

  Fixed natural = blank + hyphen_glyph.advance;
  for (uint32_t g = g0; g < g1; ++g) natural += para.advance[g];

  // Hanging punctuation: the line is set that much wider and starts that much further left.
  Fixed hang_left = 0, hang_right = 0;
  const bool rtl = (params.paragraph_level & 1) != 0;
  if (params.protrude_margins && !rtl && g1 > g0) {
    auto ltr_glyph = [&](uint32_t g) {
      const auto run = std::partition_point(para.runs.begin(), para.runs.end(),
                                            [&](const shape::ShapedRun& r) { return r.glyph_end <= g; });
      return run != para.runs.end() && (run->bidi_level & 1) == 0;
    };
    if (blank == 0 && ltr_glyph(g0))
      hang_left = static_cast<Fixed>(int64_t{para.advance[g0]} *
                                     left_protrusion(first_char(para.text, line.text_begin, line.text_end)) / 1000);
    if (hyphen)
      hang_right = static_cast<Fixed>(int64_t{hyphen_glyph.advance} * right_protrusion(U'-') / 1000);
    else if (ltr_glyph(g1 - 1))
      hang_right = static_cast<Fixed>(int64_t{para.advance[g1 - 1]} *
                                      right_protrusion(last_char(para.text, line.text_begin, line.text_end)) / 1000);
  }

  // Justification: integers only, the rounding remainder spread one unit at a time, so the line
  // is exactly the measure (plus what hangs out).
  m_extra.assign(g1 - g0, 0);
  const int64_t gap = static_cast<int64_t>(line.line_width) + hang_left + hang_right - natural;
  // A line ending at fil glue (the last line, a forced break) keeps its natural spacing unless it is
  // wider than the measure: the breaker admitted it counting its glue's shrink, so it is shrunk to
  // fit, as TeX sets a last line whose \parfillskip cannot stretch below zero.
  const bool justify = params.alignment == Alignment::kJustified && gap != 0 &&
                       (gap > 0 ? !has_fil && total_stretch > 0 : total_shrink > 0);
  Fixed width = natural;
  if (justify) {
    const int64_t give = gap > 0 ? total_stretch : total_shrink;
    const int64_t target = gap > 0 ? gap : std::max(gap, -give);
    int64_t given = 0;
    uint32_t glues_with_give = 0;
    for (uint32_t pass = 0; pass < 2; ++pass) {
      int64_t remainder = target - given;
      for (uint32_t i = line.item_begin; i < last; ++i) {
        const Item& it = items.items[i];
        if (it.kind != ItemKind::kGlue || it.fil) continue;
        const int64_t share = gap > 0 ? it.stretch : it.shrink;
        if (share == 0 || it.glyph_end <= g0 || it.glyph_begin >= g1) continue;
        const uint32_t slot = std::min(it.glyph_end, g1) - 1 - g0;
        if (pass == 0) {
          const int64_t d = target * share / give;
          m_extra[slot] += static_cast<Fixed>(d);
          given += d;
          ++glues_with_give;
        } else if (remainder != 0) {
          const int64_t step = remainder > 0 ? 1 : -1;
          m_extra[slot] += static_cast<Fixed>(step);
          remainder -= step;
          given += step;
        }
      }
      if (glues_with_give == 0) break;
    }
    width = static_cast<Fixed>(natural + given);
  }

  Fixed left = 0;
  switch (params.alignment) {
    case Alignment::kLeft: left = -hang_left; break;
    case Alignment::kRight: left = line.line_width - width + hang_right; break;
    case Alignment::kCenter: left = (line.line_width - width) / 2; break;
    case Alignment::kJustified: left = rtl ? line.line_width - width : -hang_left; break;
  }

  // Pieces: the line's glyphs cut at run boundaries, logical order.
  m_pieces.clear();
  // Hardening: runs hold ascending glyph ranges, so the line's runs are found by binary search
  // instead of a scan of every run; with one run per hard line break, the scan made a paragraph of
  // 100,000 hard breaks quadratic (minutes). Found by the bad-input corpus (hard-breaks-100000.md).
  const auto first_run = std::partition_point(para.runs.begin(), para.runs.end(),
                                              [&](const shape::ShapedRun& run) { return run.glyph_end <= g0; });
  for (auto r = static_cast<uint32_t>(first_run - para.runs.begin());
       r < para.runs.size() && para.runs[r].glyph_begin < g1; ++r) {
    const shape::ShapedRun& run = para.runs[r];
    const uint32_t b = std::max(run.glyph_begin, g0);
    const uint32_t e = std::min(run.glyph_end, g1);
    if (b < e) m_pieces.push_back({r, b, e, false});
  }
  if (hyphen) {
    if (m_pieces.empty()) m_pieces.push_back({brk.run, g1, g1, true});
    else m_pieces.back().hyphen = true;
  }
  // UAX #9 L2: reverse by levels, from the highest level down to the lowest odd one.
  m_levels.clear();
  for (const Piece& p : m_pieces) m_levels.push_back(para.runs[p.run].bidi_level);
  m_visual.resize(m_pieces.size());
  if (!m_pieces.empty()) {
    ubidi_reorderVisual(m_levels.data(), static_cast<int32_t>(m_levels.size()), m_visual.data());
  }

  Fixed pen = left + (rtl ? 0 : blank);
  const auto base = static_cast<uint32_t>(glyph_id.size());
  // Sized once for the line (its glyphs and the hyphen), written in place, trimmed to what was put.
  const size_t most = base + (g1 - g0) + (hyphen ? 1 : 0);
  glyph_id.resize(most);
  x.resize(most);
  y.resize(most);
  size_t next = base;
  Extent extent;
  extent.ink_left = pen;
  auto put = [&](uint32_t id, Fixed advance, Fixed x_offset, Fixed y_offset) {
    glyph_id[next] = id;
    x[next] = pen + x_offset;
    y[next] = -y_offset;
    ++next;
    pen += advance;
  };
  for (const int32_t logical : m_visual) {
    const Piece& p = m_pieces[static_cast<size_t>(logical)];
    PlacedRun placed;
    placed.shaped_run = p.run;
    placed.glyph_first = static_cast<uint32_t>(next) - base;
    const bool run_rtl = (para.runs[p.run].bidi_level & 1) != 0;
    if (run_rtl && p.hyphen) put(hyphen_glyph.glyph_id, hyphen_glyph.advance, 0, 0);
    if (run_rtl) {
      for (uint32_t g = p.glyph_end; g-- > p.glyph_begin;)
        put(para.glyph_id[g], para.advance[g] + m_extra[g - g0], para.x_offset[g], para.y_offset[g]);
    } else {
      // Left to right, nearly every line: the same as put() glyph by glyph, through plain pointers.
      const Fixed* extra = m_extra.data();
      uint32_t* ids = glyph_id.data() + next;
      Fixed* xs = x.data() + next;
      Fixed* ys = y.data() + next;
      for (uint32_t g = p.glyph_begin; g < p.glyph_end; ++g) {
        *ids++ = para.glyph_id[g];
        *xs++ = pen + para.x_offset[g];
        *ys++ = -para.y_offset[g];
        pen += para.advance[g] + extra[g - g0];
      }
      next += p.glyph_end - p.glyph_begin;
    }
    if (!run_rtl && p.hyphen) put(hyphen_glyph.glyph_id, hyphen_glyph.advance, 0, 0);
    placed.glyph_count = static_cast<uint32_t>(next) - base - placed.glyph_first;
    runs.push_back(placed);
  }
  glyph_id.resize(next);
  x.resize(next);
  y.resize(next);
  extent.ink_width = pen - extent.ink_left;
  return extent;
}

}  // namespace inkset::breaking
