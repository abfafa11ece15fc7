#pragma once
// Starting an engine's helper threads, which are an optimisation only.
#include <system_error>
#include <thread>
#include <utility>

namespace inkset {

// A thread running `body`, or an unjoinable one when none can be had (a process at its thread
// limit): the caller then does the helper's work itself.
template <typename Body>
std::thread start_helper_thread(Body&& body) {
  try {
    return std::thread(std::forward<Body>(body));
  } catch (const std::system_error&) {
    return std::thread();
  }
}

}  // namespace inkset
