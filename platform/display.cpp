#include "display.h"

#include <algorithm>

namespace inkset::platform {

Rect unite(const Rect& a, const Rect& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return Rect{x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

Rect intersect(const Rect& a, const Rect& b) {
  const int x = std::max(a.x, b.x), y = std::max(a.y, b.y);
  const int r = std::min(a.right(), b.right()), bottom = std::min(a.bottom(), b.bottom());
  if (r <= x || bottom <= y) return Rect{};
  return Rect{x, y, r - x, bottom - y};
}

const char* refresh_kind_name(RefreshKind kind) {
  switch (kind) {
    case RefreshKind::kFull: return "full";
    case RefreshKind::kPartial: return "partial";
    case RefreshKind::kFast: return "fast";
  }
  return "?";
}

EventType page_turn_for_tap(int x, int screen_width) {
  return x * 3 < screen_width ? EventType::kPreviousPage : EventType::kNextPage;
}

}  // namespace inkset::platform
