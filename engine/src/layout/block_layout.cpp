#include "layout/block_layout.h"

#include <algorithm>

#include "doc/article_text.h"

namespace inkset::layout {
namespace {

using style::ElementKind;

constexpr uint8_t kUnderline = 1;
constexpr uint8_t kStrike = 2;
constexpr uint8_t kQuoteBarGray = 96;
constexpr uint8_t kTableRuleGray = 96;
// Code lines that wrap start with this mark in the code block's left padding.
constexpr const char* kContinuationMark = "\xE2\x86\xAA";  // U+21AA RIGHTWARDS ARROW WITH HOOK
// A huge measure: every paragraph fits on one line, for natural widths.
constexpr Fixed kUnboundedWidth = 1 << 28;

Fixed scale_fixed(Fixed v, int64_t num, int64_t den) { return den ? static_cast<Fixed>(v * num / den) : v; }

hb_feature_t to_hb(const style::Feature& f) {
  hb_feature_t out;
  out.tag = f.tag;
  out.value = f.value;
  out.start = HB_FEATURE_GLOBAL_START;
  out.end = HB_FEATURE_GLOBAL_END;
  return out;
}

style::Align cell_align(doc::CellAlign a) {
  switch (a) {
    case doc::CellAlign::kCenter: return style::Align::kCenter;
    case doc::CellAlign::kRight: return style::Align::kRight;
    default: return style::Align::kLeft;
  }
}

}  // namespace

BlockLayouter::BlockLayouter(const doc::Article& article, const style::ResolvedLayout& resolved,
                             font::FontCollection& fonts, ParagraphBuilder& builder, ImageResolver images,
                             const BlockLayoutOptions& options)
    : m_article(article),
      m_resolved(resolved),
      m_fonts(fonts),
      m_builder(builder),
      m_images(std::move(images)),
      m_options(options) {
  const auto& g = resolved.geometry;
  m_column_width = px_to_fixed(g.columns.empty() ? g.content.width : g.columns[0].width);
  m_column_height = px_to_fixed(g.content.height);
  m_language = !resolved.language.empty() ? resolved.language : article.front.language;
  if (m_language.empty()) m_language = "en";
}

void BlockLayouter::set_text_style(const style::ComputedStyle& s, shape::TextStyle& t) const {
  t.family.assign(s.family);
  t.weight = s.weight;
  t.italic = s.italic;
  t.size = s.size;
  t.language.assign(m_language);
  t.features.clear();
  for (const auto& f : s.features) t.features.push_back(to_hb(f));
}

shape::TextStyle BlockLayouter::body_text_style() const {
  shape::TextStyle t;
  set_text_style(m_resolved.style(ElementKind::kBody), t);
  return t;
}

uint16_t BlockLayouter::add_style(ParagraphSpec& spec, const style::ComputedStyle& s, uint8_t decoration) {
  for (size_t i = 0; i < spec.styles.size(); ++i) {
    const auto& o = spec.styles[i];
    if (o.family == s.family && o.weight == s.weight && o.italic == s.italic && o.size == s.size &&
        spec.style_decoration[i] == decoration && spec.style_color[i] == s.color)
      return static_cast<uint16_t>(i);
  }
  if (m_spare_styles.empty()) {
    spec.styles.emplace_back();
  } else {
    spec.styles.push_back(std::move(m_spare_styles.back()));
    m_spare_styles.pop_back();
  }
  set_text_style(s, spec.styles.back());
  spec.style_color.push_back(s.color);
  spec.style_decoration.push_back(decoration);
  return static_cast<uint16_t>(spec.styles.size() - 1);
}

ParagraphSpec& BlockLayouter::text_spec(const doc::Block& block, ElementKind element, Fixed width, bool first_indent) {
  const style::ComputedStyle& base = m_resolved.style(element);
  ParagraphSpec& spec = m_spec;
  spec.ranges.clear();
  // The styles' strings and feature lists keep their buffers for the next paragraph's styles.
  for (shape::TextStyle& t : spec.styles) m_spare_styles.push_back(std::move(t));
  spec.styles.clear();
  spec.style_color.clear();
  spec.style_decoration.clear();
  spec.keep_together.clear();
  spec.looseness = 0;
  spec.text = block.text;
  spec.align = base.align;
  spec.hyphenate = base.hyphenate && m_options.hyphenate;
  spec.hanging_punctuation = m_options.hanging_punctuation;
  spec.language = m_language;
  spec.first_indent = first_indent ? base.indent : 0;
  spec.width = std::max<Fixed>(width, kFixedOne);
  spec.greedy = m_options.greedy || block.text.size() > m_options.greedy_above_bytes;
  add_style(spec, base, 0);

  std::vector<doc::InlineSpan>& spans = m_spans;
  spans.assign(block.spans.begin(), block.spans.end());
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  const auto& body = m_resolved.style(ElementKind::kBody);
  const auto& code = m_resolved.style(ElementKind::kCode);
  uint32_t pos = 0;
  const auto text_size = static_cast<uint32_t>(spec.text.size());
  for (const auto& span : spans) {
    const uint32_t begin = std::clamp(span.begin, pos, text_size);
    const uint32_t end = std::clamp(span.end, begin, text_size);
    if (begin == end) continue;
    if (pos < begin) spec.ranges.push_back({pos, begin, 0});
    style::ComputedStyle s = base;
    uint8_t decoration = 0;
    if (span.flags & (doc::kEmphasis | doc::kImageAlt)) s.italic = !s.italic;
    if (span.flags & doc::kStrong) s.weight = 700;
    if (span.flags & (doc::kCode | doc::kHtmlInline)) {
      s.family = code.family;
      s.size = scale_fixed(base.size, code.size, body.size);
    }
    if (span.flags & doc::kLink) decoration |= kUnderline;
    if (span.flags & doc::kStrikethrough) decoration |= kStrike;
    if (span.flags & doc::kFootnoteRef) s.size = scale_fixed(base.size, 3, 4);
    spec.ranges.push_back({begin, end, add_style(spec, s, decoration)});
    pos = end;
  }
  if (pos < text_size || spec.ranges.empty()) spec.ranges.push_back({pos, text_size, 0});
  return spec;
}

Fixed BlockLayouter::baseline_offset(ElementKind element) {
  const auto& s = m_resolved.style(element);
  font::FaceId face = m_fonts.match(s.family, s.weight, s.italic).face;
  if (face == font::kNoFace) face = 0;
  const font::FontMetrics m = m_fonts.metrics(face, s.size);
  // Half-leading: the line box's extra space is split above and below the glyphs, as CSS does.
  return (s.line_height - (m.ascender + m.descender)) / 2 + m.ascender;
}

std::unique_ptr<Paragraph> BlockLayouter::generated_line(const std::string& text, ElementKind element, Fixed width,
                                                         style::Align align) {
  doc::Block block;
  block.text = text;
  ParagraphSpec& spec = text_spec(block, element, width, false);
  spec.align = align;
  spec.hyphenate = false;
  spec.hanging_punctuation = false;
  auto p = m_builder.build(spec);
  p->origin = Origin::kGenerated;
  p->block_id = doc::kNone;
  return p;
}

std::string BlockLayouter::fit_with_ellipsis(const std::string& text, ElementKind element, Fixed width) {
  doc::Block block;
  block.text = text;
  if (m_builder.natural_width(text_spec(block, element, kUnboundedWidth, false)) <= width) return text;
  // Drop whole words from the end until the shortened text and its ellipsis fit.
  std::string cut = text;
  while (!cut.empty()) {
    const size_t space = cut.find_last_of(' ');
    cut.resize(space == std::string::npos ? 0 : space);
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ';' || cut.back() == ':'))
      cut.pop_back();
    block.text = cut + "\xE2\x80\xA6";
    if (m_builder.natural_width(text_spec(block, element, kUnboundedWidth, false)) <= width) return block.text;
  }
  return "\xE2\x80\xA6";
}

