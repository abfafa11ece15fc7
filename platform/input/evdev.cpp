#include "evdev.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace inkset::platform {

namespace {

std::optional<EventType> key_action(unsigned code) {
  switch (code) {
    case KEY_RIGHT:
    case KEY_PAGEDOWN:
    case KEY_SPACE:
    case KEY_DOWN:
    case BTN_FORWARD:
    case KEY_NEXT: return EventType::kNextPage;
    case KEY_LEFT:
    case KEY_PAGEUP:
    case KEY_UP:
    case BTN_BACK:
    case KEY_PREVIOUS: return EventType::kPreviousPage;
    case KEY_HOME: return EventType::kFirstPage;
    case KEY_END: return EventType::kLastPage;
    case KEY_Q:
    case KEY_ESC: return EventType::kQuit;
    default: return std::nullopt;
  }
}

int scale(int v, int max, int size) {
  if (max <= 0 || size <= 0) return v;
  return static_cast<int>(static_cast<long long>(v) * (size - 1) / max);
}

}  // namespace

void EvdevDecoder::set_touch_range(int max_x, int max_y, int width, int height) {
  m_max_x = max_x;
  m_max_y = max_y;
  m_width = width;
  m_height = height;
}

std::optional<InputEvent> EvdevDecoder::feed(const input_event& e) {
  switch (e.type) {
    case EV_KEY:
      if (e.code == BTN_TOUCH) {
        if (e.value == 0) m_lifted = true;
        return std::nullopt;
      }
      if (e.value == 0) return std::nullopt;  // releases; presses (1) and repeats (2) act
      if (const auto action = key_action(e.code)) {
        InputEvent event;
        event.type = *action;
        return event;
      }
      return std::nullopt;
    case EV_ABS:
      if (e.code == ABS_MT_POSITION_X || e.code == ABS_X) m_x = scale(e.value, m_max_x, m_width);
      if (e.code == ABS_MT_POSITION_Y || e.code == ABS_Y) m_y = scale(e.value, m_max_y, m_height);
      return std::nullopt;
    case EV_SYN:
      // A lift is reported within a frame; the frame's positions are complete only at SYN_REPORT.
      if (e.code == SYN_REPORT && m_lifted) {
        m_lifted = false;
        InputEvent event;
        event.type = EventType::kTap;
        event.x = m_x;
        event.y = m_y;
        return event;
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

Result<std::unique_ptr<EvdevInput>> EvdevInput::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return make_error(ErrorCode::kUnreadableFile, "cannot open input '" + path + "': " + std::strerror(errno));
  struct stat st {};
  fstat(fd, &st);
  return std::unique_ptr<EvdevInput>(new EvdevInput(fd, S_ISREG(st.st_mode)));
}

EvdevInput::~EvdevInput() { ::close(m_fd); }

void EvdevInput::set_screen_size(int width, int height) {
  if (m_recording) return;
  input_absinfo ax{}, ay{};
  const bool mt = ioctl(m_fd, EVIOCGABS(ABS_MT_POSITION_X), &ax) == 0 && ax.maximum > 0 &&
                  ioctl(m_fd, EVIOCGABS(ABS_MT_POSITION_Y), &ay) == 0;
  if (!mt && (ioctl(m_fd, EVIOCGABS(ABS_X), &ax) != 0 || ioctl(m_fd, EVIOCGABS(ABS_Y), &ay) != 0)) return;
  m_decoder.set_touch_range(ax.maximum, ay.maximum, width, height);
}

std::optional<InputEvent> EvdevInput::poll(int timeout_ms) {
  while (!m_ended) {
    if (!m_recording) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
    }
    input_event e{};
    const ssize_t n = ::read(m_fd, &e, sizeof e);
    if (n == static_cast<ssize_t>(sizeof e)) {
      if (auto event = m_decoder.feed(e)) return event;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // End of a recording, a truncated record or a device that went away: the reader is done.
    m_ended = true;
    InputEvent quit;
    quit.type = EventType::kQuit;
    return quit;
  }
  return std::nullopt;
}

}  // namespace inkset::platform
