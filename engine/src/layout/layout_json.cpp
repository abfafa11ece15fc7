#include <cmath>

#include "layout/document_layout.h"
#include "support/json_writer.h"

namespace inkset::layout {
namespace {

double px(Fixed f) { return fixed_to_double(f); }

void write_box(JsonWriter& w, Fixed x, Fixed y, Fixed width, Fixed height) {
  w.key("x").value(px(x)).key("y").value(px(y)).key("width").value(px(width)).key("height").value(px(height));
}

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::kTitle: return "title";
    case Role::kByline: return "byline";
    case Role::kHeading: return "heading";
    case Role::kParagraph: return "paragraph";
    case Role::kQuote: return "quote";
    case Role::kList: return "list";
    case Role::kCode: return "code";
    case Role::kTable: return "table";
    case Role::kCaption: return "caption";
    case Role::kFootnote: return "footnote";
    case Role::kComment: return "comment";
    case Role::kHeader: return "header";
    case Role::kFooter: return "footer";
  }
  return "paragraph";
}

const char* origin_name(Origin origin) {
  switch (origin) {
    case Origin::kBody: return "body";
    case Origin::kFront: return "front";
    case Origin::kGenerated: return "generated";
  }
  return "body";
}

std::string layout_json(DocumentLayout& layout, const doc::Article& article, const LayoutDumpStats& stats) {
  const int pages = layout.page_count();
  const auto& g = layout.resolved().geometry;
  JsonWriter w;
  w.begin_object().key("page").begin_object();
  w.key("width").value(g.page_width).key("height").value(g.page_height).key("dpi").value(g.dpi);
  w.key("content").begin_object();
  w.key("x").value(g.content.x).key("y").value(g.content.y).key("width").value(g.content.width);
  w.key("height").value(g.content.height).end_object();
  w.key("columns").value(static_cast<int>(g.columns.size()));
  w.end_object().key("pages").begin_array();
  int lines = 0;
  for (int p = 0; p < pages; ++p) {
    const AssembledPage page = layout.assemble(p);
    w.newline().begin_object().key("number").value(page.number).key("items").begin_array();
    for (const PageItem& it : page.items) {
      w.newline().begin_object();
      switch (it.kind) {
        case ItemKind::kLine: {
          const Paragraph& para = *it.paragraph;
          const auto& line = para.lines[it.line];
          w.key("type").value("line");
          write_box(w, it.x + line.ink_left, it.y, line.ink_width, it.height);
          w.key("baseline").value(px(it.baseline));
          w.key("text").value(line_text(para, it.line));
          w.key("hyphenated").value(line.hyphenated);
          w.key("ratio").value(std::isfinite(line.ratio) ? line.ratio : 0.0, 3);
          w.key("block").value(role_name(para.role));
          w.key("block_id").value(para.block_id == doc::kNone ? int64_t{-1} : int64_t{para.block_id});
          w.key("column").value(static_cast<int>(it.column));
          // A repeated table header is a copy the engine made: its text is counted once, where it first stood.
          w.key("origin").value(origin_name(it.repeated ? Origin::kGenerated : para.origin));
          w.key("position").value(para.origin == Origin::kGenerated
                                      ? std::string()
                                      : encode_position(article, para.block_id, para.text_offset + line.text_begin));
          if (para.origin == Origin::kBody && !it.repeated) ++lines;
          break;
        }
        case ItemKind::kImage:
          w.key("type").value("image");
          write_box(w, it.x, it.y, it.width, it.height);
          w.key("src").value(it.block < article.blocks.size() ? article.blocks[it.block].src : std::string());
          w.key("loaded").value(it.image != UINT32_MAX);
          break;
        case ItemKind::kRule:
          w.key("type").value("rule");
          write_box(w, it.x, it.y, it.width, it.height);
          w.key("gray").value(static_cast<int>(it.gray));
          break;
      }
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.newline().end_array().key("stats").begin_object();
  w.key("pages").value(pages).key("lines").value(lines);
  // The time, and the cache's counts (which depend on which thread shaped a word first), vary from
  // run to run: a dump without them is the same on every run and every machine.
  if (stats.include_timing) {
    w.key("layout_ms").value(stats.layout_ms, 1);
    w.key("shape_cache").begin_object().key("hits").value(stats.shape_hits).key("misses").value(stats.shape_misses);
    w.end_object();
  }
  w.key("widows_fixed_by_looseness").value(layout.paginator_stats().widows_fixed_by_looseness);
  w.key("widows_fixed_by_moving_lines").value(layout.paginator_stats().widows_fixed_by_moving_lines);
  w.key("orphans_moved").value(layout.paginator_stats().orphans_moved);
  w.key("floats_deferred").value(layout.paginator_stats().floats_deferred);
  w.end_object().end_object().newline();
  return w.take();
}

}  // namespace inkset::layout