void BlockLayouter::add_quote_bars(BlockBox& box, const FlowEntry& e) {
  const Fixed thickness = std::max<Fixed>(m_resolved.geometry.rule_thickness * 2, 2 * kFixedOne);
  for (int i = 0; i < e.quote_bars; ++i) {
    Item bar;
    bar.kind = ItemKind::kRule;
    bar.x = e.quote_bar_x[i];
    bar.width = thickness;
    bar.height = box.rows.back().height;
    bar.gray = kQuoteBarGray;
    box.add_item(bar);
  }
}

void BlockLayouter::add_lines(BlockBox& box, std::unique_ptr<Paragraph> p, const FlowEntry& e, ElementKind element,
                              Fixed x) {
  const Fixed line_height = m_resolved.style(element).line_height;
  const Fixed baseline = baseline_offset(element);
  p->role = e.role;
  p->origin = e.origin;
  p->block_id = e.block;
  const auto index = static_cast<uint32_t>(box.paragraphs.size());
  for (uint32_t i = 0; i < p->lines.size(); ++i) {
    box.begin_row();
    box.rows.back().height = line_height;
    Item line;
    line.kind = ItemKind::kLine;
    line.x = x;
    line.width = measure() - x - e.indent_right;
    line.height = line_height;
    line.baseline = baseline;
    line.paragraph = index;
    line.line = i;
    box.add_item(line);
    add_quote_bars(box, e);
    box.flow.line_heights.push_back(line_height);
  }
  box.paragraphs.push_back(std::move(p));
}

