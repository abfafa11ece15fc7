#include "shape/shaper.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "shape/harfbuzz_shaping.h"
#include "support/hash.h"
#include "support/utf8.h"

namespace inkset::shape {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

uint64_t hash_features(const std::vector<hb_feature_t>& features) {
  uint64_t h = kHashSeed;
  for (const hb_feature_t& f : features) {
    h = hash_mix(h, f.tag);
    h = hash_mix(h, f.value);
    h = hash_mix(h, f.start);
    h = hash_mix(h, f.end);
  }
  return h;
}

bool same_features(const std::vector<hb_feature_t>& a, const std::vector<hb_feature_t>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const hb_feature_t& x, const hb_feature_t& y) {
    return x.tag == y.tag && x.value == y.value && x.start == y.start && x.end == y.end;
  });
}

// A word may start at `pos` (just after a space) unless the character there would join the space's
// grapheme cluster (a combining mark or joiner on the space).
bool starts_word(std::string_view text, size_t pos) {
  if (text[pos] == ' ') return false;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return true;  // ASCII has no marks or joiners
  size_t p = pos;
  const auto cp = static_cast<UChar32>(utf8::decode(text, p));
  return (U_GET_GC_MASK(cp) & U_GC_M_MASK) == 0 && cp != 0x200D && cp != 0x200C;
}

}  // namespace

Result<std::vector<hb_feature_t>> parse_features(std::string_view list) {
  std::vector<hb_feature_t> features;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    hb_feature_t feature;
    if (!hb_feature_from_string(item.data(), static_cast<int>(item.size()), &feature))
      return make_error(ErrorCode::kBadArguments,
                        "bad OpenType feature '" + std::string(item) + "': expected e.g. onum, liga=0, -kern");
    features.push_back(feature);
  }
  return features;
}

namespace {

void append(ShapedParagraph& out, const ShapedSegment& seg, uint32_t cluster_base) {
  out.glyph_id.insert(out.glyph_id.end(), seg.glyph_id.begin(), seg.glyph_id.end());
  out.advance.insert(out.advance.end(), seg.advance.begin(), seg.advance.end());
  out.x_offset.insert(out.x_offset.end(), seg.x_offset.begin(), seg.x_offset.end());
  out.y_offset.insert(out.y_offset.end(), seg.y_offset.begin(), seg.y_offset.end());
  out.flags.insert(out.flags.end(), seg.flags.begin(), seg.flags.end());
  for (const uint32_t c : seg.cluster) out.cluster.push_back(c + cluster_base);
}

// Appends cache hits (segment and cluster base each) whose glyphs number `glyphs` in all: each array
// grows once for the lot, rather than once per word, and the new entries start at zero.
void append(ShapedParagraph& out, std::span<const std::pair<const CachedSegment*, uint32_t>> hits, size_t glyphs) {
  const size_t at = out.glyph_count();
  out.glyph_id.resize(at + glyphs);
  out.advance.resize(at + glyphs);
  out.x_offset.resize(at + glyphs);
  out.y_offset.resize(at + glyphs);
  out.cluster.resize(at + glyphs);
  out.flags.resize(at + glyphs);
  size_t k = at;
  for (const auto& [seg, cluster_base] : hits) {
    const size_t n = seg->size();
    std::copy_n(seg->advance(), n, out.advance.data() + k);
    if (seg->has_offsets()) {
      std::copy_n(seg->x_offset(), n, out.x_offset.data() + k);
      std::copy_n(seg->y_offset(), n, out.y_offset.data() + k);
    }
    std::copy_n(seg->flags(), n, out.flags.data() + k);
    const uint16_t* ids = seg->glyph_id();
    const uint8_t* clusters = seg->cluster();
    for (size_t g = 0; g < n; ++g) {
      out.glyph_id[k + g] = ids[g];
      out.cluster[k + g] = clusters[g] + cluster_base;
    }
    k += n;
  }
}

void truncate(ShapedParagraph& out, size_t glyphs) {
  out.glyph_id.resize(glyphs);
  out.advance.resize(glyphs);
  out.x_offset.resize(glyphs);
  out.y_offset.resize(glyphs);
  out.cluster.resize(glyphs);
  out.flags.resize(glyphs);
}

}  // namespace

