// inkset preview: a desktop window showing an article as a device would, page by page; scriptable
// for headless screenshots.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>


#include "cli.h"
#include "layout_options.h"
#include "platform/png.h"
#include "platform/reader.h"
#include "platform/sdl2/sdl_display.h"

using namespace inkset;

namespace {

// The body size the +/- keys start from when the theme's own size is in use.
constexpr double kDefaultBodyPt = 11.0;
constexpr double kMinFontPt = 6.0;
constexpr double kMaxFontPt = 48.0;

class Preview {
 public:
  Preview(Document& document, platform::SdlDisplay& display, LayoutSettings layout, RenderSettings render, bool eink)
      : m_document(document),
        m_display(display),
        m_layout(std::move(layout)),
        m_reader(document, display, platform::RefreshPolicy(eink ? 6 : 0), render) {}

  Status start() {
    INKSET_TRY(m_reader.show());
    update_status();
    return ok_status();
  }

  // Runs one action of a script (or of a key); returns false for quit.
  Result<bool> act(const std::string& action) {
    const auto colon = action.find(':');
    const std::string verb = action.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : action.substr(colon + 1);
    if (verb == "next") INKSET_TRY(m_reader.next());
    else if (verb == "prev") INKSET_TRY(m_reader.previous());
    else if (verb == "home") INKSET_TRY(m_reader.first());
    else if (verb == "end") INKSET_TRY(m_reader.last());
    else if (verb == "font+" || verb == "font-") INKSET_TRY(change_font(verb == "font+" ? 1 : -1));
    else if (verb == "theme") {
      m_layout.theme = m_layout.theme == "kiosk" ? "ereader" : "kiosk";
      INKSET_TRY(m_reader.relayout(m_layout));
    } else if (verb == "rotate") INKSET_TRY(resize(m_layout.page_height, m_layout.page_width));
    else if (verb == "goto") {
      int n = 0;
      const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), n);
      if (ec != std::errc{} || end != arg.data() + arg.size() || n < 1)
        return make_error(ErrorCode::kBadArguments, "bad script action '" + action + "': expected goto:PAGE (1-based)");
      INKSET_TRY(m_reader.go_to(n - 1));
    } else if (verb == "shot") {
      if (arg.empty() || !m_reader.frame())
        return make_error(ErrorCode::kBadArguments, "bad script action '" + action + "': expected shot:FILE.png");
      INKSET_TRY(platform::write_png(*m_reader.frame(), arg));
    } else if (verb == "wait") {
      int ms = -1;
      std::from_chars(arg.data(), arg.data() + arg.size(), ms);
      if (ms < 0) return make_error(ErrorCode::kBadArguments, "bad script action '" + action + "': expected wait:MS");
      using Clock = std::chrono::steady_clock;
      const Clock::time_point until = Clock::now() + std::chrono::milliseconds(ms);
      for (Clock::time_point now = Clock::now(); now < until; now = Clock::now())
        (void)m_display.poll_event(
            static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(until - now).count()));
    } else if (verb == "quit") {
      return false;
    } else {
      return make_error(ErrorCode::kBadArguments,
                        "unknown script action '" + action +
                            "' (next, prev, home, end, font+, font-, theme, rotate, goto:N, shot:FILE, wait:MS, quit)");
    }
    update_status();
    return true;
  }

  // Interactive loop: returns on quit.
  Status run() {
    while (true) {
      const auto event = m_display.poll_event(-1);
      if (!event) continue;
      Result<bool> going = true;
      switch (event->type) {
        case platform::EventType::kQuit: return ok_status();
        case platform::EventType::kResize:
          if (event->width != m_layout.page_width || event->height != m_layout.page_height)
            INKSET_TRY(resize(event->width, event->height));
          break;
        case platform::EventType::kKey: going = key(event->ch); break;
        default: INKSET_TRY(m_reader.handle(*event)); break;
      }
      if (!going) return std::move(going).take_error();
      if (!*going) return ok_status();
      update_status();
    }
  }

 private:
  Result<bool> key(char32_t ch) {
    if (m_typing) {
      if (ch >= '0' && ch <= '9' && m_digits.size() < 6) m_digits += static_cast<char>(ch);
      else if (ch == '\b' && !m_digits.empty()) m_digits.pop_back();
      else if (ch == '\n') {
        m_typing = false;
        if (!m_digits.empty()) return act("goto:" + m_digits);
      }
      return true;
    }
    switch (ch) {
      case '+':
      case '=': return act("font+");
      case '-': return act("font-");
      case 't': return act("theme");
      case 'r': return act("rotate");
      case 'g': m_typing = true; m_digits.clear(); return true;
      default: return true;
    }
  }

  Status change_font(int step) {
    const double current = m_layout.font_size_pt > 0 ? m_layout.font_size_pt : kDefaultBodyPt;
    m_layout.font_size_pt = std::clamp(current + step, kMinFontPt, kMaxFontPt);
    return m_reader.relayout(m_layout);
  }

  Status resize(int width, int height) {
    m_layout.page_width = width;
    m_layout.page_height = height;
    INKSET_TRY(m_display.set_page_size(width, height));
    return m_reader.relayout(m_layout);
  }

  void update_status() {
    std::string text = "page " + std::to_string(m_reader.page() + 1) + " of " + std::to_string(m_document.page_count());
    if (m_typing) text += "   go to page: " + m_digits + "_";
    m_display.set_status(text);
  }

  Document& m_document;
  platform::SdlDisplay& m_display;
  LayoutSettings m_layout;
  platform::Reader m_reader;
  bool m_typing = false;
  std::string m_digits;
};