void BlockLayouter::add_footnote_refs(BlockBox& box, const doc::Block& block, uint32_t paragraph) {
  const Paragraph& p = *box.paragraphs[paragraph];
  for (const auto& span : block.spans) {
    if (!(span.flags & doc::kFootnoteRef) || span.target == doc::kNone) continue;
    uint32_t row = 0;
    for (uint32_t i = 0; i < p.lines.size(); ++i)
      if (p.lines[i].text_begin <= span.begin) row = i;
    box.footnote_refs.emplace_back(row, span.target);
  }
}

void BlockLayouter::add_marker(BlockBox& box, const FlowEntry& e, ElementKind element) {
  if (e.marker_block == doc::kNone || e.marker.empty() || box.rows.empty()) return;
  auto marker = generated_line(e.marker, element, kUnboundedWidth, style::Align::kLeft);
  if (marker->lines.empty()) return;
  marker->role = e.role;
  const Fixed width = marker->lines[0].ink_left + marker->lines[0].ink_width;
  const Fixed gap = m_resolved.style(element).size * 2 / 5;
  const Row& first = box.rows.front();
  Item m;
  m.kind = ItemKind::kLine;
  // Markers hang in the indent, right-aligned against the text, so numbers line up on their last digit.
  m.x = std::max<Fixed>(0, e.indent_left - gap - width);
  m.width = width;
  m.height = first.height;
  m.baseline = box.items[first.item_begin].baseline;
  m.paragraph = static_cast<uint32_t>(box.paragraphs.size());
  m.line = 0;
  box.items.insert(box.items.begin() + first.item_end, m);
  box.rows.front().item_end++;
  for (size_t r = 1; r < box.rows.size(); ++r) {
    box.rows[r].item_begin++;
    box.rows[r].item_end++;
  }
  box.paragraphs.push_back(std::move(marker));
}

