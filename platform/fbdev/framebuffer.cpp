#include "framebuffer.h"

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fcntl.h>
#include <linux/fb.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace inkset::platform {

namespace {

Error system_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kUnreadableFile, what + " '" + path + "': " + std::strerror(errno));
}

ChannelField field_of(const fb_bitfield& b) { return ChannelField{static_cast<int>(b.offset), static_cast<int>(b.length)}; }

}  // namespace

Result<FramebufferGeometry> parse_geometry(std::string_view text) {
  FramebufferGeometry g;
  int* parts[] = {&g.width, &g.height, &g.bits_per_pixel};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    const auto [next, ec] = std::from_chars(p, end, *parts[i]);
    if (ec != std::errc{} || (i < 2 ? (next == end || *next != 'x') : next != end))
      return make_error(ErrorCode::kBadArguments,
                        "bad geometry '" + std::string(text) + "': expected WIDTHxHEIGHTxBITS, e.g. 758x1024x8");
    p = next + 1;
  }
  if (g.width <= 0 || g.height <= 0 || g.width > 16384 || g.height > 16384)
    return make_error(ErrorCode::kBadArguments, "bad geometry '" + std::string(text) + "': size out of range");
  if (g.bits_per_pixel != 8 && g.bits_per_pixel != 16 && g.bits_per_pixel != 32)
    return make_error(ErrorCode::kBadArguments,
                      "bad geometry '" + std::string(text) + "': bits per pixel must be 8, 16 or 32");
  return g;
}

Status FramebufferDisplay::map(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
  if (p == MAP_FAILED) return make_error(ErrorCode::kInternal, std::string("mmap failed: ") + std::strerror(errno));
  m_memory = static_cast<uint8_t*>(p);
  m_mapped = bytes;
  return ok_status();
}

Result<std::unique_ptr<FramebufferDisplay>> FramebufferDisplay::open_device(const std::string& path) {
  std::unique_ptr<FramebufferDisplay> d(new FramebufferDisplay());
  d->m_fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (d->m_fd < 0) return system_error("cannot open framebuffer", path);
  fb_var_screeninfo var{};
  fb_fix_screeninfo fix{};
  if (ioctl(d->m_fd, FBIOGET_VSCREENINFO, &var) != 0 || ioctl(d->m_fd, FBIOGET_FSCREENINFO, &fix) != 0)
    return system_error("not a framebuffer (FBIOGET_*SCREENINFO failed)", path);
  if (var.bits_per_pixel != 8 && var.bits_per_pixel != 16 && var.bits_per_pixel != 32)
    return make_error(ErrorCode::kBadArguments,
                      "framebuffer '" + path + "' has " + std::to_string(var.bits_per_pixel) +
                          " bits per pixel; only 8, 16 and 32 are supported");
  d->m_format.bits_per_pixel = static_cast<int>(var.bits_per_pixel);
  d->m_format.red = field_of(var.red);
  d->m_format.green = field_of(var.green);
  d->m_format.blue = field_of(var.blue);
  d->m_format.transp = field_of(var.transp);
  // The EPDC driver reports GRAYSCALE_8BIT_INVERTED (2) for panels that store 0 as white.
  d->m_format.inverted_gray = var.bits_per_pixel == 8 && var.grayscale == 2;
  d->m_phys_width = static_cast<int>(var.xres);
  d->m_phys_height = static_cast<int>(var.yres);
  d->m_stride = static_cast<int>(fix.line_length);
  d->m_mxc_epdc = std::strncmp(fix.id, "mxc_epdc", 8) == 0;
  INKSET_TRY(d->map(fix.smem_len));
  const size_t offset = static_cast<size_t>(var.yoffset) * fix.line_length + var.xoffset * (var.bits_per_pixel / 8);
  if (offset + static_cast<size_t>(d->m_stride) * d->m_phys_height > d->m_mapped)
    return make_error(ErrorCode::kInternal, "framebuffer '" + path + "' reports a visible area outside its memory");
  d->m_visible = d->m_memory + offset;
  return d;
}

Result<std::unique_ptr<FramebufferDisplay>> FramebufferDisplay::open_file(const std::string& path,
                                                                          const FramebufferGeometry& g) {
  std::unique_ptr<FramebufferDisplay> d(new FramebufferDisplay());
  d->m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (d->m_fd < 0) return system_error("cannot create framebuffer file", path);
  d->m_format = g.bits_per_pixel == 8 ? gray8_format() : g.bits_per_pixel == 16 ? rgb565_format() : xrgb8888_format();
  d->m_phys_width = g.width;
  d->m_phys_height = g.height;
  d->m_stride = g.width * g.bits_per_pixel / 8;
  const size_t bytes = static_cast<size_t>(d->m_stride) * g.height;
  if (ftruncate(d->m_fd, static_cast<off_t>(bytes)) != 0) return system_error("cannot size framebuffer file", path);
  INKSET_TRY(d->map(bytes));
  d->m_visible = d->m_memory;
  return d;
}

FramebufferDisplay::~FramebufferDisplay() {
  m_driver.reset();
  if (m_memory) munmap(m_memory, m_mapped);
  if (m_fd >= 0) ::close(m_fd);
}

void FramebufferDisplay::set_input(std::unique_ptr<EvdevInput> input) {
  m_input = std::move(input);
  if (m_input) m_input->set_screen_size(width(), height());
}

int FramebufferDisplay::width() const { return m_rotation % 180 == 0 ? m_phys_width : m_phys_height; }
int FramebufferDisplay::height() const { return m_rotation % 180 == 0 ? m_phys_height : m_phys_width; }

PixelFormat FramebufferDisplay::pixel_format() const {
  return engine_format_of(m_format).value_or(PixelFormat::kGray8);
}

Status FramebufferDisplay::set_rotation(int degrees) {
  if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
    return make_error(ErrorCode::kBadArguments, "rotation must be 0, 90, 180 or 270 degrees");
  m_rotation = degrees;
  if (m_input) m_input->set_screen_size(width(), height());
  return ok_status();
}

Result<RefreshToken> FramebufferDisplay::present(const Bitmap& page, std::span<const Rect> dirty, RefreshKind kind) {
  if (page.width != width() || page.height != height())
    return make_error(ErrorCode::kBadArguments, "page is " + std::to_string(page.width) + "x" +
                                                    std::to_string(page.height) + ", the screen " +
                                                    std::to_string(width()) + "x" + std::to_string(height()));
  const Rect screen{0, 0, width(), height()};
  Rect sent;
  for (const Rect& d : dirty) {
    const Rect r = intersect(d, screen);
    if (r.empty()) continue;
    blit(page, r, m_rotation, m_format, m_visible, m_stride);
    sent = unite(sent, r);
  }
  if (sent.empty()) return RefreshToken{0};
  // One update for the union: the EPDC merges overlapping updates anyway, and pages change in one block.
  return m_driver->refresh(rotate_rect(sent, m_rotation, width(), height()), kind);
}

Status FramebufferDisplay::wait(RefreshToken token) {
  if (token == 0) return ok_status();
  return m_driver->wait(token);
}

std::optional<InputEvent> FramebufferDisplay::poll_event(int timeout_ms) {
  if (!m_input) return std::nullopt;
  return m_input->poll(timeout_ms);
}

}  // namespace inkset::platform

