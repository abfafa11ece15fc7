#pragma once
// Parses the next pieces of an article's body on a second thread while the layout works on the ones
// before: cmark is a tenth of a long article's first layout, and which pieces come next does not
// depend on the layout. The pieces are the ones ArticleParser would make itself (cut_piece, from the
// same splitter state), handed over in order; turning them into blocks stays on the layout's thread.
//
// One thread serves article after article for the object's lifetime.
//
// Thread-safety: every member function is called on the layout's thread.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "doc/markdown_piece.h"

namespace inkset::doc {

class ParseAhead {
 public:
  // Pieces parsed and not yet taken before the thread waits: enough to stay ahead, few enough that
  // their cmark trees cost little memory.
  static constexpr size_t kPiecesAhead = 2;

  ParseAhead();   // starts the thread, idle; without one to be had, start() does nothing
  ~ParseAhead();  // stops the thread and waits for it
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;

  // Parses the pieces of `body` from `begin` on, `splitter` standing there (as cut_piece takes them),
  // after abandoning any body before. `body` must stay valid until stop() for it, the next start(),
  // or the object's end.
  void start(std::string_view body, const ChunkSplitter& splitter, size_t begin, size_t piece_bytes);
  // The piece of `body` that starts at `begin`, waiting for it while it is being parsed; nullopt when
  // it is not the next piece of the body parsed ahead (the caller then cuts it itself). A piece that
  // failed to parse is handed over as its error.
  std::optional<Result<MarkdownPiece>> take(std::string_view body, size_t begin);
  // Abandons `body` if it is the one parsed ahead: when it returns, the thread no longer reads it.
  void stop(const char* body_begin);
  // Pieces take() has handed over so far.
  uint64_t pieces_taken() const { return m_taken; }

 private:
  void run();
  // With m_mutex held: drops the body and its pieces, and waits until the thread is not parsing.
  void abandon(std::unique_lock<std::mutex>& lock);

  std::mutex m_mutex;
  std::condition_variable m_wake;    // a body to parse, a piece taken, or stop asked
  std::condition_variable m_parsed;  // a piece parsed, or the thread done with a body
  // All guarded by m_mutex.
  std::string_view m_body;
  ChunkSplitter m_splitter{std::string_view()};  // where the next piece to parse starts
  size_t m_next = 0;                 // its first byte
  size_t m_piece_bytes = 0;
  bool m_active = false;             // a body is being parsed ahead
  bool m_busy = false;               // the thread is parsing a piece (reading the body)
  bool m_exit = false;
  std::deque<Result<MarkdownPiece>> m_ready;
  uint64_t m_taken = 0;  // the layout's thread's
  std::thread m_worker;
};

}  // namespace inkset::doc