void BlockLayouter::layout_text(BlockBox& box, const FlowEntry& e, int looseness, const BlockBox* base) {
  const doc::Block& block = m_article.blocks[e.block];
  const bool indent = !e.no_indent && m_resolved.geometry.paragraph_separation == style::ParagraphSeparation::kIndent;
  ParagraphSpec& spec = text_spec(block, e.element, measure() - e.indent_left - e.indent_right, indent);
  spec.looseness = looseness;
  // add_lines puts the text's paragraph first in a box.
  const Paragraph* same = base && !base->paragraphs.empty() ? base->paragraphs.front().get() : nullptr;
  add_lines(box, m_builder.build(spec, same), e, e.element, e.indent_left);
  add_footnote_refs(box, block, 0);
  add_marker(box, e, e.element);
  box.can_vary = e.role != Role::kHeading;
  if (e.role == Role::kHeading) {
    const Fixed total = box.flow.total_height();
    box.flow.kind = paginate::FlowKind::kUnbreakable;
    box.flow.line_heights = {total};
  }
}

void BlockLayouter::layout_code(BlockBox& box, const FlowEntry& e) {
  const doc::Block& block = m_article.blocks[e.block];
  const auto& s = m_resolved.style(ElementKind::kCode);
  auto mark = generated_line(kContinuationMark, ElementKind::kCode, kUnboundedWidth, style::Align::kLeft);
  mark->role = e.role;
  // The left padding holds the continuation mark, whatever font the fallback found for it.
  const Fixed mark_width = mark->lines.empty() ? 0 : mark->lines[0].ink_left + mark->lines[0].ink_width;
  const Fixed pad = std::max(s.size, mark_width + s.size / 4);
  ParagraphSpec& spec = text_spec(block, ElementKind::kCode, measure() - e.indent_left - e.indent_right - pad, false);
  spec.hyphenate = false;
  spec.hanging_punctuation = false;  // code keeps its columns
  spec.align = style::Align::kLeft;
  auto p = m_builder.build(spec);
  std::vector<uint32_t> continued;
  for (uint32_t i = 1; i < p->lines.size(); ++i) {
    const uint32_t begin = p->lines[i].text_begin;
    if (begin > 0 && p->text[begin - 1] != '\n') continued.push_back(i);
  }
  add_lines(box, std::move(p), e, ElementKind::kCode, e.indent_left + pad);
  if (continued.empty()) return;
  const auto mark_index = static_cast<uint32_t>(box.paragraphs.size());
  const Fixed baseline = baseline_offset(ElementKind::kCode);
  // Insert from the last row backwards so earlier rows' item ranges stay valid while shifting.
  for (auto it = continued.rbegin(); it != continued.rend(); ++it) {
    Row& row = box.rows[*it];
    Item m;
    m.kind = ItemKind::kLine;
    m.x = e.indent_left;
    m.width = mark_width;
    m.height = row.height;
    m.baseline = baseline;
    m.paragraph = mark_index;
    box.items.insert(box.items.begin() + row.item_end, m);
    row.item_end++;
    for (size_t r = *it + 1; r < box.rows.size(); ++r) {
      box.rows[r].item_begin++;
      box.rows[r].item_end++;
    }
  }
  box.paragraphs.push_back(std::move(mark));
}

