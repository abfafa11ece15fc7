#include "doc/parse_ahead.h"

#include <new>

#include "support/helper_thread.h"

namespace inkset::doc {

// Without a thread, start() does nothing and the layout's thread parses every piece itself.
ParseAhead::ParseAhead() : m_worker(start_helper_thread([this] { run(); })) {}

ParseAhead::~ParseAhead() {
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_exit = true;
    abandon(lock);
  }
  m_wake.notify_all();
  if (m_worker.joinable()) m_worker.join();
}

void ParseAhead::abandon(std::unique_lock<std::mutex>& lock) {
  m_active = false;
  m_parsed.wait(lock, [&] { return !m_busy; });
  m_ready.clear();
  m_body = {};
}

void ParseAhead::start(std::string_view body, const ChunkSplitter& splitter, size_t begin, size_t piece_bytes) {
  if (!m_worker.joinable()) return;
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    abandon(lock);
    m_body = body;
    m_splitter = splitter;
    m_next = begin;
    m_piece_bytes = piece_bytes;
    m_active = begin < body.size();
  }
  m_wake.notify_all();
}

void ParseAhead::stop(const char* body_begin) {
  std::unique_lock<std::mutex> lock(m_mutex);
  if (m_body.data() == body_begin) abandon(lock);
}

std::optional<Result<MarkdownPiece>> ParseAhead::take(std::string_view body, size_t begin) {
  std::unique_lock<std::mutex> lock(m_mutex);
  const bool ours = m_active && body.data() == m_body.data() && body.size() == m_body.size();
  if (!ours) return std::nullopt;
  // The piece is either parsed, being parsed, or next: the thread is on it or about to be.
  m_parsed.wait(lock, [&] { return !m_active || !m_ready.empty() || m_next != begin; });
  // A failed piece is the last one parsed ahead, and the next in order.
  const bool next_piece = !m_ready.empty() && (!m_ready.front() || m_ready.front()->begin == begin);
  if (!next_piece) {
    // Not the piece asked for (the caller went its own way), or none coming: parsing on would only
    // waste work.
    abandon(lock);
    return std::nullopt;
  }
  Result<MarkdownPiece> piece = std::move(m_ready.front());
  m_ready.pop_front();
  ++m_taken;
  lock.unlock();
  m_wake.notify_all();
  return piece;
}

void ParseAhead::run() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [&] { return m_exit || (m_active && m_ready.size() < kPiecesAhead && m_next < m_body.size()); });
    if (m_exit) return;
    const std::string_view body = m_body;
    const ChunkSplitter splitter = m_splitter;
    const size_t begin = m_next;
    const size_t piece_bytes = m_piece_bytes;
    m_busy = true;
    lock.unlock();
    std::optional<Result<MarkdownPiece>> piece;
    try {
      piece.emplace(cut_piece(body, splitter, begin, piece_bytes));
    } catch (const std::bad_alloc&) {
      // Out of memory: the layout's thread parses the rest itself.
    }
    lock.lock();
    m_busy = false;
    if (!piece) {
      m_active = false;
    } else if (m_active) {
      // A failed piece ends parsing ahead: the layout's thread meets the error when it takes it.
      if (*piece) {
        m_splitter = (*piece)->next;
        m_next = (*piece)->end;
      } else {
        m_next = m_body.size();
      }
      m_ready.push_back(std::move(*piece));
    }
    m_parsed.notify_all();
  }
}

}  // namespace inkset::doc
