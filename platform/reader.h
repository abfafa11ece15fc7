#pragma once
// One open document on one display: the page being read, page turns, relayout at the same reading
// position, and refreshes chosen by a RefreshPolicy. Shared by every front end (framebuffer, SDL
// preview), so they differ only in where events come from.
#include <inkset/document.h>

#include "display.h"
#include "refresh_policy.h"

namespace inkset::platform {

class Reader {
 public:
  // document and display are borrowed: valid until the reader is destroyed. The document's page
  // size must equal the display's logical size.
  Reader(Document& document, Display& display, RefreshPolicy policy, RenderSettings render = {});

  // Shows the current page (after construction, or after someone else drew on the display).
  Status show(FrameChange change = FrameChange::kLayout);

  // Page turns; at either end of the article they do nothing and return ok.
  Status next();
  Status previous();
  Status first();
  Status last();
  // index is 0-based and clamped to the article.
  Status go_to(int index);
  // Acts on a page-turn event (next, previous, first, last, tap); other events are ignored.
  Status handle(const InputEvent& event);

  // Lays the document out again and shows the page holding the reading position the reader was at.
  Status relayout(const LayoutSettings& settings);
  Status set_render_settings(const RenderSettings& render);

  int page() const { return m_page; }
  // Pages known so far; the exact count once the layout is complete.
  int pages_known() const;
  const Bitmap* frame() const { return m_presenter.current(); }

 private:
  Status turn_to(int index);

  Document& m_document;
  Display& m_display;
  Presenter m_presenter;
  RenderSettings m_render;
  int m_page = 0;
};

}  // namespace inkset::platform
