#include "refresh_driver.h"

#include <cerrno>
#include <cstring>

#include <sys/ioctl.h>

#include "mxcfb.h"

namespace inkset::platform {

Waveform waveform_for(RefreshKind kind) {
  switch (kind) {
    case RefreshKind::kFull: return {mxcfb::kWaveformGc16, mxcfb::kUpdateModeFull, "GC16"};
    case RefreshKind::kPartial: return {mxcfb::kWaveformGc16, mxcfb::kUpdateModePartial, "GC16"};
    case RefreshKind::kFast: return {mxcfb::kWaveformDu, mxcfb::kUpdateModePartial, "DU"};
  }
  return {mxcfb::kWaveformGc16, mxcfb::kUpdateModeFull, "GC16"};
}

Result<RefreshToken> NullRefreshDriver::refresh(const Rect&, RefreshKind) { return m_next++; }

Status NullRefreshDriver::wait(RefreshToken) { return ok_status(); }

Result<RefreshToken> MxcfbRefreshDriver::refresh(const Rect& region, RefreshKind kind) {
  const Waveform w = waveform_for(kind);
  mxcfb::UpdateData update{};
  update.update_region = {static_cast<uint32_t>(region.y), static_cast<uint32_t>(region.x),
                          static_cast<uint32_t>(region.width), static_cast<uint32_t>(region.height)};
  update.waveform_mode = w.mode;
  update.update_mode = w.update_mode;
  update.update_marker = m_next_marker++;
  update.temp = mxcfb::kTempUseAmbient;
  if (ioctl(m_fd, mxcfb::kSendUpdate, &update) != 0)
    return make_error(ErrorCode::kInternal, std::string("MXCFB_SEND_UPDATE failed: ") + std::strerror(errno));
  return update.update_marker;
}

Status MxcfbRefreshDriver::wait(RefreshToken token) {
  mxcfb::UpdateMarkerData marker{token, 0};
  if (ioctl(m_fd, mxcfb::kWaitForUpdateComplete, &marker) < 0)
    return make_error(ErrorCode::kInternal,
                      std::string("MXCFB_WAIT_FOR_UPDATE_COMPLETE failed: ") + std::strerror(errno));
  return ok_status();
}

std::string format_refresh_record(const RefreshRecord& r) {
  return "marker=" + std::to_string(r.marker) + " kind=" + refresh_kind_name(r.kind) + " waveform=" + r.waveform +
         " region=" + std::to_string(r.region.x) + "," + std::to_string(r.region.y) + "," +
         std::to_string(r.region.width) + "x" + std::to_string(r.region.height);
}

Result<std::unique_ptr<RecordingRefreshDriver>> RecordingRefreshDriver::create(const std::string& log_path) {
  std::FILE* log = nullptr;
  if (!log_path.empty()) {
    log = std::fopen(log_path.c_str(), "w");
    if (!log)
      return make_error(ErrorCode::kUnreadableFile,
                        "cannot write refresh log '" + log_path + "': " + std::strerror(errno));
  }
  return std::unique_ptr<RecordingRefreshDriver>(new RecordingRefreshDriver(log));
}

RecordingRefreshDriver::~RecordingRefreshDriver() {
  if (m_log) std::fclose(m_log);
}

Result<RefreshToken> RecordingRefreshDriver::refresh(const Rect& region, RefreshKind kind) {
  const RefreshRecord record{region, kind, waveform_for(kind).name, static_cast<RefreshToken>(m_records.size() + 1)};
  m_records.push_back(record);
  if (m_log) {
    std::fprintf(m_log, "%s\n", format_refresh_record(record).c_str());
    std::fflush(m_log);
  }
  return record.marker;
}

Status RecordingRefreshDriver::wait(RefreshToken token) {
  m_waited.push_back(token);
  return ok_status();
}

}  // namespace inkset::platform
