#pragma once
// The one interface every screen implements: the framebuffer (LCD or e-ink), an SDL2 window and an
// off-screen memory display. Modelled on an e-reader framebuffer contract: present a region with a
// named refresh kind, get a token back, wait on the token when the next frame depends on it.
//
// Pages are given in logical orientation (what the reader sees); a display applies its own rotation.
// Thread-safety: a Display is used from one thread.
#include <cstdint>
#include <optional>
#include <span>

#include <inkset/document.h>

namespace inkset::platform {

struct Rect {
  int x = 0, y = 0, width = 0, height = 0;

  bool empty() const { return width <= 0 || height <= 0; }
  int right() const { return x + width; }
  int bottom() const { return y + height; }
  bool operator==(const Rect&) const = default;
};

// The smallest rectangle holding both (an empty rectangle adds nothing).
Rect unite(const Rect& a, const Rect& b);
// The overlap of both; empty when they do not meet.
Rect intersect(const Rect& a, const Rect& b);

// E-ink waveforms trade speed for ghosting; LCDs ignore the distinction.
enum class RefreshKind : uint8_t {
  kFull,     // flashing: clears ghosting (first frame, every N page turns, layout changes)
  kPartial,  // no flash, full gray levels: a text page turn
  kFast,     // monochrome and fast: UI feedback (menus, prompts)
};

const char* refresh_kind_name(RefreshKind kind);

// Identifies one present(); wait() on it returns when the screen shows that frame.
using RefreshToken = uint32_t;

enum class EventType : uint8_t {
  kNextPage,
  kPreviousPage,
  kFirstPage,
  kLastPage,
  kTap,     // x, y in logical display pixels
  kKey,     // ch: a printable character, '\n' (Enter), '\b' (Backspace)
  kQuit,
  kResize,  // width, height: the new logical size
};

struct InputEvent {
  EventType type = EventType::kQuit;
  int x = 0, y = 0;
  int width = 0, height = 0;
  char32_t ch = 0;

  bool operator==(const InputEvent&) const = default;
};

// Touch readers turn back on the left third of the screen and forward everywhere else, so a thumb
// resting on the right edge of a hand-held reader only ever goes forward.
EventType page_turn_for_tap(int x, int screen_width);

class Display {
 public:
  virtual ~Display() = default;

  // Logical size: after rotation, the size pages should be laid out at.
  virtual int width() const = 0;
  virtual int height() const = 0;
  // The format the hardware stores; present() accepts any format and converts, but rendering
  // straight into this one (with rotation 0) avoids a conversion.
  virtual PixelFormat pixel_format() const = 0;
  // Degrees clockwise, 0/90/180/270, applied between logical pages and the hardware.
  virtual int rotation() const = 0;
  virtual Status set_rotation(int degrees) = 0;

  // Shows the parts of page (exactly width() x height(), any format) inside the dirty rectangles
  // (logical coordinates, clipped to the screen). No rectangles: nothing is sent and the token is 0.
  // Errors: a page of another size (kBadArguments), a failed refresh request.
  virtual Result<RefreshToken> present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) = 0;
  // Returns when the refresh identified by token is complete on the screen.
  virtual Status wait(RefreshToken token) = 0;

  // The next input event. timeout_ms: 0 returns at once, -1 waits for an event.
  virtual std::optional<InputEvent> poll_event(int timeout_ms) = 0;
};

}  // namespace inkset::platform