void BlockLayouter::layout_figure(BlockBox& box, const FlowEntry& e) {
  const doc::Block& block = m_article.blocks[e.block];
  const Fixed avail = measure() - e.indent_left - e.indent_right;
  const ImageInfo info = m_images ? m_images(block.src) : ImageInfo{};
  int64_t w = fixed_floor(avail);
  int64_t h = w / 2;
  if (info.ok && info.width > 0 && info.height > 0) {
    w = std::min<int64_t>(w, static_cast<int64_t>(info.width * m_options.max_image_upscale));
    h = w * info.height / info.width;
  } else {
    w = w * 3 / 5;
    h = w * 3 / 4;
  }
  // A figure with its caption must fit a column: at most 60% of its height for the picture.
  const int64_t max_h = fixed_floor(m_column_height) * 3 / 5;
  if (h > max_h) {
    w = w * max_h / std::max<int64_t>(h, 1);
    h = max_h;
  }
  w = std::max<int64_t>(w, 1);
  h = std::max<int64_t>(h, 1);
  const auto& caption_style = m_resolved.style(ElementKind::kCaption);
  box.begin_row();
  box.rows.back().height = px_to_fixed(static_cast<int32_t>(h)) + caption_style.space_before;
  Item img;
  img.kind = ItemKind::kImage;
  img.x = e.indent_left + px_to_fixed(static_cast<int32_t>((fixed_floor(avail) - w) / 2));
  img.width = px_to_fixed(static_cast<int32_t>(w));
  img.height = px_to_fixed(static_cast<int32_t>(h));
  img.image = info.ok ? info.index : UINT32_MAX;
  img.block = e.block;
  box.add_item(img);
  box.flow.line_heights.push_back(box.rows.back().height);
  if (!info.ok && !block.alt.empty()) {
    // The missing picture's alt text is shown inside its placeholder box.
    auto alt = generated_line(block.alt, ElementKind::kCaption, img.width - 2 * caption_style.size,
                              style::Align::kCenter);
    alt->role = Role::kCaption;
    const Fixed lh = caption_style.line_height;
    const Fixed top = (img.height - lh * static_cast<Fixed>(alt->lines.size())) / 2;
    const auto index = static_cast<uint32_t>(box.paragraphs.size());
    for (uint32_t i = 0; i < alt->lines.size() && top + lh * static_cast<Fixed>(i + 1) <= img.height; ++i) {
      Item line;
      line.kind = ItemKind::kLine;
      line.x = img.x + caption_style.size;
      line.y = std::max<Fixed>(0, top) + lh * static_cast<Fixed>(i);
      line.width = img.width - 2 * caption_style.size;
      line.height = lh;
      line.baseline = baseline_offset(ElementKind::kCaption);
      line.paragraph = index;
      line.line = i;
      box.add_item(line);
    }
    box.paragraphs.push_back(std::move(alt));
  }
  if (!block.text.empty()) {
    ParagraphSpec& spec = text_spec(block, ElementKind::kCaption, avail, false);
    add_lines(box, m_builder.build(spec), e, ElementKind::kCaption, e.indent_left);
  }
  const Fixed total = box.flow.total_height();
  box.flow.kind = paginate::FlowKind::kFloat;
  box.flow.line_heights = {total};
  box.flow.space_before = caption_style.space_after;
  box.flow.space_after = caption_style.space_after;
}

void BlockLayouter::layout_rule(BlockBox& box, const FlowEntry& e) {
  const auto& body = m_resolved.style(ElementKind::kBody);
  const Fixed thickness = std::max<Fixed>(m_resolved.geometry.rule_thickness, kFixedOne);
  const Fixed avail = measure() - e.indent_left - e.indent_right;
  box.begin_row();
  box.rows.back().height = body.line_height;
  Item rule;
  rule.kind = ItemKind::kRule;
  rule.width = fixed_floor(avail / 3) * kFixedOne;
  rule.x = e.indent_left + fixed_floor((avail - rule.width) / 2) * kFixedOne;
  rule.y = fixed_floor((body.line_height - thickness) / 2) * kFixedOne;
  rule.height = thickness;
  rule.gray = 0;
  box.add_item(rule);
  box.flow.kind = paginate::FlowKind::kUnbreakable;
  box.flow.line_heights = {body.line_height};
  box.flow.space_before = body.line_height / 2;
  box.flow.space_after = body.line_height / 2;
}

