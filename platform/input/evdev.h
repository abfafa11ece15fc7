#pragma once
// Linux evdev input: keys, page-turn buttons and touch taps, from /dev/input/eventN or from a file
// of recorded struct input_event records (tests, demos).
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <linux/input.h>

#include "../display.h"

namespace inkset::platform {

// Turns the kernel's event stream into reader actions. Keys act on press and auto-repeat; a touch
// becomes a kTap when the finger lifts, at the last reported position.
class EvdevDecoder {
 public:
  std::optional<InputEvent> feed(const input_event& event);

  // Touch coordinates arrive in the device's range; a device reports it, a recording is taken to be
  // in screen pixels already. Positions are mapped linearly onto width x height.
  void set_touch_range(int max_x, int max_y, int width, int height);

 private:
  int m_x = 0, m_y = 0;
  bool m_lifted = false;
  int m_max_x = 0, m_max_y = 0, m_width = 0, m_height = 0;
};

class EvdevInput {
 public:
  // A character device is read without blocking the caller longer than asked; a regular file is read
  // to its end, after which one kQuit is reported.
  static Result<std::unique_ptr<EvdevInput>> open(const std::string& path);
  ~EvdevInput();
  EvdevInput(const EvdevInput&) = delete;
  EvdevInput& operator=(const EvdevInput&) = delete;

  // Maps touch positions onto a screen of this logical size (devices only).
  void set_screen_size(int width, int height);
  std::optional<InputEvent> poll(int timeout_ms);

 private:
  EvdevInput(int fd, bool recording) : m_fd(fd), m_recording(recording) {}
  int m_fd;
  bool m_recording;
  bool m_ended = false;
  EvdevDecoder m_decoder;
};

}  // namespace inkset::platform
