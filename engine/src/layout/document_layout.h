#pragma once
// An article laid out into pages, incrementally: blocks are laid out the first time the paginator
// asks for them, so page k costs only what comes before it. Of each laid-out block it keeps what
// pagination and page positions need (line heights, the text offset each row starts at); the full
// layout (shaped glyphs, placed lines) lives only in a small cache and is made again when a page
// that shows it is assembled.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doc/article.h"
#include "layout/block_layout.h"
#include "layout/box_cache.h"
#include "layout/flow_builder.h"
#include "layout/position.h"
#include "paginate/paginator.h"

namespace inkset::layout {

// An item placed on a page, in page pixels (26.6).
struct PageItem {
  ItemKind kind = ItemKind::kLine;
  Fixed x = 0, y = 0, width = 0, height = 0;
  Fixed baseline = 0;                  // kLine: absolute y of the baseline
  const Paragraph* paragraph = nullptr;  // kLine; owned by the page (AssembledPage::boxes or ::generated)
  uint32_t line = 0;
  uint32_t image = 0;                  // kImage; UINT32_MAX: draw a placeholder
  uint32_t block = UINT32_MAX;         // kImage: the figure's article block
  uint8_t gray = 0;                    // kRule
  uint16_t column = 0;
  bool repeated = false;               // a table's header row shown again at the top of a column
};

struct AssembledPage {
  int number = 0;  // 1-based
  std::vector<PageItem> items;
  std::vector<std::unique_ptr<Paragraph>> generated;  // running head and page number
  std::vector<std::shared_ptr<const BlockBox>> boxes;  // the laid-out blocks the items point into
};

class DocumentLayout final : public paginate::FlowSource {
 public:
  // Adds blocks to the article (parses its next piece); false when there are no more. The article may
  // grow only inside this call.
  using MoreBlocks = std::function<bool()>;

  DocumentLayout(const doc::Article& article, const style::ResolvedLayout& resolved, font::FontCollection& fonts,
                 ParagraphBuilder& builder, ImageResolver images, const BlockLayoutOptions& options,
                 MoreBlocks more_blocks = {});
  ~DocumentLayout() override;
  DocumentLayout(const DocumentLayout&) = delete;
  DocumentLayout& operator=(const DocumentLayout&) = delete;

  const paginate::FlowBlock* block(uint32_t index) override;
  const paginate::FlowBlock* variant(uint32_t index, int looseness) override;

  bool ensure_page(int index);
  int pages_so_far() const;
  bool complete() const { return m_paginator.finished(); }
  int page_count();  // finishes the layout

  AssembledPage assemble(int index);
  std::string position_of_page(int index);
  int page_of_position(std::string_view position);

  const std::vector<paginate::PageFlow>& pages_flow() const { return m_paginator.pages(); }

  // Layout time allowed for the article, counted over every block laid out (hostile content must not
  // hang a kiosk). Checked between blocks: once spent, the remaining blocks are broken first-fit,
  // never dropped. Unlimited by default.
  void set_time_budget(double ms) { m_budget_ms = ms; }
  bool over_time_budget() const { return m_over_budget; }
  const paginate::PaginatorStats& paginator_stats() const { return m_paginator.stats(); }
  uint32_t blocks_laid_out() const { return m_laid_out; }
  const std::vector<FlowEntry>& flow() const { return m_flow; }
  // The block's full layout, from the cache or laid out again.
  std::shared_ptr<const BlockBox> box(uint32_t entry, int looseness);
  const BoxCacheStats& box_cache_stats() const { return m_cache.stats(); }
  const style::ResolvedLayout& resolved() const { return m_resolved; }
  shape::TextStyle body_text_style() const { return m_layouter.body_text_style(); }

 private:
  using Summary = BlockSummary;

  const Summary* summary(uint32_t entry, int looseness);
  // Grows the flow (and the article) until it has `entry`; false when the article ends before it.
  bool reach(uint32_t entry);
  void extend_flow();
  std::shared_ptr<BlockBox> lay_out(uint32_t entry, int looseness);
  void reuse_evicted();
  uint64_t first_key(int page);
  void link_footnotes(uint32_t entry, BlockBox& box);

  const doc::Article& m_article;
  const style::ResolvedLayout& m_resolved;
  BlockLayouter m_layouter;
  MoreBlocks m_more_blocks;
  FlowBuilder m_flow_builder;
  std::vector<FlowEntry> m_flow;
  // Taken from the builder: entries past the flow, and those not ready, are spares. Variants not
  // ready are spares too, reused for new variants.
  BlockSummaries m_summaries;
  size_t m_variants = 0;  // ready variants: the first m_variants of m_summaries.variants, sorted
  BoxCache m_cache;
  ParagraphBuilder& m_builder;
  paginate::Paginator m_paginator;
  uint32_t m_laid_out = 0;
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> m_footnote_entries;  // kFootnote block -> first entry, count
  double m_budget_ms = -1;
  double m_spent_ms = 0;
  bool m_over_budget = false;
};

// The layout dump documented in the README.
struct LayoutDumpStats {
  double layout_ms = 0;
  uint64_t shape_hits = 0;
  uint64_t shape_misses = 0;
  bool include_timing = true;
};
std::string layout_json(DocumentLayout& layout, const doc::Article& article, const LayoutDumpStats& stats);

// A line's characters in logical order as in the article (trailing spaces and line feeds trimmed).
std::string_view line_text(const Paragraph& p, uint32_t line);

}  // namespace inkset::layout
