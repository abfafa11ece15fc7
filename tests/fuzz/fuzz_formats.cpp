// The text formats other than Markdown: front matter and the theme (stylesheet) format. The first
// byte picks the parser.
#include <cstdint>
#include <string_view>

#include "doc/front_matter.h"
#include "style/page_geometry.h"
#include "style/theme.h"

using namespace inkset;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) {
    auto front = doc::parse_front_matter(text);
    if (front && front->body_offset > text.size()) __builtin_trap();
    return 0;
  }
  auto theme = style::parse_theme(text, "fuzz.theme");
  if (!theme) return 0;
  // A theme that parses must also resolve into a page or give an error, never crash.
  style::LayoutOptions options;
  options.page_width = 300;
  options.page_height = 400;
  (void)style::resolve_layout(*theme, options);
  return 0;
}
