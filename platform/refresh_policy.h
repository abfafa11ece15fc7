#pragma once
// Which refresh each new frame gets, and which part of the screen it covers. E-ink ghosts a little
// with every non-flashing update; a periodic flashing refresh clears it.
#include <optional>
#include <vector>

#include "display.h"

namespace inkset::platform {

enum class FrameChange : uint8_t {
  kPageTurn,  // same layout, another page
  kLayout,    // new layout, article, theme, rotation or size: ghosts of the old layout must go
  kUi,        // an overlay or prompt: speed over fidelity
};

struct RefreshPlan {
  RefreshKind kind = RefreshKind::kFull;
  std::vector<Rect> regions;  // empty: the frame equals the one on screen
};

// The bounding box of the pixels that differ between two frames of equal size and format; the whole
// frame if size or format differ; empty if they are equal. O(pixels), rows compared with memcmp.
Rect changed_bounds(const Bitmap& before, const Bitmap& after);

class RefreshPolicy {
 public:
  // full_every: every full_every-th page turn flashes; 0 never flashes on page turns.
  explicit RefreshPolicy(int full_every = 6) : m_full_every(full_every) {}

  // previous: the frame on screen, null if unknown (the first frame is always a full refresh).
  RefreshPlan plan(const Bitmap* previous, const Bitmap& next, FrameChange change);

 private:
  int m_full_every;
  int m_turns_since_full = 0;
};

// Keeps the frame on screen and presents new ones through a policy; what every front end uses.
class Presenter {
 public:
  Presenter(Display& display, RefreshPolicy policy) : m_display(display), m_policy(policy) {}

  // Shows page (display-sized), waits until the panel shows it, and keeps it as the current frame.
  Result<RefreshPlan> show(Bitmap page, FrameChange change);
  // Forgets the frame on screen (after the display was resized or drawn on by someone else).
  void invalidate() { m_current.reset(); }
  const Bitmap* current() const { return m_current ? &*m_current : nullptr; }

 private:
  Display& m_display;
  RefreshPolicy m_policy;
  std::optional<Bitmap> m_current;
};

}  // namespace inkset::platform
