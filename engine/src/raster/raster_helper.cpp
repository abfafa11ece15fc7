#include "raster/raster_helper.h"

#include "support/helper_thread.h"

namespace inkset::raster {

RasterHelper::RasterHelper() {
  if (FT_Init_FreeType(&m_library) != 0) {
    m_library = nullptr;
    return;
  }
  // Without a thread, available() says so and the renderer draws every glyph itself.
  m_worker = start_helper_thread([this] { run(); });
}

RasterHelper::~RasterHelper() {
  if (m_worker.joinable()) {
    {
      std::unique_lock lock(m_mutex);
      m_done.wait(lock, [this] { return !m_busy; });
      m_exit = true;
    }
    m_wake.notify_one();
    m_worker.join();
  }
  for (FT_Face face : m_faces)
    if (face) FT_Done_Face(face);
  if (m_library) FT_Done_FreeType(m_library);
}

bool RasterHelper::open_face(font::FaceId face, const font::FaceInfo& info) {
  if (face >= m_faces.size()) m_faces.resize(static_cast<size_t>(face) + 1, nullptr);
  if (m_faces[face]) return true;
  FT_Face opened = nullptr;
  // The thread is idle (between wait() and start()), so the library is this thread's for now.
  if (FT_New_Face(m_library, info.path.c_str(), info.face_index, &opened) != 0) return false;
  m_faces[face] = opened;
  return true;
}

void RasterHelper::start(std::span<Job> jobs) {
  {
    std::lock_guard lock(m_mutex);
    m_jobs = jobs;
    m_busy = true;
  }
  m_wake.notify_one();
}

void RasterHelper::wait() {
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [this] { return !m_busy; });
}

void RasterHelper::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_exit || m_busy; });
    if (m_exit) return;
    const std::span<Job> jobs = m_jobs;
    lock.unlock();
    draw(jobs);
    lock.lock();
    m_jobs = {};
    m_busy = false;
    m_done.notify_one();
  }
}

void RasterHelper::draw(std::span<Job> jobs) {
  FT_Glyph loaded = nullptr;
  GlyphKey loaded_key;
  auto forget = [&] {
    if (loaded) FT_Done_Glyph(loaded);
    loaded = nullptr;
  };
  for (Job& job : jobs) {
    const GlyphKey base = outline_key(job.key);
    if (!loaded || !(base == loaded_key)) {
      forget();
      FT_Face face = job.key.face < m_faces.size() ? m_faces[job.key.face] : nullptr;
      if (!face) {
        job.error = -1;
        continue;
      }
      if (const FT_Error e = FT_Set_Char_Size(face, 0, job.key.size, 72, 72)) {
        job.error = e;
        continue;
      }
      FT_Error error = 0;
      loaded = load_outline(face, job.key, error);
      if (!loaded) {
        job.error = error ? error : -1;
        continue;
      }
      loaded_key = base;
    }
    FT_Glyph copy = nullptr;
    if (const FT_Error e = FT_Glyph_Copy(loaded, &copy)) {
      job.error = e;
      continue;
    }
    job.error = render_outline(copy, job.key.subpixel, job.pixels, job.box);
  }
  forget();
}

}  // namespace inkset::raster