struct Shaper::RunContext {
  std::string_view paragraph;
  Item item;
  hb_font_t* font;
  Fixed size;
  hb_direction_t direction;
  hb_language_t language;
  const std::vector<hb_feature_t>* features;
  uint64_t features_hash;
};

Shaper::Shaper(font::FontCollection& fonts, ShapeCache& cache)
    : m_fonts(fonts), m_cache(cache), m_buffer(hb_buffer_create()) {}

Shaper::~Shaper() {
  m_prefetch.reset();
  hb_buffer_destroy(m_buffer);
}

namespace {

bool is_letter_script(UScriptCode s) { return s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_UNKNOWN; }

// The script most of a text's words are in, as the itemizer will resolve them: the language's one
// script if it has one ("ar": Arabic), else that of the text's first letter (within its first 64 KB;
// an article's front matter is in Latin letters, whatever its language).
hb_script_t main_script(std::string_view text, const std::string& language) {
  if (!language.empty()) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode codes[4];
    const int n = uscript_getCode(language.c_str(), codes, 4, &status);
    if (U_SUCCESS(status) && n == 1 && is_letter_script(codes[0]))
      return hb_script_from_string(uscript_getShortName(codes[0]), -1);
  }
  text = text.substr(0, 64 * 1024);
  for (size_t pos = 0; pos < text.size();) {
    const auto cp = static_cast<UChar32>(utf8::decode(text, pos));
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    if (U_SUCCESS(status) && is_letter_script(script)) return hb_script_from_string(uscript_getShortName(script), -1);
  }
  return HB_SCRIPT_INVALID;
}

}  // namespace

void Shaper::prefetch(std::string_view text, const TextStyle& style) {
  if (!m_cache_enabled) {
    if (m_prefetch) m_prefetch->stop();
    return;
  }
  const StyleSetup& set = setup(style);
  const font::FaceId face = set.match.face;
  const hb_script_t script = main_script(text, style.language);
  if (face == font::kNoFace || script == HB_SCRIPT_INVALID || m_fonts.space_in_layout(face)) {
    if (m_prefetch) m_prefetch->stop();
    return;
  }
  PrefetchStyle p;
  p.face = face;
  p.size = style.size;
  p.features_hash = set.features_hash;
  p.features = style.features;
  p.language = set.hb_language;
  p.script = script;
  p.direction = hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
  p.hb_face = m_fonts.hb_face(face);
  if (!m_prefetch) {
    m_prefetch = std::make_unique<ShapePrefetcher>();
  } else {
    const PrefetchStyle& now = m_prefetch->style();
    if (m_prefetch->text().data() == text.data() && m_prefetch->text().size() == text.size() && now.face == p.face &&
        now.size == p.size && now.features_hash == p.features_hash && now.language == p.language &&
        now.script == p.script)
      return;
  }
  m_prefetch->start(text, std::move(p));
}

void Shaper::stop_prefetch(const char* text_begin) {
  if (m_prefetch && !m_prefetch->text().empty() && m_prefetch->text().data() == text_begin) m_prefetch->stop();
}

const Shaper::StyleSetup& Shaper::setup(const TextStyle& s) {
  for (const StyleSetup& known : m_setups) {
    if (known.weight == s.weight && known.italic == s.italic && known.family == s.family &&
        known.language == s.language && same_features(known.features, s.features))
      return known;
  }
  // Documents use a handful of styles; a bounded memo keeps a pathological one from growing it.
  if (m_setups.size() == kMaxSetups) m_setups.erase(m_setups.begin());
  StyleSetup& made = m_setups.emplace_back();
  made.family = s.family;
  made.weight = s.weight;
  made.italic = s.italic;
  made.language = s.language;
  made.features = s.features;
  made.match = m_fonts.match(s.family, s.weight, s.italic);
  // Degrade, never fail: an unknown family is set in the first bundled family.
  if (made.match.face == font::kNoFace) made.match = m_fonts.match(m_fonts.info(0).family, s.weight, s.italic);
  made.features_hash = hash_features(s.features);
  // An unset language stays unset rather than taking the process locale: output must not depend on it.
  made.hb_language = s.language.empty() ? HB_LANGUAGE_INVALID
                                        : hb_language_from_string(s.language.data(), static_cast<int>(s.language.size()));
  return made;
}

