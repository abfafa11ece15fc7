#pragma once
// Shapes and breaks one paragraph: the bridge from styled text to positioned lines.
// Measure once, break many: the shaper's cache makes re-breaking at another width or looseness cheap.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "breaking/hyphenator.h"
#include "breaking/items.h"
#include "breaking/line_break_opportunities.h"
#include "breaking/line_breaker.h"
#include "breaking/line_builder.h"
#include "layout/block_box.h"
#include "shape/shaper.h"
#include "style/computed_style.h"

namespace inkset::layout {

struct ParagraphSpec {
  std::string_view text;  // copied into the paragraph by build()
  std::vector<shape::StyleRange> ranges;  // cover the text in order
  std::vector<shape::TextStyle> styles;
  std::vector<uint8_t> style_color;       // gray per style
  std::vector<uint8_t> style_decoration;  // per style: 1 underline, 2 strikethrough
  style::Align align = style::Align::kLeft;
  bool hyphenate = false;
  bool hanging_punctuation = false;  // breaking::LineLayoutParams::protrude_margins
  std::string language;
  Fixed first_indent = 0;
  Fixed width = 0;
  int looseness = 0;
  bool greedy = false;
  // Byte ranges that must not break inside (e.g. "3 votes" in a comment's meta line).
  std::vector<std::pair<uint32_t, uint32_t>> keep_together;
};

struct ParagraphStats {
  uint64_t paragraphs = 0;
  uint64_t lines = 0;
  uint64_t missing_glyphs = 0;
};

class ParagraphBuilder {
 public:
  ParagraphBuilder(font::FontCollection& fonts, shape::Shaper& shaper, breaking::HyphenatorSet& hyphenators);

  // The paragraph copies the spec's text; lines are positioned from the measure's left edge.
  // `same`, if given, is a live paragraph built from this very spec but for its looseness (a block's
  // first breaking, when the paginator asks for it one line longer or shorter): its shaping is
  // copied rather than done again, and its items are reused if they are still at hand.
  std::unique_ptr<Paragraph> build(const ParagraphSpec& spec, const Paragraph* same = nullptr);
  // Takes back a paragraph nothing points into any more: build() reuses its buffers (shaped glyph
  // arrays, placed lines), so steady-state layout stops allocating for them. The spares are bounded
  // in bytes (kMaxSpareBytes); beyond that a paragraph is freed.
  void recycle(std::unique_ptr<Paragraph> p);
  // An empty block box, with the buffers of a recycled one when there is one.
  std::shared_ptr<BlockBox> take_box();
  // Takes back a box: its paragraphs are recycled and the emptied box is kept for take_box(). A box
  // a page still shares is left to its other owners.
  void recycle(std::shared_ptr<BlockBox> box);
  // The summaries of the last layout thrown away, for the next one to overwrite: block k's summary
  // then reuses the buffers block k had (about as many lines), so a new layout allocates none.
  BlockSummaries take_summaries();
  void recycle(BlockSummaries summaries);
  // Likewise the pages of the last layout thrown away: page k reuses the placement array page k had.
  std::vector<paginate::PageFlow> take_pages() { return std::move(m_spare_pages); }
  void recycle(std::vector<paginate::PageFlow> pages);
  // The width of the text set on one line (the paragraph's natural width), for table column sizing.
  Fixed natural_width(const ParagraphSpec& spec);

  // Shapes `p.text` by the spec and builds its Knuth–Plass items without breaking, for tools and
  // tests that run several breakers over the very items build() would break. Valid until the next call.
  const breaking::ItemList& shape_and_itemize(Paragraph& p, const ParagraphSpec& spec);

  const ParagraphStats& stats() const { return m_stats; }
  // Off while a paragraph is built again exactly as before, so the figures count each paragraph once.
  void set_counting(bool on) { m_counting = on; }

 private:
  // The run colours, hyphen glyphs, break opportunities and items of a shaped paragraph; the
  // hyphenation dictionary's points only `with_dictionary` (see add_dictionary_points).
  void itemize_shaped(Paragraph& p, const ParagraphSpec& spec, bool with_dictionary);
  // Completes the items of the paragraph itemized last with the dictionary's points, if the spec
  // hyphenates and they are not there yet.
  void add_dictionary_points(const Paragraph& p, const ParagraphSpec& spec);
  const breaking::Hyphenator* hyphenator(const ParagraphSpec& spec);
  static breaking::ItemParams item_params(const ParagraphSpec& spec);
  // A box cache's worth (BoxCache::kDefaultMaxBytes): all that a document's layout hands back when
  // it is thrown away for another (a new font size), so that the next layout reuses all of it.
  static constexpr size_t kMaxSpareBytes = size_t{1} << 20;
  // Emptied boxes hold only small row and item arrays; a cache's worth of blocks.
  static constexpr size_t kMaxSpareBoxes = 512;

  font::FontCollection& m_fonts;
  shape::Shaper& m_shaper;
  breaking::HyphenatorSet& m_hyphenators;
  breaking::LineBreakFinder m_finder;
  breaking::LineBuilder m_line_builder;
  // Scratch reused from paragraph to paragraph, so steady-state layout does not allocate for them.
  std::vector<breaking::BreakOpportunity> m_breaks;
  breaking::ItemList m_items;
  std::vector<Fixed> m_hyphen_advance;
  std::vector<breaking::HyphenGlyph> m_hyphen_glyphs;
  std::vector<std::unique_ptr<Paragraph>> m_spare;  // at most kMaxSpareBytes in all
  size_t m_spare_bytes = 0;
  std::vector<std::shared_ptr<BlockBox>> m_spare_boxes;  // at most kMaxSpareBoxes
  Paragraph m_measure;  // natural_width's scratch
  BlockSummaries m_spare_summaries;  // one layout's, at most kMaxSpareSummaries
  static constexpr size_t kMaxSpareSummaries = 1 << 14;
  std::vector<paginate::PageFlow> m_spare_pages;  // one layout's, at most kMaxSparePages
  static constexpr size_t kMaxSparePages = 1 << 12;
  breaking::LineBreaker m_breaker;                   // keeps its node storage from paragraph to paragraph
  ParagraphStats m_stats;
  bool m_counting = true;
};

breaking::Alignment to_alignment(style::Align align);

}  // namespace inkset::layout