const std::vector<Fixed>& BlockLayouter::table_columns(uint32_t table, Fixed width) {
  auto it = m_table_columns.find(table);
  if (it != m_table_columns.end()) return it->second;
  const auto& s = m_resolved.style(ElementKind::kTable);
  const Fixed pad = s.size * 3 / 10;
  std::vector<Fixed> natural;
  for (uint32_t row = m_article.blocks[table].first_child; row != doc::kNone; row = m_article.blocks[row].next_sibling) {
    const doc::Block& r = m_article.blocks[row];
    size_t c = 0;
    for (uint32_t cell = r.first_child; cell != doc::kNone; cell = m_article.blocks[cell].next_sibling, ++c) {
      const ElementKind element = r.header ? ElementKind::kTableHeader : ElementKind::kTable;
      const Fixed w = m_builder.natural_width(text_spec(m_article.blocks[cell], element, kUnboundedWidth, false));
      if (natural.size() <= c) natural.resize(c + 1, 0);
      natural[c] = std::max(natural[c], w + 2 * pad + kFixedOne);
    }
  }
  std::vector<Fixed> cols = natural;
  int64_t sum = 0;
  for (Fixed n : natural) sum += n;
  if (!natural.empty() && sum > width) {
    // Each column first gets what it needs up to a fair share; what is left goes to the wider
    // columns in proportion to how much more they would need (a simplified CSS auto table layout).
    const Fixed fair = width / static_cast<Fixed>(natural.size());
    int64_t used = 0, excess = 0;
    for (size_t c = 0; c < cols.size(); ++c) {
      cols[c] = std::min(natural[c], fair);
      used += cols[c];
      excess += natural[c] - cols[c];
    }
    const int64_t left = width - used;
    for (size_t c = 0; c < cols.size() && excess > 0; ++c)
      cols[c] += static_cast<Fixed>(left * (natural[c] - cols[c]) / excess);
  }
  return m_table_columns.emplace(table, std::move(cols)).first->second;
}

void BlockLayouter::layout_table_row(BlockBox& box, const FlowEntry& e) {
  const doc::Block& row = m_article.blocks[e.block];
  const auto& cols = table_columns(e.table, measure() - e.indent_left - e.indent_right);
  const auto& s = m_resolved.style(e.element);
  const Fixed pad = m_resolved.style(ElementKind::kTable).size * 3 / 10;
  const Fixed thickness = std::max<Fixed>(m_resolved.geometry.rule_thickness, kFixedOne);
  const Fixed baseline = baseline_offset(e.element);
  box.begin_row();
  Fixed x = e.indent_left;
  Fixed height = 0;
  size_t c = 0;
  for (uint32_t cell = row.first_child; cell != doc::kNone; cell = m_article.blocks[cell].next_sibling, ++c) {
    const Fixed col = c < cols.size() ? cols[c] : 0;
    const doc::Block& cb = m_article.blocks[cell];
    ParagraphSpec& spec = text_spec(cb, e.element, col - 2 * pad, false);
    spec.align = cell_align(cb.align);
    auto p = m_builder.build(spec);
    p->role = e.role;
    p->origin = e.origin;
    p->block_id = cell;
    const auto index = static_cast<uint32_t>(box.paragraphs.size());
    for (uint32_t i = 0; i < p->lines.size(); ++i) {
      Item line;
      line.kind = ItemKind::kLine;
      line.x = x + pad;
      line.y = pad + s.line_height * static_cast<Fixed>(i);
      line.width = col - 2 * pad;
      line.height = s.line_height;
      line.baseline = baseline;
      line.paragraph = index;
      line.line = i;
      box.add_item(line);
    }
    height = std::max(height, s.line_height * static_cast<Fixed>(p->lines.size()));
    box.paragraphs.push_back(std::move(p));
    add_footnote_refs(box, cb, index);
    x += col;
  }
  height += 2 * pad + thickness;
  height = fixed_ceil(height) * kFixedOne;
  box.rows.back().height = height;
  const Fixed table_width = x - e.indent_left;
  auto add_rule = [&](Fixed y, Fixed h) {
    Item rule;
    rule.kind = ItemKind::kRule;
    rule.x = e.indent_left;
    rule.y = y;
    rule.width = table_width;
    rule.height = h;
    rule.gray = kTableRuleGray;
    box.add_item(rule);
  };
  if (row.header) add_rule(0, thickness);
  add_rule(height - thickness, row.header ? thickness * 2 : thickness);
  box.flow.kind = paginate::FlowKind::kUnbreakable;
  box.flow.line_heights = {height};
  box.flow.keep_with_next = row.header;
  box.flow.repeat_header = e.header_entry == UINT32_MAX ? paginate::kNoBlock : e.header_entry;
}