std::vector<std::string> split_script(const std::string& script) {
  std::vector<std::string> actions;
  size_t start = 0;
  while (start <= script.size()) {
    const size_t comma = std::min(script.find(',', start), script.size());
    if (comma > start) actions.push_back(script.substr(start, comma - start));
    start = comma + 1;
  }
  return actions;
}

Status run_preview(const cli::Args& args) {
  auto layout = cli::layout_settings_from(args);
  if (!layout) return std::move(layout).take_error();
  const auto script = args.get("script");
  // Scripts run headless where there is no desktop (CI, tests); SDL's offscreen driver renders in memory.
  if (script && !std::getenv("SDL_VIDEODRIVER") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
  const bool eink = args.has("eink");

  auto config = cli::engine_config_from(args);
  if (!config) return std::move(config).take_error();
  auto engine = Engine::create(*config);
  if (!engine) return std::move(engine).take_error();
  auto document = Document::open_file(**engine, args.positional[0], *layout);
  if (!document) return std::move(document).take_error();

  platform::SdlDisplayOptions options;
  options.title = "inkset - " + args.positional[0];
  options.page_width = layout->page_width;
  options.page_height = layout->page_height;
  options.eink = eink;
  auto display = platform::SdlDisplay::create(options);
  if (!display) return std::move(display).take_error();

  RenderSettings render;
  if (eink) render.gray_levels = 16;
  Preview preview(**document, **display, *layout, render, eink);
  INKSET_TRY(preview.start());
  if (!script) return preview.run();
  for (const std::string& action : split_script(*script)) {
    (void)(*display)->poll_event(0);
    auto going = preview.act(action);
    if (!going) return std::move(going).take_error();
    if (!*going) break;
  }
  return ok_status();
}

int run(const cli::Args& args) {
  const Status status = run_preview(args);
  return status.ok() ? cli::kExitOk : cli::report(status.error());
}

std::vector<cli::OptionSpec> options() {
  return cli::with_layout_options({
      {"eink", false, "simulate an e-ink panel: 16 gray levels, flashing full refreshes"},
      {"script", true, "run comma-separated actions headless and exit: next, prev, home, end, font+, font-, "
                       "theme, rotate, goto:N, shot:FILE.png, wait:MS, quit"},
  });
}

const cli::Registration kRegistration({"preview", "show an article in a window as a device would (SDL2)",
                                       "ARTICLE.md [options]", options(), run, 1, 1});

}  // namespace