ShapedParagraph Shaper::shape(std::string_view text, std::span<const StyleRange> ranges,
                              std::span<const TextStyle> styles, BaseDirection direction) {
  ShapedParagraph out;
  shape_into(text, ranges, styles, direction, out);
  return out;
}

void Shaper::shape_into(std::string_view text, std::span<const StyleRange> ranges, std::span<const TextStyle> styles,
                        BaseDirection direction, ShapedParagraph& out) {
  ShapedParagraph& work = m_work;
  work.runs.clear();
  truncate(work, 0);
  m_item_styles.clear();
  m_features_hashes.clear();
  m_languages.clear();
  for (const TextStyle& s : styles) {
    const StyleSetup& set = setup(s);
    m_item_styles.push_back(ItemStyle{set.match.face, s.language});
    m_features_hashes.push_back(set.features_hash);
    m_languages.push_back(set.hb_language);
  }
  itemize(text, ranges, m_item_styles, direction, m_fonts, m_itemizer, m_items);
  const Itemization& items = m_items;
  for (const Item& item : items.items) {
    const uint16_t style = item.style < styles.size() ? item.style : 0;
    if (styles.empty()) break;
    const TextStyle& s = styles[style];
    const font::FaceInfo& info = m_fonts.info(item.face);
    ShapedRun run;
    run.text_begin = item.begin;
    run.text_end = item.end;
    run.glyph_begin = static_cast<uint32_t>(work.glyph_count());
    run.face = item.face;
    run.size = s.size;
    run.bidi_level = item.bidi_level;
    run.script = item.script;
    run.style = style;
    // Synthesis is decided per run: a fallback face (Arabic, CJK) may lack the weight or slant that
    // the style's own family has.
    run.synthetic_bold = s.weight >= 600 && info.weight < 600;
    run.synthetic_italic = s.italic && !info.italic;
    const RunContext ctx{text,
                         item,
                         m_fonts.hb_font(item.face, s.size),
                         s.size,
                         (item.bidi_level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR,
                         m_languages[style],
                         &s.features,
                         m_features_hashes[style]};
    shape_run(ctx, work);
    run.glyph_end = static_cast<uint32_t>(work.glyph_count());
    work.runs.push_back(run);
  }
  // The result is built in reused buffers and copied out: into `out`'s own capacity when it is large
  // enough, else at its exact size (one allocation per array instead of repeated growth).
  out.text = text;
  out.missing_glyphs = 0;
  out.base_level = items.base_level;
  out.runs = work.runs;
  out.glyph_id = work.glyph_id;
  out.advance = work.advance;
  out.x_offset = work.x_offset;
  out.y_offset = work.y_offset;
  out.cluster = work.cluster;
  out.flags = work.flags;
  for (size_t g = 0; g < out.glyph_count(); ++g) {
    if (out.glyph_id[g] != 0) continue;
    out.flags[g] |= kMissing;
    ++out.missing_glyphs;
  }
}

void Shaper::shape_segment(const RunContext& run, std::string_view context, uint32_t begin, uint32_t end,
                           uint32_t cluster_base, ShapedSegment& out) {
  shape_with_harfbuzz(m_buffer, {run.font, run.direction, run.item.script, run.language, *run.features}, context, begin,
                      end, cluster_base, out);
}

void Shaper::shape_run(const RunContext& run, ShapedParagraph& out) {
  const std::string_view text = run.paragraph;
  const uint32_t begin = run.item.begin;
  const uint32_t end = run.item.end;
  const size_t first_glyph = out.glyph_count();
  auto shape_whole = [&] {
    truncate(out, first_glyph);
    m_scratch.clear();
    shape_segment(run, text, begin, end, 0, m_scratch);
    append(out, m_scratch, 0);
    ++m_stats.runs_shaped_whole;
  };
  if (!m_cache_enabled || m_fonts.space_in_layout(run.item.face)) {
    shape_whole();
    return;
  }
  // Hits are gathered and appended together; a hit stays valid until the cache's next insert, so
  // they are appended before any word is shaped.
  m_hits.clear();
  size_t pending = 0;  // glyphs of the gathered hits
  auto flush = [&] {
    append(out, m_hits, pending);
    m_hits.clear();
    pending = 0;
  };
  for (uint32_t seg_begin = begin; seg_begin < end;) {
    uint32_t seg_end = seg_begin + 1;
    while (seg_end < end && !(text[seg_end - 1] == ' ' && starts_word(text, seg_end))) ++seg_end;
    const std::string_view seg = text.substr(seg_begin, seg_end - seg_begin);
    // Bounded by spaces (or the paragraph's ends), a word shapes the same whatever surrounds it, so it
    // can be shaped without context and cached; a word cut by a font or style change needs its context.
    const bool bounded = (seg_begin == 0 || text[seg_begin - 1] == ' ') && (seg.back() == ' ' || seg_end == text.size());
    // HarfBuzz flags a glyph unsafe to break when its shaping depended on what precedes it: a word
    // whose first glyph is so flagged, after other glyphs of the run, cannot be joined to them.
    auto unsafe_seam = [&](size_t seam, size_t glyphs, uint8_t first_flags) {
      return seam > first_glyph && glyphs > 0 && (first_flags & kUnsafeToBreak);
    };
    if (bounded && seg.size() <= ShapeCache::kMaxSegmentBytes) {
      const ShapeKey key = ShapeKey::make(run.item.face, run.size, run.features_hash, run.direction, run.item.script,
                                          run.language, seg);
      const CachedSegment* hit = m_cache.find(key);
      if (!hit && m_prefetch && m_prefetch->ready()) {
        // Words shaped ahead go into the cache first; the gathered hits would not survive the inserts.
        flush();
        m_prefetch->drain_into(m_cache);
        hit = m_cache.find(key);
      }
      if (hit) {
        ++m_stats.segments_from_cache;
        if (unsafe_seam(out.glyph_count() + pending, hit->size(), hit->size() ? hit->flags()[0] : 0)) {
          m_hits.clear();
          shape_whole();
          return;
        }
        m_hits.emplace_back(hit, seg_begin);
        pending += hit->size();
        seg_begin = seg_end;
        continue;
      }
      flush();
      m_scratch.clear();
      shape_segment(run, seg, 0, static_cast<uint32_t>(seg.size()), 0, m_scratch);
      m_cache.insert(key, m_scratch);
    } else {
      flush();
      m_scratch.clear();
      shape_segment(run, text, seg_begin, seg_end, seg_begin, m_scratch);
    }
    ++m_stats.segments_shaped;
    if (unsafe_seam(out.glyph_count(), m_scratch.size(), m_scratch.size() ? m_scratch.flags[0] : 0)) {
      shape_whole();
      return;
    }
    append(out, m_scratch, seg_begin);
    seg_begin = seg_end;
  }
  flush();
}

HyphenGlyph Shaper::hyphen(const ShapedRun& run) {
  hb_font_t* font = m_fonts.hb_font(run.face, run.size);
  hb_codepoint_t glyph = 0;
  if (!hb_font_get_nominal_glyph(font, 0x2010, &glyph) && !hb_font_get_nominal_glyph(font, '-', &glyph)) return {};
  return {glyph, hb_font_get_glyph_h_advance(font, glyph)};
}

}  // namespace inkset::shape
