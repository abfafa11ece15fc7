#pragma once
// Lays out one flow entry into a BlockBox: paragraphs broken into lines, list markers hung in the
// margin, quote bars, code with continuation marks, figures scaled into the column, table rows with
// content-sized columns, comment author lines.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "doc/article.h"
#include "layout/block_box.h"
#include "layout/flow_builder.h"
#include "layout/paragraph_builder.h"
#include "style/page_geometry.h"

namespace inkset::layout {

// An image the document knows: its index in the document's image table and its pixel size.
struct ImageInfo {
  uint32_t index = 0;
  int width = 0;
  int height = 0;
  bool ok = false;  // false: drawn as a placeholder box
};
using ImageResolver = std::function<ImageInfo(const std::string& src)>;

struct BlockLayoutOptions {
  bool greedy = false;
  bool hyphenate = true;  // false overrides the theme
  bool hanging_punctuation = false;  // ParagraphSpec::hanging_punctuation, for text (not code)
  double max_image_upscale = 2.0;
  // Paragraphs with more bytes of text are broken first-fit: Knuth-Plass on a megabyte with no break
  // opportunity (every character an emergency break) takes seconds where first-fit takes one pass.
  size_t greedy_above_bytes = SIZE_MAX;
};

class BlockLayouter {
 public:
  BlockLayouter(const doc::Article& article, const style::ResolvedLayout& resolved, font::FontCollection& fonts,
                ParagraphBuilder& builder, ImageResolver images, const BlockLayoutOptions& options);

  // Lays the entry out into `box`, an empty box (whose buffers may come from an earlier block).
  // `base`, for a block broken again at another looseness, is its first layout (still alive): what
  // does not depend on looseness is taken from it.
  void layout(const std::vector<FlowEntry>& flow, uint32_t entry, int looseness, BlockBox& box,
              const BlockBox* base = nullptr);

  // A paragraph of generated text in one style (running heads, page numbers, markers).
  std::unique_ptr<Paragraph> generated_line(const std::string& text, style::ElementKind element, Fixed width,
                                            style::Align align);
  // The text as it fits one line of `width` in the element's style: whole words, then an ellipsis.
  std::string fit_with_ellipsis(const std::string& text, style::ElementKind element, Fixed width);
  // Distance from a line's top to its baseline, for a style.
  Fixed baseline_offset(style::ElementKind element);
  // The style of body text, as its paragraphs are shaped.
  shape::TextStyle body_text_style() const;
  // Whether paragraphs are broken first-fit (the cheapest mode, and what a spent time budget falls back to).
  void set_greedy(bool greedy) { m_options.greedy = greedy; }
  bool greedy() const { return m_options.greedy; }

 private:
  // The spec of a block's text, in a buffer reused from paragraph to paragraph: valid until the next call.
  ParagraphSpec& text_spec(const doc::Block& block, style::ElementKind element, Fixed width, bool first_indent);
  void set_text_style(const style::ComputedStyle& s, shape::TextStyle& t) const;
  uint16_t add_style(ParagraphSpec& spec, const style::ComputedStyle& s, uint8_t decoration);
  void add_lines(BlockBox& box, std::unique_ptr<Paragraph> p, const FlowEntry& e, style::ElementKind element,
                 Fixed x);
  void add_quote_bars(BlockBox& box, const FlowEntry& e);
  void add_footnote_refs(BlockBox& box, const doc::Block& block, uint32_t paragraph);
  void add_marker(BlockBox& box, const FlowEntry& e, style::ElementKind element);
  void layout_text(BlockBox& box, const FlowEntry& e, int looseness, const BlockBox* base);
  void layout_code(BlockBox& box, const FlowEntry& e);
  void layout_figure(BlockBox& box, const FlowEntry& e);
  void layout_rule(BlockBox& box, const FlowEntry& e);
  void layout_table_row(BlockBox& box, const FlowEntry& e);
  void layout_comment_meta(BlockBox& box, const FlowEntry& e);
  void layout_front(BlockBox& box, const FlowEntry& e, uint32_t front_index);
  const std::vector<Fixed>& table_columns(uint32_t table, Fixed width);
  Fixed measure() const { return m_column_width; }

  const doc::Article& m_article;
  const style::ResolvedLayout& m_resolved;
  font::FontCollection& m_fonts;
  ParagraphBuilder& m_builder;
  ImageResolver m_images;
  BlockLayoutOptions m_options;
  Fixed m_column_width = 0;
  Fixed m_column_height = 0;
  std::string m_language;
  std::unordered_map<uint32_t, std::vector<Fixed>> m_table_columns;
  ParagraphSpec m_spec;
  // Styles of earlier paragraphs, reused by add_style(); never more than one paragraph had.
  std::vector<shape::TextStyle> m_spare_styles;
  std::vector<doc::InlineSpan> m_spans;
};

}  // namespace inkset::layout
