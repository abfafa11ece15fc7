#pragma once
// How a framebuffer asks the panel to show what was written to its memory. LCDs need nothing; e-ink
// controllers need an explicit update request per region with a waveform.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "../display.h"

namespace inkset::platform {

class RefreshDriver {
 public:
  virtual ~RefreshDriver() = default;
  // region is in physical (memory) coordinates and lies inside the visible screen.
  virtual Result<RefreshToken> refresh(const Rect& region, RefreshKind kind) = 0;
  virtual Status wait(RefreshToken token) = 0;
};

// The i.MX EPDC waveform and update mode used for each kind (shared by the real driver and the log).
struct Waveform {
  uint32_t mode;
  uint32_t update_mode;
  const char* name;
};
Waveform waveform_for(RefreshKind kind);

// A plain LCD framebuffer: memory is the screen.
class NullRefreshDriver final : public RefreshDriver {
 public:
  Result<RefreshToken> refresh(const Rect& region, RefreshKind kind) override;
  Status wait(RefreshToken token) override;

 private:
  RefreshToken m_next = 1;
};

// Sends MXCFB_SEND_UPDATE per region and MXCFB_WAIT_FOR_UPDATE_COMPLETE per wait. fd is borrowed:
// valid until the driver is destroyed (the framebuffer display owns both).
class MxcfbRefreshDriver final : public RefreshDriver {
 public:
  explicit MxcfbRefreshDriver(int fd) : m_fd(fd) {}
  Result<RefreshToken> refresh(const Rect& region, RefreshKind kind) override;
  Status wait(RefreshToken token) override;

 private:
  int m_fd;
  uint32_t m_next_marker = 1;
};

struct RefreshRecord {
  Rect region;
  RefreshKind kind;
  const char* waveform;
  RefreshToken marker;
};

// One line per request, as written to a refresh log.
std::string format_refresh_record(const RefreshRecord& record);

// Keeps every request in memory and, when a path is given, appends one line per request to it.
class RecordingRefreshDriver final : public RefreshDriver {
 public:
  static Result<std::unique_ptr<RecordingRefreshDriver>> create(const std::string& log_path = {});
  ~RecordingRefreshDriver() override;

  Result<RefreshToken> refresh(const Rect& region, RefreshKind kind) override;
  Status wait(RefreshToken token) override;

  const std::vector<RefreshRecord>& records() const { return m_records; }
  const std::vector<RefreshToken>& waited() const { return m_waited; }

 private:
  explicit RecordingRefreshDriver(std::FILE* log) : m_log(log) {}
  std::FILE* m_log;  // owned, may be null
  std::vector<RefreshRecord> m_records;
  std::vector<RefreshToken> m_waited;
};

}  // namespace inkset::platform
