#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <linux/input.h>

#include "cli_support.h"

using namespace inkset::test;

namespace {

const std::string kArticle = std::string(INKSET_SOURCE_DIR) + "/content/sample/article.md";

// The pixels of a binary PGM written by inkset render (header "P5\nW H\n255\n").
std::vector<uint8_t> pgm_pixels(const std::string& path, int w, int h) {
  const auto bytes = read_bytes(path);
  const size_t n = static_cast<size_t>(w) * h;
  REQUIRE(bytes.size() > n);
  return std::vector<uint8_t>(bytes.end() - static_cast<ptrdiff_t>(n), bytes.end());
}

void write_key_presses(const std::string& path, const std::vector<uint16_t>& keys) {
  std::vector<input_event> events;
  for (const uint16_t k : keys) {
    input_event e{};
    e.type = EV_KEY;
    e.code = k;
    e.value = 1;
    events.push_back(e);
    e.value = 0;
    events.push_back(e);
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  std::fwrite(events.data(), sizeof(input_event), events.size(), f);
  std::fclose(f);
}

}  // namespace

TEST_CASE("fb: the file framebuffer shows exactly what inkset render draws, page after page", "[platform][fb][cli]") {
  const std::string dir = "/tmp/inkset_fb_cli";
  REQUIRE(run_inkset("render " + kArticle + " --format pgm --pages 1-3 --out " + dir).exit_code == 0);

  const auto first = run_inkset("fb " + kArticle + " --device " + dir + "/fb.raw --geometry 758x1024x8");
  REQUIRE(first.exit_code == 0);
  CHECK(read_bytes(dir + "/fb.raw") == pgm_pixels(dir + "/page-0001.pgm", 758, 1024));

  // Two turns forward and one back, then the recording ends: page 2 stays on screen.
  write_key_presses(dir + "/keys.bin", {KEY_RIGHT, KEY_SPACE, KEY_LEFT});
  const auto turned = run_inkset("fb " + kArticle + " --device " + dir + "/fb.raw --geometry 758x1024x8 --input " +
                                 dir + "/keys.bin --full-every 3 --refresh-log " + dir + "/refresh.log");
  REQUIRE(turned.exit_code == 0);
  CHECK(read_bytes(dir + "/fb.raw") == pgm_pixels(dir + "/page-0002.pgm", 758, 1024));
  const auto log = read_lines(dir + "/refresh.log");
  REQUIRE(log.size() == 4);
  CHECK(log[0] == "marker=1 kind=full waveform=GC16 region=0,0,758x1024");
  CHECK(log[1].find("marker=2 kind=partial waveform=GC16 region=") == 0);
  CHECK(log[2].find("marker=3 kind=partial") == 0);
  CHECK(log[3] == "marker=4 kind=full waveform=GC16 region=0,0,758x1024");  // the third turn flashes
}

TEST_CASE("fb: an RGB565 framebuffer gets the same page in 5-6-5", "[platform][fb][cli]") {
  const std::string dir = "/tmp/inkset_fb_cli565";
  REQUIRE(run_inkset("render " + kArticle + " --format pgm --pages 1 --page 400x500 --out " + dir).exit_code == 0);
  REQUIRE(run_inkset("fb " + kArticle + " --device " + dir + "/fb.raw --geometry 400x500x16").exit_code == 0);
  const auto gray = pgm_pixels(dir + "/page-0001.pgm", 400, 500);
  const auto fb = read_bytes(dir + "/fb.raw");
  REQUIRE(fb.size() == gray.size() * 2);
  for (size_t i = 0; i < gray.size(); ++i) {
    const unsigned v = fb[i * 2] | (fb[i * 2 + 1] << 8);
    REQUIRE((v >> 5 & 63) == gray[i] >> 2u);
  }
}

TEST_CASE("fb: bad arguments are one-line errors", "[platform][fb][cli]") {
  CHECK(run_inkset("fb " + kArticle + " --geometry 758x1024x8").exit_code == 2);  // no --device file
  CHECK(run_inkset("fb " + kArticle + " --device /tmp/x.raw --geometry 758x1024x12").exit_code == 2);
  CHECK(run_inkset("fb " + kArticle + " --device /tmp/x.raw --geometry 758x1024x8 --full-every -1").exit_code == 2);
  CHECK(run_inkset("fb " + kArticle + " --device /nonexistent/fb0").exit_code == 3);
}
