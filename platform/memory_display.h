#pragma once
// An off-screen Display: frames land in memory. It renders anywhere (tests, the kiosk's record
// backend) and reports every present, so front ends can be checked without a screen.
#include <deque>
#include <vector>

#include "display.h"

namespace inkset::platform {

struct PresentRecord {
  RefreshKind kind;
  std::vector<Rect> regions;
};

class MemoryDisplay final : public Display {
 public:
  MemoryDisplay(int width, int height, PixelFormat format = PixelFormat::kGray8);

  // The screen as it is now (physical orientation).
  const Bitmap& frame() const { return m_frame; }
  const std::vector<PresentRecord>& presents() const { return m_presents; }
  // Queued events are returned by poll_event in order.
  void push_event(const InputEvent& event) { m_events.push_back(event); }

  int width() const override;
  int height() const override;
  PixelFormat pixel_format() const override { return m_frame.format; }
  int rotation() const override { return m_rotation; }
  Status set_rotation(int degrees) override;
  Result<RefreshToken> present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) override;
  Status wait(RefreshToken token) override;
  std::optional<InputEvent> poll_event(int timeout_ms) override;

 private:
  Bitmap m_frame;
  int m_rotation = 0;
  std::vector<PresentRecord> m_presents;
  std::deque<InputEvent> m_events;
};

}  // namespace inkset::platform
