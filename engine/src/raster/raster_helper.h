#pragma once
// A second thread that draws glyphs while the rendering thread draws others. A page of glyphs not
// seen before (an article's first page, the first page at a new size) spends most of its time in
// FreeType's hinting and rendering, one glyph after another; shared by two cores, that time halves.
//
// The helper has its own FreeType library and opens its own faces from the same files, so it never
// touches the engine's FontCollection (FreeType faces are not thread-safe), and it draws through the
// same steps as the glyph cache (raster/outline_glyph.h): its glyphs are the cache's, bit for bit.
// One thread serves page after page for the helper's lifetime.
//
// Thread-safety: every member function is called from one thread, the one that renders.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "font/font_collection.h"
#include "raster/glyph_cache.h"
#include "raster/outline_glyph.h"

typedef struct FT_LibraryRec_* FT_Library;

namespace inkset::raster {

class RasterHelper {
 public:
  // One glyph to draw. Jobs of one glyph at several quarter-pixel positions should be adjacent: the
  // helper loads and hints a glyph once for a run of such jobs.
  struct Job {
    GlyphKey key;  // a scalable face's glyph, without colour
    std::vector<uint8_t> pixels;  // out: coverage, box.width x box.height
    CoverageBox box;              // out
    int error = 0;                // out: 0, a FreeType error, or -1 (see render_outline)
  };

  RasterHelper();   // starts the thread; available() tells whether one could be had
  ~RasterHelper();  // waits for the jobs in hand, then stops the thread
  RasterHelper(const RasterHelper&) = delete;
  RasterHelper& operator=(const RasterHelper&) = delete;

  bool available() const { return m_worker.joinable() && m_library != nullptr; }

  // Opens the helper's own copy of `face` from its file, unless it has it: false when it cannot (the
  // caller then draws that face's glyphs itself). Only between wait() and the next start().
  bool open_face(font::FaceId face, const font::FaceInfo& info);
  // Hands `jobs` to the thread and returns at once; their faces must be open. `jobs` must stay valid
  // and untouched until wait() returns.
  void start(std::span<Job> jobs);
  // Returns when the jobs of the last start() are done.
  void wait();

 private:
  void run();
  void draw(std::span<Job> jobs);

  FT_Library m_library = nullptr;
  std::vector<FT_Face> m_faces;  // by FaceId; null where not open

  std::mutex m_mutex;
  std::condition_variable m_wake;  // jobs handed over, or stop asked
  std::condition_variable m_done;  // the jobs are done
  std::span<Job> m_jobs;           // guarded
  bool m_busy = false;             // guarded: jobs handed over and not done
  bool m_exit = false;             // guarded
  std::thread m_worker;
};

}  // namespace inkset::raster
