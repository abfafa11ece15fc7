#include <catch2/catch.hpp>

#include "platform/memory_display.h"
#include "platform/refresh_policy.h"

using namespace inkset;
using namespace inkset::platform;

namespace {

Bitmap blank(int w, int h, uint8_t v = 255) {
  Bitmap b;
  b.width = w;
  b.height = h;
  b.stride = w;
  b.pixels.assign(static_cast<size_t>(w) * h, v);
  return b;
}

Bitmap with_block(int w, int h, const Rect& r, uint8_t v) {
  Bitmap b = blank(w, h);
  for (int y = r.y; y < r.bottom(); ++y)
    for (int x = r.x; x < r.right(); ++x) b.pixels[y * w + x] = v;
  return b;
}

}  // namespace

TEST_CASE("refresh: changed bounds are the bounding box of differing pixels", "[platform][refresh]") {
  const Bitmap a = blank(40, 30);
  CHECK(changed_bounds(a, a).empty());
  const Bitmap b = with_block(40, 30, Rect{5, 7, 10, 3}, 0);
  CHECK(changed_bounds(a, b) == Rect{5, 7, 10, 3});
  Bitmap c = b;
  c.pixels[29 * 40 + 39] = 1;  // a second change in the far corner widens the box
  CHECK(changed_bounds(a, c) == Rect{5, 7, 35, 23});
  Bitmap single = a;
  single.pixels[0] = 0;
  CHECK(changed_bounds(a, single) == Rect{0, 0, 1, 1});
  CHECK(changed_bounds(blank(10, 10), a) == Rect{0, 0, 40, 30});  // size changed: everything
}

TEST_CASE("refresh: first frame full, page turns partial, every Nth turn full", "[platform][refresh]") {
  RefreshPolicy policy(3);
  const Bitmap p0 = blank(20, 20);
  const Bitmap p1 = with_block(20, 20, Rect{2, 2, 5, 5}, 0);
  const Bitmap p2 = with_block(20, 20, Rect{10, 3, 4, 8}, 0);

  auto plan = policy.plan(nullptr, p0, FrameChange::kPageTurn);
  CHECK(plan.kind == RefreshKind::kFull);
  CHECK(plan.regions == std::vector<Rect>{Rect{0, 0, 20, 20}});

  plan = policy.plan(&p0, p1, FrameChange::kPageTurn);  // turn 1
  CHECK(plan.kind == RefreshKind::kPartial);
  CHECK(plan.regions == std::vector<Rect>{Rect{2, 2, 5, 5}});

  plan = policy.plan(&p1, p2, FrameChange::kPageTurn);  // turn 2: both blocks changed
  CHECK(plan.kind == RefreshKind::kPartial);
  CHECK(plan.regions == std::vector<Rect>{Rect{2, 2, 12, 9}});

  plan = policy.plan(&p2, p1, FrameChange::kPageTurn);  // turn 3: flash
  CHECK(plan.kind == RefreshKind::kFull);
  CHECK(plan.regions == std::vector<Rect>{Rect{0, 0, 20, 20}});

  plan = policy.plan(&p1, p2, FrameChange::kPageTurn);  // counting starts again
  CHECK(plan.kind == RefreshKind::kPartial);
}

TEST_CASE("refresh: layout changes flash and restart the count; UI is fast", "[platform][refresh]") {
  RefreshPolicy policy(2);
  const Bitmap p0 = blank(10, 10);
  const Bitmap p1 = with_block(10, 10, Rect{1, 1, 2, 2}, 0);
  (void)policy.plan(nullptr, p0, FrameChange::kPageTurn);
  CHECK(policy.plan(&p0, p1, FrameChange::kPageTurn).kind == RefreshKind::kPartial);
  auto layout = policy.plan(&p1, p0, FrameChange::kLayout);
  CHECK(layout.kind == RefreshKind::kFull);
  CHECK(layout.regions == std::vector<Rect>{Rect{0, 0, 10, 10}});
  auto ui = policy.plan(&p0, p1, FrameChange::kUi);
  CHECK(ui.kind == RefreshKind::kFast);
  CHECK(ui.regions == std::vector<Rect>{Rect{1, 1, 2, 2}});
  // UI updates do not count as page turns: the next turn is the first since the layout flash.
  CHECK(policy.plan(&p1, p0, FrameChange::kPageTurn).kind == RefreshKind::kPartial);
  CHECK(policy.plan(&p0, p1, FrameChange::kPageTurn).kind == RefreshKind::kFull);
}

TEST_CASE("refresh: an unchanged frame sends nothing; 0 never flashes on turns", "[platform][refresh]") {
  RefreshPolicy policy(0);
  const Bitmap p0 = blank(10, 10);
  const Bitmap p1 = with_block(10, 10, Rect{0, 0, 1, 1}, 0);
  (void)policy.plan(nullptr, p0, FrameChange::kPageTurn);
  for (int i = 0; i < 20; ++i) CHECK(policy.plan(&p0, p1, FrameChange::kPageTurn).kind == RefreshKind::kPartial);
  auto same = policy.plan(&p0, p0, FrameChange::kPageTurn);
  CHECK(same.kind == RefreshKind::kPartial);
  CHECK(same.regions.empty());
}

TEST_CASE("refresh: the presenter sends the planned regions and keeps the frame", "[platform][refresh]") {
  MemoryDisplay display(16, 12);
  Presenter presenter(display, RefreshPolicy(6));
  const Bitmap p0 = with_block(16, 12, Rect{0, 0, 16, 12}, 200);
  const Bitmap p1 = with_block(16, 12, Rect{3, 4, 2, 2}, 0);
  REQUIRE(presenter.show(p0, FrameChange::kLayout).ok());
  auto plan = presenter.show(p1, FrameChange::kPageTurn);
  REQUIRE(plan.ok());
  CHECK(plan->regions == std::vector<Rect>{Rect{0, 0, 16, 12}});  // p1 differs everywhere from p0
  REQUIRE(display.presents().size() == 2);
  CHECK(display.presents()[0].kind == RefreshKind::kFull);
  CHECK(display.presents()[1].kind == RefreshKind::kPartial);
  CHECK(display.frame().pixels == p1.pixels);
  const Bitmap p2 = with_block(16, 12, Rect{3, 4, 2, 3}, 0);
  auto plan2 = presenter.show(p2, FrameChange::kPageTurn);
  REQUIRE(plan2.ok());
  CHECK(plan2->regions == std::vector<Rect>{Rect{3, 6, 2, 1}});
  CHECK(display.frame().pixels == p2.pixels);
}
