#include "shape/shape_prefetcher.h"

#include <new>

#include "shape/harfbuzz_shaping.h"
#include "support/helper_thread.h"

namespace inkset::shape {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void ShapePrefetcher::Words::clear() {
  text.clear();
  text_end.clear();
  glyph_end.clear();
  glyphs.clear();
}

// Without a thread, start() does nothing and the layout shapes every word itself.
ShapePrefetcher::ShapePrefetcher() : m_worker(start_helper_thread([this] { run(); })) {}

ShapePrefetcher::~ShapePrefetcher() {
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_exit = true;
    m_abandon = true;
  }
  m_wake.notify_all();
  if (m_worker.joinable()) m_worker.join();
  release_face();
}

void ShapePrefetcher::release_face() {
  if (m_style.hb_face) hb_face_destroy(m_style.hb_face);
  m_style.hb_face = nullptr;
}

void ShapePrefetcher::abandon(std::unique_lock<std::mutex>& lock) {
  m_job = false;
  m_abandon = true;
  m_wake.notify_all();
  m_idle.wait(lock, [&] { return !m_busy; });
  m_abandon = false;
  m_waiting.clear();
  m_ready_words.store(0, std::memory_order_release);
}

void ShapePrefetcher::start(std::string_view text, PrefetchStyle style) {
  if (!m_worker.joinable()) return;
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    abandon(lock);
    release_face();
    m_text = text;
    m_style = std::move(style);
    hb_face_reference(m_style.hb_face);
    m_job = true;
  }
  m_wake.notify_all();
}

void ShapePrefetcher::stop() {
  std::unique_lock<std::mutex> lock(m_mutex);
  abandon(lock);
  release_face();
  m_text = {};
}

bool ShapePrefetcher::done() {
  std::lock_guard<std::mutex> lock(m_mutex);
  return !m_job && !m_busy;
}

void ShapePrefetcher::run() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [&] { return m_exit || m_job; });
    if (m_exit) return;
    m_job = false;
    m_busy = true;
    lock.unlock();
    try {
      shape_words();
    } catch (const std::bad_alloc&) {
      // Out of memory: the layout shapes the rest itself, as it would without this thread.
    }
    lock.lock();
    m_busy = false;
    m_idle.notify_all();
  }
}

bool ShapePrefetcher::first_sight(uint64_t hash) {
  if (m_seen_count >= kSeenSlots / 2) return false;
  const uint32_t tag = static_cast<uint32_t>(hash >> 32) | 1;  // never 0, the empty mark
  const size_t mask = kSeenSlots - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (m_seen[i] == tag) return false;
    if (m_seen[i] == 0) {
      m_seen[i] = tag;
      ++m_seen_count;
      return true;
    }
  }
}

void ShapePrefetcher::shape_words() {
  hb_font_t* font = font::create_hb_font(m_style.hb_face, m_style.size);
  hb_buffer_t* buffer = hb_buffer_create();
  const HarfBuzzRun harfbuzz{font, m_style.direction, m_style.script, m_style.language, m_style.features};
  m_seen.assign(kSeenSlots, 0);
  m_seen_count = 0;
  std::string segment;
  ShapedSegment word;
  const std::string_view text = m_text;
  for (size_t pos = 0; pos < text.size() && !m_abandon.load(std::memory_order_relaxed);) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const size_t begin = pos;
    while (pos < text.size() && !is_space(text[pos])) ++pos;
    if (pos == begin) break;
    // The paragraph text has one space where the source has spaces or one line end, and a paragraph
    // ends at a blank line: its last word is shaped without the space.
    size_t line_ends = 0;
    size_t after = pos;
    while (after < text.size() && is_space(text[after])) line_ends += text[after++] == '\n';
    segment.assign(text.substr(begin, pos - begin));
    if (after < text.size() && line_ends < 2) segment += ' ';
    if (segment.size() > ShapeCache::kMaxSegmentBytes) continue;
    const ShapeKey key = ShapeKey::make(m_style.face, m_style.size, m_style.features_hash, m_style.direction,
                                        m_style.script, m_style.language, segment);
    if (!first_sight(key.hash)) {
      if (m_seen_count >= kSeenSlots / 2) break;
      continue;
    }
    word.clear();
    shape_with_harfbuzz(buffer, harfbuzz, segment, 0, static_cast<uint32_t>(segment.size()), 0, word);
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [&] { return m_abandon || m_exit || (!m_paused && m_waiting.size() < kMaxWaiting); });
    if (m_abandon || m_exit) break;
    m_waiting.text += segment;
    m_waiting.text_end.push_back(static_cast<uint32_t>(m_waiting.text.size()));
    ShapedSegment& g = m_waiting.glyphs;
    g.glyph_id.insert(g.glyph_id.end(), word.glyph_id.begin(), word.glyph_id.end());
    g.advance.insert(g.advance.end(), word.advance.begin(), word.advance.end());
    g.x_offset.insert(g.x_offset.end(), word.x_offset.begin(), word.x_offset.end());
    g.y_offset.insert(g.y_offset.end(), word.y_offset.begin(), word.y_offset.end());
    g.cluster.insert(g.cluster.end(), word.cluster.begin(), word.cluster.end());
    g.flags.insert(g.flags.end(), word.flags.begin(), word.flags.end());
    m_waiting.glyph_end.push_back(static_cast<uint32_t>(g.size()));
    m_ready_words.store(m_waiting.size(), std::memory_order_release);
  }
  hb_buffer_destroy(buffer);
  hb_font_destroy(font);
}

void ShapePrefetcher::pause() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_paused = true;
}

void ShapePrefetcher::resume() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_paused = false;
  }
  m_wake.notify_all();
}

size_t ShapePrefetcher::drain_into(ShapeCache& cache) {
  if (!ready()) return 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::swap(m_waiting, m_drained);
    m_ready_words.store(0, std::memory_order_release);
  }
  m_wake.notify_all();
  const Words& w = m_drained;
  uint32_t text_begin = 0, glyph_begin = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string_view segment = std::string_view(w.text).substr(text_begin, w.text_end[i] - text_begin);
    const uint32_t glyph_end = w.glyph_end[i];
    auto slice = [&](const auto& from, auto& to) { to.assign(from.begin() + glyph_begin, from.begin() + glyph_end); };
    slice(w.glyphs.glyph_id, m_segment.glyph_id);
    slice(w.glyphs.advance, m_segment.advance);
    slice(w.glyphs.x_offset, m_segment.x_offset);
    slice(w.glyphs.y_offset, m_segment.y_offset);
    slice(w.glyphs.cluster, m_segment.cluster);
    slice(w.glyphs.flags, m_segment.flags);
    cache.insert(ShapeKey::make(m_style.face, m_style.size, m_style.features_hash, m_style.direction, m_style.script,
                                m_style.language, segment),
                 m_segment);
    text_begin = w.text_end[i];
    glyph_begin = glyph_end;
  }
  const size_t count = w.size();
  m_drained.clear();
  return count;
}

}  // namespace inkset::shape
