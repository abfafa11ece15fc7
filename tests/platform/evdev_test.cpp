#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdio>
#include <string>
#include <vector>

#include "platform/input/evdev.h"

using namespace inkset;
using namespace inkset::platform;

namespace {

input_event ev(uint16_t type, uint16_t code, int32_t value) {
  input_event e{};
  e.type = type;
  e.code = code;
  e.value = value;
  return e;
}

void key(std::vector<input_event>& out, uint16_t code) {
  out.push_back(ev(EV_KEY, code, 1));
  out.push_back(ev(EV_SYN, SYN_REPORT, 0));
  out.push_back(ev(EV_KEY, code, 0));
  out.push_back(ev(EV_SYN, SYN_REPORT, 0));
}

void tap(std::vector<input_event>& out, int x, int y, bool multitouch) {
  out.push_back(ev(EV_KEY, BTN_TOUCH, 1));
  out.push_back(ev(EV_ABS, multitouch ? ABS_MT_POSITION_X : ABS_X, x));
  out.push_back(ev(EV_ABS, multitouch ? ABS_MT_POSITION_Y : ABS_Y, y));
  out.push_back(ev(EV_SYN, SYN_REPORT, 0));
  out.push_back(ev(EV_KEY, BTN_TOUCH, 0));
  out.push_back(ev(EV_SYN, SYN_REPORT, 0));
}

std::vector<InputEvent> decode_file(const std::vector<input_event>& events) {
  // A file of its own: CTest runs the test cases of this file in parallel processes.
  char path[] = "/tmp/inkset_evdev_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::FILE* f = fdopen(fd, "wb");
  REQUIRE(f);
  std::fwrite(events.data(), sizeof(input_event), events.size(), f);
  std::fclose(f);
  auto input = EvdevInput::open(path);
  REQUIRE(input.ok());
  std::vector<InputEvent> out;
  while (auto e = (*input)->poll(0)) out.push_back(*e);
  std::remove(path);
  return out;
}

std::vector<EventType> types(const std::vector<InputEvent>& events) {
  std::vector<EventType> t;
  for (const auto& e : events) t.push_back(e.type);
  return t;
}

}  // namespace

TEST_CASE("evdev: recorded keys decode to page actions, then the end quits", "[platform][evdev]") {
  std::vector<input_event> events;
  for (uint16_t code : {KEY_RIGHT, KEY_PAGEDOWN, KEY_SPACE, BTN_FORWARD, KEY_LEFT, KEY_PAGEUP, KEY_HOME, KEY_END,
                        KEY_A})
    key(events, code);
  events.push_back(ev(EV_KEY, KEY_RIGHT, 2));  // auto-repeat acts too
  const auto decoded = decode_file(events);
  using E = EventType;
  CHECK(types(decoded) == std::vector<E>{E::kNextPage, E::kNextPage, E::kNextPage, E::kNextPage, E::kPreviousPage,
                                         E::kPreviousPage, E::kFirstPage, E::kLastPage, E::kNextPage, E::kQuit});
}

TEST_CASE("evdev: quit keys quit", "[platform][evdev]") {
  std::vector<input_event> q;
  key(q, KEY_Q);
  key(q, KEY_ESC);
  CHECK(types(decode_file(q)) == std::vector<EventType>{EventType::kQuit, EventType::kQuit, EventType::kQuit});
}

TEST_CASE("evdev: taps become tap events at the lift position", "[platform][evdev]") {
  std::vector<input_event> events;
  tap(events, 100, 500, true);
  tap(events, 700, 20, false);
  const auto decoded = decode_file(events);
  REQUIRE(decoded.size() == 3);
  CHECK(decoded[0].type == EventType::kTap);
  CHECK(decoded[0].x == 100);
  CHECK(decoded[0].y == 500);
  CHECK(decoded[1].type == EventType::kTap);
  CHECK(decoded[1].x == 700);
  CHECK(decoded[1].y == 20);
  CHECK(decoded[2].type == EventType::kQuit);
  CHECK(page_turn_for_tap(decoded[0].x, 758) == EventType::kPreviousPage);
  CHECK(page_turn_for_tap(decoded[1].x, 758) == EventType::kNextPage);
}

TEST_CASE("evdev: a tap turns back on the left third only", "[platform][evdev]") {
  CHECK(page_turn_for_tap(0, 300) == EventType::kPreviousPage);
  CHECK(page_turn_for_tap(99, 300) == EventType::kPreviousPage);
  CHECK(page_turn_for_tap(100, 300) == EventType::kNextPage);
  CHECK(page_turn_for_tap(299, 300) == EventType::kNextPage);
}

TEST_CASE("evdev: device coordinates are scaled onto the screen", "[platform][evdev]") {
  EvdevDecoder d;
  d.set_touch_range(4095, 4095, 758, 1024);
  CHECK_FALSE(d.feed(ev(EV_KEY, BTN_TOUCH, 1)));
  CHECK_FALSE(d.feed(ev(EV_ABS, ABS_MT_POSITION_X, 4095)));
  CHECK_FALSE(d.feed(ev(EV_ABS, ABS_MT_POSITION_Y, 2048)));
  CHECK_FALSE(d.feed(ev(EV_SYN, SYN_REPORT, 0)));
  CHECK_FALSE(d.feed(ev(EV_KEY, BTN_TOUCH, 0)));
  auto e = d.feed(ev(EV_SYN, SYN_REPORT, 0));
  REQUIRE(e);
  CHECK(e->x == 757);
  CHECK(e->y == 511);
}

TEST_CASE("evdev: a missing input is a clear error", "[platform][evdev]") {
  auto input = EvdevInput::open("/nonexistent/event0");
  REQUIRE_FALSE(input.ok());
  CHECK(input.error().code == ErrorCode::kUnreadableFile);
}
