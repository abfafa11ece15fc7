// inkset kiosk: shows every article of a folder page by page, forever, full screen.
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli.h"
#include "layout_options.h"
#include "platform/fbdev/framebuffer.h"
#include "platform/kiosk/kiosk.h"
#include "platform/memory_display.h"
#if INKSET_HAVE_SDL2
#include "platform/sdl2/sdl_display.h"
#endif

using namespace inkset;

namespace {

// Markdown punctuation is escaped so file names and messages show as written.
std::string markdown_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\`*_{}[]()#+-.!<>|~").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

Result<std::unique_ptr<Document>> error_document(Engine& engine, const std::string& name, const std::string& message,
                                                 const LayoutSettings& layout) {
  const std::string text = "# Cannot show " + markdown_escape(name) + "\n\n" + markdown_escape(message) +
                           "\n\nThe kiosk moves on to the next article.\n";
  return Document::open_memory(engine, text, "", layout);
}

long rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

Result<std::chrono::milliseconds> parse_duration(const std::string& text) {
  long value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(end, text.data() + text.size());
  const long factor = unit == "ms" ? 1 : (unit == "s" || unit.empty()) ? 1000 : unit == "min" ? 60000 : -1;
  if (ec != std::errc{} || value < 0 || factor < 0)
    return make_error(ErrorCode::kBadArguments, "bad value '" + text + "' for --dwell: expected e.g. 20s, 500ms, 2min");
  return std::chrono::milliseconds(value * factor);
}

Result<int> parse_count(const cli::Args& args, const char* name, int fallback) {
  const auto v = args.get(name);
  if (!v) return fallback;
  int n = -1;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || end != v->data() + v->size() || n < 0)
    return make_error(ErrorCode::kBadArguments, "bad value '" + *v + "' for --" + name + ": expected a count");
  return n;
}

Result<std::unique_ptr<platform::Display>> open_backend(const cli::Args& args) {
  const std::string backend = args.get("backend").value_or("fb");
  const std::string device = args.get("device").value_or("/dev/fb0");
  std::optional<platform::FramebufferGeometry> geometry;
  if (const auto g = args.get("geometry")) {
    auto parsed = platform::parse_geometry(*g);
    if (!parsed) return std::move(parsed).take_error();
    geometry = *parsed;
  }
  if (backend == "record") {
    const auto g = geometry.value_or(platform::FramebufferGeometry{758, 1024, 8});
    return std::unique_ptr<platform::Display>(std::make_unique<platform::MemoryDisplay>(g.width, g.height));
  }
  if (backend == "fb") {
    auto fb = geometry ? platform::FramebufferDisplay::open_file(device, *geometry)
                       : platform::FramebufferDisplay::open_device(device);
    if (!fb) return std::move(fb).take_error();
    if ((*fb)->is_mxc_epdc()) (*fb)->set_refresh_driver(std::make_unique<platform::MxcfbRefreshDriver>((*fb)->fd()));
    return std::unique_ptr<platform::Display>(std::move(*fb));
  }
#if INKSET_HAVE_SDL2
  if (backend == "sdl") {
    platform::SdlDisplayOptions options;
    options.title = "inkset kiosk";
    options.fullscreen = !geometry;
    if (geometry) {
      options.page_width = geometry->width;
      options.page_height = geometry->height;
    }
    options.status_height = 0;
    auto sdl = platform::SdlDisplay::create(options);
    if (!sdl) return std::move(sdl).take_error();
    return std::unique_ptr<platform::Display>(std::move(*sdl));
  }
#endif
  return make_error(ErrorCode::kBadArguments, "unknown --backend '" + backend + "': expected fb, record" +
#if INKSET_HAVE_SDL2
                                                  std::string(" or sdl")
#else
                                                  std::string(" (this build has no SDL2)")
#endif
  );
}

Status run_kiosk(const cli::Args& args) {
  if (!args.has("dir")) return make_error(ErrorCode::kBadArguments, "kiosk needs --dir FOLDER");
  auto dwell = parse_duration(args.get("dwell").value_or("20s"));
  if (!dwell) return std::move(dwell).take_error();
  auto turns = parse_count(args, "turns", 0);
  if (!turns) return std::move(turns).take_error();
  auto every = parse_count(args, "full-every", 6);
  if (!every) return std::move(every).take_error();
  const std::string orientation = args.get("orientation").value_or("portrait");
  if (orientation != "portrait" && orientation != "landscape")
    return make_error(ErrorCode::kBadArguments, "bad value '" + orientation + "' for --orientation: expected portrait or landscape");

  auto display = open_backend(args);
  if (!display) return std::move(display).take_error();
  platform::Display& screen = **display;
  const bool landscape_screen = screen.width() > screen.height();
  if ((orientation == "landscape") != landscape_screen) INKSET_TRY(screen.set_rotation(90));

  auto layout = cli::layout_settings_from(args);
  if (!layout) return std::move(layout).take_error();
  if (!args.has("page")) {
    layout->page_width = screen.width();
    layout->page_height = screen.height();
  }
  if (layout->page_width != screen.width() || layout->page_height != screen.height())
    return make_error(ErrorCode::kBadArguments, "--page must match the screen (" + std::to_string(screen.width()) +
                                                    "x" + std::to_string(screen.height()) + ")");

  std::FILE* log = nullptr;
  if (const auto path = args.get("log")) {
    log = std::fopen(path->c_str(), "w");
    if (!log) return make_error(ErrorCode::kUnreadableFile, "cannot write log '" + *path + "'");
  }
  auto config = cli::engine_config_from(args);
  if (!config) return std::move(config).take_error();
  auto engine = Engine::create(*config);
  if (!engine) return std::move(engine).take_error();

  platform::KioskOptions options;
  options.dir = *args.get("dir");
  options.dwell = *dwell;
  options.max_turns = *turns;
  options.layout = *layout;
  options.full_every = *every;
  platform::Kiosk kiosk(**engine, screen, options, error_document);
  const Status status = kiosk.run([&](const platform::KioskTurn& t) {
    if (!log) return;
    if (t.error)
      std::fprintf(log, "turn=%d error=%s message=%s rss_kb=%ld\n", t.turn, t.article.c_str(), t.message.c_str(), rss_kb());
    else
      std::fprintf(log, "turn=%d article=%s bytes=%lld page=%d/%d rss_kb=%ld\n", t.turn, t.article.c_str(),
                   static_cast<long long>(t.bytes), t.page + 1, t.pages, rss_kb());
    std::fflush(log);
  });
  if (log) std::fclose(log);
  return status;
}

int run(const cli::Args& args) {
  const Status status = run_kiosk(args);
  return status.ok() ? cli::kExitOk : cli::report(status.error());
}

std::vector<cli::OptionSpec> options() {
  return cli::with_layout_options({
      {"dir", true, "folder of .md articles, shown in name order and re-read every cycle"},
      {"dwell", true, "time each page stays on screen (default 20s; 500ms, 2min)"},
      {"backend", true, "fb (default), sdl or record (in memory, for tests)"},
      {"orientation", true, "portrait (default) or landscape"},
      {"turns", true, "stop after N pages were shown (default: run forever)"},
      {"device", true, "framebuffer device, or a file with --geometry (fb backend)"},
      {"geometry", true, "screen WxHxBITS: the fb file's geometry, or the record/sdl screen size"},
      {"full-every", true, "flashing full refresh every N page turns (default 6)"},
      {"log", true, "write one line per page shown (article, page or error, memory use)"},
  });
}

const cli::Registration kRegistration({"kiosk", "show every article of a folder page by page, forever",
                                       "--dir DIR [options]", options(), run, 0, 0});

}  // namespace
