#include "refresh_policy.h"

#include <cstring>

namespace inkset::platform {

Rect changed_bounds(const Bitmap& before, const Bitmap& after) {
  const Rect whole{0, 0, after.width, after.height};
  if (before.width != after.width || before.height != after.height || before.format != after.format ||
      before.stride != after.stride)
    return whole;
  const size_t bpp = static_cast<size_t>(bytes_per_pixel(after.format));
  const size_t row_bytes = bpp * static_cast<size_t>(after.width);
  int top = -1, bottom = -1;
  for (int y = 0; y < after.height; ++y) {
    const size_t at = static_cast<size_t>(y) * after.stride;
    if (std::memcmp(before.pixels.data() + at, after.pixels.data() + at, row_bytes) != 0) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  if (top < 0) return Rect{};
  int left = after.width, right = -1;
  for (int y = top; y <= bottom; ++y) {
    const uint8_t* a = before.pixels.data() + static_cast<size_t>(y) * after.stride;
    const uint8_t* b = after.pixels.data() + static_cast<size_t>(y) * after.stride;
    for (int x = 0; x < left; ++x)
      if (std::memcmp(a + x * bpp, b + x * bpp, bpp) != 0) { left = x; break; }
    for (int x = after.width - 1; x > right; --x)
      if (std::memcmp(a + x * bpp, b + x * bpp, bpp) != 0) { right = x; break; }
  }
  return Rect{left, top, right - left + 1, bottom - top + 1};
}

RefreshPlan RefreshPolicy::plan(const Bitmap* previous, const Bitmap& next, FrameChange change) {
  const Rect whole{0, 0, next.width, next.height};
  RefreshPlan plan;
  bool full = previous == nullptr || change == FrameChange::kLayout;
  if (change == FrameChange::kPageTurn && !full) {
    ++m_turns_since_full;
    full = m_full_every > 0 && m_turns_since_full >= m_full_every;
  }
  if (full) {
    m_turns_since_full = 0;
    plan.kind = RefreshKind::kFull;
    plan.regions.push_back(whole);
    return plan;
  }
  plan.kind = change == FrameChange::kUi ? RefreshKind::kFast : RefreshKind::kPartial;
  if (const Rect changed = changed_bounds(*previous, next); !changed.empty()) plan.regions.push_back(changed);
  return plan;
}

Result<RefreshPlan> Presenter::show(Bitmap page, FrameChange change) {
  RefreshPlan plan = m_policy.plan(current(), page, change);
  auto token = m_display.present(page, plan.regions, plan.kind);
  if (!token) return std::move(token).take_error();
  INKSET_TRY(m_display.wait(*token));
  m_current = std::move(page);
  return plan;
}

}  // namespace inkset::platform
