#include "reader.h"

#include <algorithm>

namespace inkset::platform {

Reader::Reader(Document& document, Display& display, RefreshPolicy policy, RenderSettings render)
    : m_document(document), m_display(display), m_presenter(display, policy), m_render(render) {}

int Reader::pages_known() const { return m_document.pages_so_far(); }

Status Reader::show(FrameChange change) {
  auto page = m_document.render_page(m_page, m_render);
  if (!page) return std::move(page).take_error();
  auto plan = m_presenter.show(std::move(*page), change);
  if (!plan) return std::move(plan).take_error();
  return ok_status();
}

Status Reader::turn_to(int index) {
  if (index < 0 || index == m_page || !m_document.ensure_page(index)) return ok_status();
  m_page = index;
  return show(FrameChange::kPageTurn);
}

Status Reader::next() { return turn_to(m_page + 1); }
Status Reader::previous() { return turn_to(m_page - 1); }
Status Reader::first() { return turn_to(0); }
Status Reader::last() { return turn_to(m_document.page_count() - 1); }

Status Reader::go_to(int index) {
  const int count = m_document.page_count();
  return turn_to(std::clamp(index, 0, std::max(0, count - 1)));
}

Status Reader::handle(const InputEvent& event) {
  switch (event.type) {
    case EventType::kNextPage: return next();
    case EventType::kPreviousPage: return previous();
    case EventType::kFirstPage: return first();
    case EventType::kLastPage: return last();
    case EventType::kTap:
      return page_turn_for_tap(event.x, m_display.width()) == EventType::kNextPage ? next() : previous();
    default: return ok_status();
  }
}

Status Reader::relayout(const LayoutSettings& settings) {
  const std::string position = m_document.position_of_page(m_page);
  INKSET_TRY(m_document.set_layout(settings));
  const int page = m_document.page_of_position(position);
  m_page = page >= 0 ? page : 0;
  m_document.ensure_page(m_page);
  m_presenter.invalidate();
  return show(FrameChange::kLayout);
}

Status Reader::set_render_settings(const RenderSettings& render) {
  m_render = render;
  m_presenter.invalidate();
  return show(FrameChange::kLayout);
}

}  // namespace inkset::platform
