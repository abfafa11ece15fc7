#pragma once
// Errors cross the engine as values: no exceptions leave a stage.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace inkset {

// Each failure class has a stable code; the CLI maps them to exit codes (see README "Exit codes").
enum class ErrorCode : int {
  kOk = 0,
  kBadArguments = 2,
  kUnreadableFile = 3,
  kBadArticle = 4,
  kLimitExceeded = 5,
  kMissingFont = 6,
  kInternal = 70,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // one line: what went wrong, where, what to do
};

// Holds either a value or an Error. Accessing the wrong alternative is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::move(value)) {}
  Result(Error error) : m_data(std::move(error)) {}

  bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_data); }
  const T& value() const& { assert(ok()); return std::get<0>(m_data); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_data)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(m_data); }
  Error take_error() && { assert(!ok()); return std::get<1>(std::move(m_data)); }

 private:
  std::variant<T, Error> m_data;
};

// For calls that produce nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace inkset

// Propagates a failed Result from the enclosing function.
#define INKSET_TRY(expr)                                 \
  do {                                                   \
    auto&& inkset_try_result_ = (expr);                  \
    if (!inkset_try_result_.ok())                        \
      return std::move(inkset_try_result_).take_error(); \
  } while (0)