void BlockLayouter::layout_comment_meta(BlockBox& box, const FlowEntry& e) {
  const doc::Block& block = m_article.blocks[e.block];
  doc::Block meta;
  meta.text = doc::comment_meta_line(block.comment);
  ParagraphSpec& spec = text_spec(meta, ElementKind::kCommentMeta, measure() - e.indent_left - e.indent_right, false);
  const auto author_end = static_cast<uint32_t>(std::min(block.comment.author.size(), meta.text.size()));
  const uint16_t author_style = add_style(spec, m_resolved.style(ElementKind::kCommentAuthor), 0);
  spec.ranges.clear();
  if (author_end > 0) spec.ranges.push_back({0, author_end, author_style});
  if (author_end < spec.text.size()) spec.ranges.push_back({author_end, static_cast<uint32_t>(spec.text.size()), 0});
  // Each field ("Undisclosed Manufacturer #1", "3 votes") stays on one line; lines break between fields.
  static constexpr std::string_view kSeparator = " \xC2\xB7 ";
  for (size_t begin = 0; begin < spec.text.size();) {
    const size_t sep = spec.text.find(kSeparator, begin);
    const size_t end = sep == std::string::npos ? spec.text.size() : sep;
    spec.keep_together.emplace_back(static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
    begin = end + kSeparator.size();
  }
  add_lines(box, m_builder.build(spec), e, ElementKind::kCommentAuthor, e.indent_left);
  const Fixed total = box.flow.total_height();
  box.flow.kind = paginate::FlowKind::kUnbreakable;
  box.flow.line_heights = {total};
}

void BlockLayouter::layout_front(BlockBox& box, const FlowEntry& e, uint32_t front_index) {
  doc::Block block;
  block.text = e.text;
  ParagraphSpec& spec = text_spec(block, e.element, measure(), false);
  add_lines(box, m_builder.build(spec), e, e.element, 0);
  // Front-matter lines share no article block; the entry's index keeps their positions apart.
  box.paragraphs.back()->text_offset = front_index << 16;
  const Fixed total = box.flow.total_height();
  box.flow.kind = paginate::FlowKind::kUnbreakable;
  box.flow.line_heights = {total};
}

void BlockLayouter::layout(const std::vector<FlowEntry>& flow, uint32_t entry, int looseness, BlockBox& box,
                           const BlockBox* base) {
  const FlowEntry& e = flow[entry];
  box.block_id = e.block;
  box.breaking_looseness = looseness;
  const auto& s = m_resolved.style(e.kind == EntryKind::kCommentMeta ? ElementKind::kCommentAuthor : e.element);
  box.flow.space_before = s.space_before;
  box.flow.space_after = s.space_after;
  switch (e.kind) {
    case EntryKind::kText:
      if (e.role == Role::kCode) layout_code(box, e);
      else layout_text(box, e, looseness, base);
      break;
    case EntryKind::kFigure: layout_figure(box, e); break;
    case EntryKind::kRule: layout_rule(box, e); break;
    case EntryKind::kTableRow: layout_table_row(box, e); break;
    case EntryKind::kCommentMeta: layout_comment_meta(box, e); break;
    case EntryKind::kFront: layout_front(box, e, entry); break;
  }
  box.flow.keep_with_next = box.flow.keep_with_next || e.keep_with_next;
  if (box.rows.empty()) {
    // An empty block (an empty paragraph or table) still occupies no space but exists for positions.
    box.flow.kind = paginate::FlowKind::kUnbreakable;
    box.flow.line_heights = {0};
    box.begin_row();
  }
}

}  // namespace inkset::layout
