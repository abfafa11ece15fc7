#include "layout/flow_builder.h"

#include <algorithm>
#include <cstdio>

namespace inkset::layout {
namespace {

using doc::BlockKind;
using style::ElementKind;

ElementKind heading_element(int level) {
  static constexpr ElementKind kHeadings[] = {ElementKind::kH1, ElementKind::kH2, ElementKind::kH3,
                                              ElementKind::kH4, ElementKind::kH5, ElementKind::kH6};
  return kHeadings[std::clamp(level, 1, 6) - 1];
}

// "2021-06-29T14:18" -> "29 June 2021, 14:18"; anything else is shown as written.
std::string readable_date(const std::string& iso) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  int y = 0, m = 0, d = 0, hh = -1, mm = -1;
  char t = 0;
  const int n = std::sscanf(iso.c_str(), "%4d-%2d-%2d%c%2d:%2d", &y, &m, &d, &t, &hh, &mm);
  if (n < 3 || m < 1 || m > 12 || d < 1 || d > 31) return iso;
  std::string out = std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
  if (n == 6 && (t == 'T' || t == ' ') && hh >= 0 && hh < 24 && mm >= 0 && mm < 60) {
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", hh, mm);
    out += std::string(", ") + time;
  }
  return out;
}

bool is_descendant(const doc::Article& a, uint32_t block, uint32_t ancestor) {
  for (uint32_t b = block; b != doc::kNone; b = a.blocks[b].parent)
    if (b == ancestor) return true;
  return false;
}

}  // namespace

FlowBuilder::FlowBuilder(const style::PageGeometry& geometry)
    // Hardening: deep nesting (up to the parser's depth limit, 64) is clamped visually: the indent
    // stops growing at half the column, so the text of the deepest quote still has a readable measure
    // instead of one character per line.
    : m_geometry(geometry), m_max_indent(px_to_fixed(geometry.columns.empty() ? 0 : geometry.columns.front().width) / 2) {}

