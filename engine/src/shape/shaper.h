#pragma once
// Itemizes and shapes paragraphs with HarfBuzz, reusing shaped words from a ShapeCache.
//
// Thread-safety: not thread-safe; a Shaper, its FontCollection and its ShapeCache are used from one
// thread at a time.
#include <hb.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "font/font_collection.h"
#include "shape/itemizer.h"
#include "shape/shape_cache.h"
#include "shape/shape_prefetcher.h"
#include "shape/shaped_paragraph.h"
#include "support/fixed.h"
#include "support/result.h"

namespace inkset::shape {

struct TextStyle {
  std::string family;  // matched case-insensitively; an unknown family falls back to the first bundled one
  int weight = 400;    // CSS-like 100..900
  bool italic = false;
  Fixed size = 0;      // pixels, 26.6
  // On top of HarfBuzz's defaults (kerning, standard and contextual ligatures, marks, ...), in order;
  // a later feature overrides an earlier one. See parse_features.
  std::vector<hb_feature_t> features;
  std::string language;  // BCP 47, e.g. "en", "ar", "ja", "zh-Hant"; empty: unspecified
};

// Parses a comma-separated feature list in HarfBuzz's syntax, e.g. "onum, smcp, liga=0, -kern".
// Whitespace around items is ignored; an empty list gives no features. Error kBadArguments names the
// first item HarfBuzz cannot parse.
Result<std::vector<hb_feature_t>> parse_features(std::string_view list);

struct HyphenGlyph {
  uint32_t glyph = 0;  // 0 when the face has neither U+2010 nor '-'
  Fixed advance = 0;   // 26.6
};

class Shaper {
 public:
  // Both are borrowed and must outlive the Shaper.
  Shaper(font::FontCollection& fonts, ShapeCache& cache);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  // Shapes one paragraph. `ranges` cover `text` in order (see StyleRange); every range's style indexes
  // `styles`. The result borrows `text` (ShapedParagraph::text) and is valid as long as it is.
  // Every byte of text belongs to exactly one run; no character is dropped: a character no face
  // covers is shaped as .notdef (glyph 0) of the style's face, flagged kMissing and counted.
  //
  // With the cache enabled, each run is cut after spaces into words; a word that is bounded by spaces
  // (or the paragraph's ends) and at most ShapeCache::kMaxSegmentBytes long is shaped on its own and
  // cached. The words are reused only when the seams cannot change the result: the face's layout
  // tables never involve the space glyph (FontCollection::space_in_layout) and HarfBuzz marks no seam
  // unsafe to break; otherwise the run is shaped whole. The result is therefore the same as with the
  // cache disabled, where every run is shaped in one HarfBuzz call with the paragraph as context.
  //
  // shape_into() writes the result over `out`, whose arrays keep their capacity: a caller that reuses
  // one ShapedParagraph from paragraph to paragraph stops allocating for it once it is large enough.
  void shape_into(std::string_view text, std::span<const StyleRange> ranges, std::span<const TextStyle> styles,
                  BaseDirection direction, ShapedParagraph& out);
  ShapedParagraph shape(std::string_view text, std::span<const StyleRange> ranges, std::span<const TextStyle> styles,
                        BaseDirection direction);

  void set_cache_enabled(bool enabled) { m_cache_enabled = enabled; }

  // Shapes the words of `text` (an article's source) in `style` on a second thread (ShapePrefetcher,
  // started on the first call and kept), ahead of the layout; shape() moves them into the cache when
  // it misses a word. Replaces a prefetch of other text or style; the same text and style go on as
  // they are. `text` must stay valid until stop_prefetch() with it, the next prefetch, or the
  // Shaper's end. Nothing is shaped ahead when the cache is off or the style's face shapes words with
  // their neighbours (space_in_layout).
  void prefetch(std::string_view text, const TextStyle& style);
  // Stops the prefetch if it reads the text that starts at `text_begin`; the thread stays for the next.
  void stop_prefetch(const char* text_begin);
  // Null until the first prefetch.
  ShapePrefetcher* prefetcher() { return m_prefetch.get(); }

  // The glyph to draw at a hyphenation break in `run`'s face and size: U+2010 HYPHEN if the face has
  // it, else U+002D HYPHEN-MINUS.
  HyphenGlyph hyphen(const ShapedRun& run);
  Fixed hyphen_advance(const ShapedRun& run) { return hyphen(run).advance; }

  struct Stats {
    uint64_t segments_from_cache = 0;  // words served by the cache
    uint64_t segments_shaped = 0;      // words shaped (then cached when eligible)
    uint64_t runs_shaped_whole = 0;    // runs shaped in one call (not cut, or a seam was unsafe)
  };
  Stats stats() const { return m_stats; }

 private:
  struct RunContext;
  void shape_run(const RunContext& run, ShapedParagraph& out);
  // Appends the shaping of context[begin, end) to `out` in logical order, clusters relative to
  // `cluster_base`; the rest of `context` is given to HarfBuzz as pre- and post-context.
  void shape_segment(const RunContext& run, std::string_view context, uint32_t begin, uint32_t end,
                     uint32_t cluster_base, ShapedSegment& out);

  // What a style resolves to, kept so that the paragraphs of a document do not match families and
  // intern languages again and again.
  struct StyleSetup {
    std::string family;
    int weight = 0;
    bool italic = false;
    std::string language;
    std::vector<hb_feature_t> features;
    font::FaceMatch match;
    uint64_t features_hash = 0;
    hb_language_t hb_language = HB_LANGUAGE_INVALID;
  };
  static constexpr size_t kMaxSetups = 64;
  const StyleSetup& setup(const TextStyle& style);

  font::FontCollection& m_fonts;
  ShapeCache& m_cache;
  hb_buffer_t* m_buffer;
  ShapedSegment m_scratch;
  std::vector<std::pair<const CachedSegment*, uint32_t>> m_hits;  // shape_run's gathered cache hits
  std::unique_ptr<ShapePrefetcher> m_prefetch;
  // Reused from paragraph to paragraph, so the steady state does not allocate for them.
  std::vector<StyleSetup> m_setups;
  std::vector<ItemStyle> m_item_styles;
  std::vector<uint64_t> m_features_hashes;
  std::vector<hb_language_t> m_languages;
  ItemizerScratch m_itemizer;
  Itemization m_items;
  ShapedParagraph m_work;
  bool m_cache_enabled = true;
  Stats m_stats;
};

}  // namespace inkset::shape
