#pragma once
// A kiosk: shows every article of a folder page by page, forever, on any Display. Files are looked at
// again on every cycle (new, removed) and before every page (changed); content never stops the loop:
// an article that cannot be shown gets an error page and the kiosk moves on. One document is open at
// a time, so memory stays flat however long the kiosk runs.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <inkset/document.h>

#include "../display.h"
#include "../refresh_policy.h"
#include "folder.h"

namespace inkset::platform {

// What one turn showed.
struct KioskTurn {
  int turn = 0;          // 1-based
  std::string article;   // file name, or the folder for folder-level errors
  int page = 0;          // 0-based
  int pages = 0;         // pages of the article known when the page was shown
  int64_t bytes = 0;     // size of the file version shown (tells edits apart)
  bool error = false;    // an error page: message says why
  std::string message;
};

struct KioskOptions {
  std::string dir;
  std::string extension = ".md";
  std::chrono::milliseconds dwell{20000};
  int max_turns = 0;  // 0: run until a quit event
  LayoutSettings layout;
  RenderSettings render;
  int full_every = 6;
};

// Lays out the error page for an article (or the folder) that could not be shown. The kiosk does not
// know the article format; the caller writes the error text in it.
using ErrorDocumentFactory = std::function<Result<std::unique_ptr<Document>>(
    Engine& engine, const std::string& name, const std::string& message, const LayoutSettings& layout)>;

class Kiosk {
 public:
  // engine and display are borrowed: valid until run() returns.
  Kiosk(Engine& engine, Display& display, KioskOptions options, ErrorDocumentFactory error_document);

  // Runs until max_turns pages were shown or a quit event arrives; on_turn is told about each page.
  // Fails only when the display fails or the error page itself cannot be laid out.
  Status run(const std::function<void(const KioskTurn&)>& on_turn);

 private:
  enum class Next { kContinue, kStop };
  Result<Next> show(Document& document, int page, KioskTurn turn);
  Result<Next> show_error(const std::string& name, const std::string& message);
  Result<Next> show_article(const FolderEntry& entry);
  // Waits the dwell time, answering events; may move page back (the caller then advances by one).
  Result<Next> dwell(int& page);

  Engine& m_engine;
  Display& m_display;
  KioskOptions m_options;
  ErrorDocumentFactory m_error_document;
  Presenter m_presenter;
  std::function<void(const KioskTurn&)> m_on_turn;
  int m_turns = 0;
  bool m_first_on_article = true;
};

}  // namespace inkset::platform
