#pragma once
// Shapes the words of an article on a second thread, ahead of the layout, so that the layout finds
// them in the shaping cache instead of waiting for HarfBuzz: shaping each new word once is the
// largest single cost of a first layout, and a text's words can be found without laying it out.
//
// The words are cut from the article's source by spaces and line ends and shaped in one style (the
// body text's) through the Shaper's own HarfBuzz call, so each comes out exactly as the Shaper would
// shape it. Words the layout never asks for (Markdown syntax, text in other styles) cost the second
// core some time and the cache some room, nothing else. The results wait in a bounded hand-off until
// the layout's thread moves them into its cache (drain_into), which the Shaper does when it misses a
// word: the cache itself is only ever touched by that thread.
//
// One thread serves article after article for the prefetcher's lifetime: a kiosk that opens a new
// article every minute for days starts no thread per article.
//
// Thread-safety: every member function is called on the layout's thread. The worker touches only its
// own HarfBuzz font and buffer (HarfBuzz faces are thread-safe), the text, and the hand-off.
#include <hb.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "font/font_collection.h"
#include "shape/shape_cache.h"

namespace inkset::shape {

// Everything a word's cache key and its shaping depend on (see ShapeKey and HarfBuzzRun).
struct PrefetchStyle {
  font::FaceId face = font::kNoFace;
  Fixed size = 0;
  uint64_t features_hash = 0;
  std::vector<hb_feature_t> features;
  hb_language_t language = HB_LANGUAGE_INVALID;
  hb_script_t script = HB_SCRIPT_COMMON;
  hb_direction_t direction = HB_DIRECTION_LTR;
  hb_face_t* hb_face = nullptr;  // referenced while the text is being shaped
};

class ShapePrefetcher {
 public:
  ShapePrefetcher();   // starts the worker, idle; without a thread to be had, start() does nothing
  ~ShapePrefetcher();  // stops the worker and waits for it
  ShapePrefetcher(const ShapePrefetcher&) = delete;
  ShapePrefetcher& operator=(const ShapePrefetcher&) = delete;

  // Shapes the words of `text` in `style`, after abandoning any text before. `text` must stay valid
  // until stop(), the next start(), or the prefetcher's end.
  void start(std::string_view text, PrefetchStyle style);
  // Abandons the text: when it returns, the worker no longer reads it, and its words are dropped.
  void stop();

  // The text being shaped ahead (empty when none), and its style.
  std::string_view text() const { return m_text; }
  const PrefetchStyle& style() const { return m_style; }

  // Whether shaped words wait in the hand-off (one atomic load).
  bool ready() const { return m_ready_words.load(std::memory_order_acquire) > 0; }
  // Moves the words shaped so far into `cache`; returns how many.
  size_t drain_into(ShapeCache& cache);
  // Whether the worker has shaped every word of the text it will: the rest is in the hand-off.
  bool done();
  // Holds the worker after the word in hand until resume(), so that the second core is free for
  // work someone waits for (a page being drawn); the text and the words shaped so far stay.
  void pause();
  void resume();

  // Words waiting in the hand-off before the worker waits for the layout to take them: a few
  // paragraphs' worth of new words, so the hand-off stays small.
  static constexpr size_t kMaxWaiting = 1024;
  // Distinct words the worker remembers having shaped; past half of it, it stops (a text with more
  // distinct words than this is rare, and the cache could not hold them all anyway).
  static constexpr size_t kSeenSlots = size_t{1} << 16;

 private:
  // Shaped words packed one after another: their text, and their glyphs with clusters relative to each word.
  struct Words {
    std::string text;
    std::vector<uint32_t> text_end;   // per word
    std::vector<uint32_t> glyph_end;  // per word
    ShapedSegment glyphs;
    size_t size() const { return text_end.size(); }
    void clear();
  };

  void run();
  // Shapes the words of the current text until the end or until the text is abandoned.
  void shape_words();
  // Whether the word is new to the worker (and now remembered); false also when the memory is full.
  // A word taken for another one (32 bits of hash alike) is only left to the layout to shape.
  bool first_sight(uint64_t hash);
  // With m_mutex held: abandons the current text and waits until the worker is idle.
  void abandon(std::unique_lock<std::mutex>& lock);
  void release_face();

  // Written only while the worker is idle (under m_mutex); read by the worker while it shapes.
  std::string_view m_text;
  PrefetchStyle m_style;
  std::vector<uint32_t> m_seen;  // the worker's: open addressing on 32 bits of the key's hash; 0 is empty
  size_t m_seen_count = 0;

  std::mutex m_mutex;
  std::condition_variable m_wake;  // a text to shape, words taken from the hand-off, or stop asked
  std::condition_variable m_idle;  // the worker finished or abandoned a text
  Words m_waiting;                 // guarded by m_mutex
  bool m_job = false;              // guarded: a text waits to be shaped
  bool m_busy = false;             // guarded: the worker is shaping a text
  std::atomic<bool> m_abandon{false};  // set under m_mutex: drop the text being shaped
  bool m_exit = false;             // guarded
  bool m_paused = false;           // guarded
  std::atomic<size_t> m_ready_words{0};
  Words m_drained;                 // the layout thread's: what drain_into took, buffers reused
  ShapedSegment m_segment;         // the layout thread's scratch for one word
  std::thread m_worker;
};

// Pauses a prefetcher (if any) for its own lifetime.
class PrefetchPause {
 public:
  explicit PrefetchPause(ShapePrefetcher* prefetcher) : m_prefetcher(prefetcher) {
    if (m_prefetcher) m_prefetcher->pause();
  }
  ~PrefetchPause() {
    if (m_prefetcher) m_prefetcher->resume();
  }
  PrefetchPause(const PrefetchPause&) = delete;
  PrefetchPause& operator=(const PrefetchPause&) = delete;

 private:
  ShapePrefetcher* m_prefetcher;
};

}  // namespace inkset::shape
