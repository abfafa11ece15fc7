// inkset fb: reads an article on a Linux framebuffer (LCD or e-ink), turning pages from evdev input.
#include <charconv>
#include <cstdio>
#include <string>

#include "cli.h"
#include "layout_options.h"
#include "platform/fbdev/framebuffer.h"
#include "platform/fbdev/refresh_driver.h"
#include "platform/reader.h"

using namespace inkset;

namespace {

Result<std::unique_ptr<platform::FramebufferDisplay>> open_display(const cli::Args& args) {
  const std::string device = args.get("device").value_or("/dev/fb0");
  std::unique_ptr<platform::FramebufferDisplay> display;
  if (const auto g = args.get("geometry")) {
    auto geometry = platform::parse_geometry(*g);
    if (!geometry) return std::move(geometry).take_error();
    if (!args.has("device"))
      return make_error(ErrorCode::kBadArguments, "--geometry needs --device FILE (the file used as framebuffer)");
    auto d = platform::FramebufferDisplay::open_file(device, *geometry);
    if (!d) return std::move(d).take_error();
    display = std::move(*d);
  } else {
    auto d = platform::FramebufferDisplay::open_device(device);
    if (!d) return std::move(d).take_error();
    display = std::move(*d);
  }
  if (const auto log = args.get("refresh-log")) {
    auto driver = platform::RecordingRefreshDriver::create(*log);
    if (!driver) return std::move(driver).take_error();
    display->set_refresh_driver(std::move(*driver));
  } else if (display->is_mxc_epdc()) {
    display->set_refresh_driver(std::make_unique<platform::MxcfbRefreshDriver>(display->fd()));
  }
  if (const auto r = args.get("rotate")) {
    int degrees = -1;
    std::from_chars(r->data(), r->data() + r->size(), degrees);
    INKSET_TRY(display->set_rotation(degrees));
  }
  if (const auto input = args.get("input")) {
    auto in = platform::EvdevInput::open(*input);
    if (!in) return std::move(in).take_error();
    display->set_input(std::move(*in));
  }
  return display;
}

Result<int> full_every(const cli::Args& args) {
  const std::string v = args.get("full-every").value_or("6");
  int n = -1;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end != v.data() + v.size() || n < 0)
    return make_error(ErrorCode::kBadArguments, "bad value '" + v + "' for --full-every: expected a count, 0 = never");
  return n;
}

Status run_fb(const cli::Args& args) {
  auto every = full_every(args);
  if (!every) return std::move(every).take_error();
  auto display = open_display(args);
  if (!display) return std::move(display).take_error();
  platform::FramebufferDisplay& fb = **display;
  auto settings = cli::layout_settings_from(args);
  if (!settings) return std::move(settings).take_error();
  // The page is the screen unless asked otherwise (and then it must still be the screen).
  if (!args.has("page")) {
    settings->page_width = fb.width();
    settings->page_height = fb.height();
  }
  if (settings->page_width != fb.width() || settings->page_height != fb.height())
    return make_error(ErrorCode::kBadArguments, "--page must match the framebuffer (" + std::to_string(fb.width()) +
                                                    "x" + std::to_string(fb.height()) + " after rotation)");
  auto config = cli::engine_config_from(args);
  if (!config) return std::move(config).take_error();
  auto engine = Engine::create(*config);
  if (!engine) return std::move(engine).take_error();
  auto document = Document::open_file(**engine, args.positional[0], *settings);
  if (!document) return std::move(document).take_error();
  for (const auto& w : (*document)->warnings())
    std::fprintf(stderr, "inkset: warning: %s: %s\n", args.positional[0].c_str(), w.c_str());

  platform::Reader reader(**document, fb, platform::RefreshPolicy(*every));
  INKSET_TRY(reader.show());
  if (!args.has("input")) return ok_status();
  while (true) {
    const auto event = fb.poll_event(-1);
    if (!event || event->type == platform::EventType::kQuit) return ok_status();
    INKSET_TRY(reader.handle(*event));
  }
}

int run(const cli::Args& args) {
  const Status status = run_fb(args);
  return status.ok() ? cli::kExitOk : cli::report(status.error());
}

std::vector<cli::OptionSpec> options() {
  return cli::with_layout_options({
      {"device", true, "framebuffer device, or a file with --geometry (default /dev/fb0)"},
      {"geometry", true, "use --device as a plain file of this geometry, WxHxBITS (8, 16 or 32)"},
      {"input", true, "evdev device or recorded events file; without it the first page is shown and the command exits"},
      {"full-every", true, "flashing full refresh every N page turns (default 6, 0 = never)"},
      {"refresh-log", true, "log refresh requests to FILE instead of sending them to the panel"},
      {"rotate", true, "rotate the page 0, 90, 180 or 270 degrees clockwise on the panel"},
  });
}

const cli::Registration kRegistration({"fb", "read an article on a Linux framebuffer (LCD or e-ink)",
                                       "ARTICLE.md [options]", options(), run, 1, 1});

}  // namespace
