#pragma once
// Our own definitions of the i.MX EPDC e-ink update ABI (the kernel's uapi "mxcfb.h" of the NXP
// i.MX 6/7 EPDC driver, as used by Kobo and reMarkable readers). Field order, widths and ioctl numbers
// must match the kernel exactly; sizes are checked below. Kindle and some Kobo kernels use variants
// with other fields and therefore other ioctl numbers; they are not covered here.
#include <cstdint>

#include <linux/ioctl.h>

namespace inkset::platform::mxcfb {

struct UpdateRect {
  uint32_t top;
  uint32_t left;
  uint32_t width;
  uint32_t height;
};

struct AltBufferData {
  uint32_t phys_addr;
  uint32_t width;
  uint32_t height;
  UpdateRect alt_update_region;
};

struct UpdateData {
  UpdateRect update_region;
  uint32_t waveform_mode;
  uint32_t update_mode;
  uint32_t update_marker;
  int32_t temp;
  uint32_t flags;
  int32_t dither_mode;
  int32_t quant_bit;
  AltBufferData alt_buffer_data;
};

struct UpdateMarkerData {
  uint32_t update_marker;
  uint32_t collision_test;
};

static_assert(sizeof(UpdateData) == 72, "mxcfb_update_data is 72 bytes in the kernel ABI");
static_assert(sizeof(UpdateMarkerData) == 8, "mxcfb_update_marker_data is 8 bytes in the kernel ABI");

inline constexpr uint32_t kUpdateModePartial = 0;
inline constexpr uint32_t kUpdateModeFull = 1;

inline constexpr uint32_t kWaveformDu = 1;    // direct update: black/white, fastest
inline constexpr uint32_t kWaveformGc16 = 2;  // 16 grays, flashing when full

inline constexpr int32_t kTempUseAmbient = 0x1000;

inline constexpr unsigned long kSendUpdate = _IOW('F', 0x2E, UpdateData);
inline constexpr unsigned long kWaitForUpdateComplete = _IOWR('F', 0x2F, UpdateMarkerData);

}  // namespace inkset::platform::mxcfb
