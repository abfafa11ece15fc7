#include "kiosk.h"

#include <algorithm>
#include <chrono>

namespace inkset::platform {

Kiosk::Kiosk(Engine& engine, Display& display, KioskOptions options, ErrorDocumentFactory error_document)
    : m_engine(engine),
      m_display(display),
      m_options(std::move(options)),
      m_error_document(std::move(error_document)),
      m_presenter(display, RefreshPolicy(m_options.full_every)) {}

Result<Kiosk::Next> Kiosk::show(Document& document, int page, KioskTurn turn) {
  auto bitmap = document.render_page(page, m_options.render);
  if (!bitmap) return std::move(bitmap).take_error();
  // A new article is a new layout on screen: flash once so the previous article leaves no ghost.
  const FrameChange change = m_first_on_article ? FrameChange::kLayout : FrameChange::kPageTurn;
  m_first_on_article = false;
  auto plan = m_presenter.show(std::move(*bitmap), change);
  if (!plan) return std::move(plan).take_error();
  turn.turn = ++m_turns;
  turn.page = page;
  turn.pages = document.pages_so_far();
  if (m_on_turn) m_on_turn(turn);
  if (m_options.max_turns > 0 && m_turns >= m_options.max_turns) return Next::kStop;
  return Next::kContinue;
}

Result<Kiosk::Next> Kiosk::dwell(int& page) {
  using Clock = std::chrono::steady_clock;
  const auto until = Clock::now() + m_options.dwell;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) break;
    const auto event = m_display.poll_event(static_cast<int>(left));
    if (!event) continue;
    switch (event->type) {
      case EventType::kQuit: return Next::kStop;
      case EventType::kPreviousPage:
        page = std::max(0, page - 1) - 1;  // the caller advances by one
        return Next::kContinue;
      case EventType::kNextPage:
      case EventType::kTap: return Next::kContinue;
      default: break;
    }
  }
  return Next::kContinue;
}

Result<Kiosk::Next> Kiosk::show_error(const std::string& name, const std::string& message) {
  auto document = m_error_document(m_engine, name, message, m_options.layout);
  if (!document) return std::move(document).take_error();
  m_first_on_article = true;
  KioskTurn turn;
  turn.article = name;
  turn.error = true;
  turn.message = message;
  auto next = show(**document, 0, turn);
  if (!next || *next == Next::kStop) return next;
  int page = 0;
  return dwell(page);
}

Result<Kiosk::Next> Kiosk::show_article(const FolderEntry& listed) {
  FolderEntry entry = listed;
  std::unique_ptr<Document> document;
  int page = 0;
  m_first_on_article = true;
  while (true) {
    FolderEntry now = entry;
    if (!stat_entry(now)) return Next::kContinue;  // removed while shown: on to the next one
    if (!document || now != entry) {
      // Changed on disk (or first look): read it again from its first page.
      entry = now;
      document.reset();
      if (entry.size == 0) return show_error(entry.name, "the file is empty");
      auto opened = Document::open_file(m_engine, entry.path, m_options.layout);
      if (!opened) return show_error(entry.name, opened.error().message);
      document = std::move(*opened);
      if (!document->ensure_page(0))
        return show_error(entry.name, document->late_error() ? document->late_error()->message
                                                             : "the article has no content to show");
      page = 0;
      m_first_on_article = true;
    }
    if (page < 0) page = 0;
    if (!document->ensure_page(page)) {
      // The pages before a problem found far into the article were shown; now the problem is.
      if (const Error* e = document->late_error()) return show_error(entry.name, e->message);
      return Next::kContinue;
    }
    KioskTurn turn;
    turn.article = entry.name;
    turn.bytes = entry.size;
    auto next = show(*document, page, turn);
    if (!next || *next == Next::kStop) return next;
    next = dwell(page);
    if (!next || *next == Next::kStop) return next;
    ++page;
  }
}

Status Kiosk::run(const std::function<void(const KioskTurn&)>& on_turn) {
  m_on_turn = on_turn;
  while (true) {
    auto entries = scan_folder(m_options.dir, m_options.extension);
    Result<Next> next = Next::kContinue;
    if (!entries) {
      next = show_error(m_options.dir, entries.error().message);
    } else if (entries->empty()) {
      next = show_error(m_options.dir, "the folder has no " + m_options.extension + " articles");
    } else {
      for (const FolderEntry& entry : *entries) {
        next = show_article(entry);
        if (!next || *next == Next::kStop) break;
      }
    }
    if (!next) return std::move(next).take_error();
    if (*next == Next::kStop) return ok_status();
  }
}

}  // namespace inkset::platform