void FlowBuilder::extend(const doc::Article& article, std::vector<FlowEntry>& flow) {
  if (!m_front_done) {
    m_front_done = true;
    add_front(article.front, flow);
  }
  const auto& blocks = article.blocks;
  const auto first = m_next;
  m_next = static_cast<uint32_t>(blocks.size());
  // A footnote is marked with the number its references show, not with its label.
  for (uint32_t i = first; i < blocks.size(); ++i) {
    const doc::Block& b = blocks[i];
    for (const auto& span : b.spans)
      if ((span.flags & doc::kFootnoteRef) && span.target != doc::kNone && span.end <= b.text.size())
        m_footnote_numbers.emplace_back(span.target, b.text.substr(span.begin, span.end - span.begin));
  }
  auto marker_of = [&](uint32_t block) -> std::string {
    const doc::Block& b = blocks[block];
    if (b.kind != BlockKind::kFootnote) return b.marker;
    for (const auto& [target, number] : m_footnote_numbers)
      if (target == block) return number + ".";
    return b.info + ".";
  };
  m_context.resize(blocks.size());

  for (uint32_t i = first; i < blocks.size(); ++i) {
    const doc::Block& b = blocks[i];
    // Blocks are in pre-order, so the parent's context is always computed before the child's.
    Context c = b.parent == doc::kNone ? Context{} : m_context[b.parent];
    const BlockKind parent_kind = b.parent == doc::kNone ? BlockKind::kParagraph : blocks[b.parent].kind;
    const bool first_child = b.parent != doc::kNone && blocks[b.parent].first_child == i;

    switch (b.kind) {
      case BlockKind::kQuote:
        if (c.quote_bars < kMaxQuoteBars && c.indent + m_geometry.quote_indent <= m_max_indent)
          c.quote_bar_x[c.quote_bars++] = c.indent + m_geometry.quote_indent / 3;
        c.indent += m_geometry.quote_indent;
        c.role = Role::kQuote;
        c.element = ElementKind::kQuote;
        break;
      case BlockKind::kListItem:
        c.indent += m_geometry.list_indent;
        c.role = Role::kList;
        c.element = ElementKind::kList;
        m_pending_marker = i;
        break;
      case BlockKind::kComment:
        if (parent_kind == BlockKind::kComment) c.indent += m_geometry.comment_indent;
        c.role = Role::kComment;
        c.element = ElementKind::kCommentBody;
        ++c.comment_depth;
        break;
      case BlockKind::kFootnote:
        c.indent += m_geometry.list_indent;
        c.role = Role::kFootnote;
        c.element = ElementKind::kFootnote;
        m_pending_marker = i;  // the footnote's label hangs in the margin like a list marker
        c.footnote = i;
        break;
      default:
        break;
    }
    m_context[i] = c;

    FlowEntry e;
    e.block = i;
    e.indent_left = std::min(c.indent, m_max_indent);
    e.quote_bars = c.quote_bars;
    std::copy(std::begin(c.quote_bar_x), std::end(c.quote_bar_x), std::begin(e.quote_bar_x));
    e.role = c.role;
    e.element = c.element;
    e.no_indent = m_after_heading || first_child;
    e.footnote = c.footnote;
    bool emit = true;
    switch (b.kind) {
      case BlockKind::kHeading:
        e.element = heading_element(b.level);
        e.role = Role::kHeading;
        e.keep_with_next = true;
        break;
      case BlockKind::kComments:
        e.element = ElementKind::kH2;
        e.role = Role::kHeading;
        e.keep_with_next = true;
        break;
      case BlockKind::kParagraph:
        break;
      case BlockKind::kCodeBlock:
      case BlockKind::kHtml:
        e.element = ElementKind::kCode;
        e.role = Role::kCode;
        break;
      case BlockKind::kFigure:
        e.kind = EntryKind::kFigure;
        e.role = Role::kCaption;
        e.element = ElementKind::kCaption;
        break;
      case BlockKind::kThematicBreak:
        e.kind = EntryKind::kRule;
        break;
      case BlockKind::kTableRow: {
        e.kind = EntryKind::kTableRow;
        e.role = Role::kTable;
        e.element = b.header ? ElementKind::kTableHeader : ElementKind::kTable;
        e.table = b.parent;
        if (b.header) {
          m_table_header_entry = static_cast<uint32_t>(flow.size());
          e.keep_with_next = true;
        } else if (m_table_header_entry != UINT32_MAX && flow[m_table_header_entry].table == b.parent) {
          e.header_entry = m_table_header_entry;
        }
        break;
      }
      case BlockKind::kComment:
        e.kind = EntryKind::kCommentMeta;
        e.element = ElementKind::kCommentAuthor;
        e.role = Role::kComment;
        e.keep_with_next = true;
        break;
      default:
        emit = false;  // containers and table cells: their content makes the entries
        break;
    }
    if (!emit) continue;
    if (m_pending_marker != doc::kNone && is_descendant(article, i, m_pending_marker)) {
      e.marker_block = m_pending_marker;
      e.marker = marker_of(m_pending_marker);
      m_pending_marker = doc::kNone;
    }
    // A figure between a heading and its first paragraph does not make that paragraph a continuation.
    if (e.kind != EntryKind::kFigure)
      m_after_heading = e.role == Role::kHeading || e.kind == EntryKind::kRule || e.kind == EntryKind::kCommentMeta;
    flow.push_back(std::move(e));
  }
}

void FlowBuilder::add_front(const doc::FrontMatter& front, std::vector<FlowEntry>& flow) {
  const size_t first = flow.size();
  auto add = [&](std::string text, ElementKind element, Role role) {
    if (text.empty()) return;
    FlowEntry e;
    e.kind = EntryKind::kFront;
    e.element = element;
    e.role = role;
    e.origin = Origin::kFront;
    e.keep_with_next = true;
    e.no_indent = true;
    e.text = std::move(text);
    flow.push_back(std::move(e));
  };
  add(front.title, ElementKind::kTitle, Role::kTitle);
  if (!front.authors.empty()) {
    std::string byline = "By ";
    for (size_t i = 0; i < front.authors.size(); ++i) byline += (i ? ", " : "") + front.authors[i];
    add(byline, ElementKind::kByline, Role::kByline);
  }
  add(readable_date(front.date), ElementKind::kDate, Role::kByline);
  if (flow.size() > first) flow.back().keep_with_next = false;
}

std::vector<FlowEntry> build_flow(const doc::Article& article, const style::PageGeometry& geometry) {
  std::vector<FlowEntry> flow;
  FlowBuilder(geometry).extend(article, flow);
  return flow;
}

}  // namespace inkset::layout
