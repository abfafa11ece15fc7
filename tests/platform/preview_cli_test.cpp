#include <catch2/catch.hpp>

// The preview exists only in builds with SDL2.
#if INKSET_HAVE_SDL2

#include <string>
#include <vector>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include "cli_support.h"

using namespace inkset::test;

namespace {

const std::string kArticle = std::string(INKSET_SOURCE_DIR) + "/content/sample/article.md";

struct Gray {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

Gray load_gray(const std::string& path) {
  Gray g;
  int channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &g.width, &g.height, &channels, 1);
  REQUIRE(data);
  g.pixels.assign(data, data + static_cast<size_t>(g.width) * g.height);
  stbi_image_free(data);
  return g;
}

}  // namespace

TEST_CASE("preview: headless screenshots equal inkset render for the same page and settings", "[platform][preview][cli]") {
  const std::string dir = "/tmp/inkset_preview_cli";
  REQUIRE(run_inkset("render " + kArticle + " --pages 1-3 --page 600x800 --out " + dir).exit_code == 0);
  const auto r = run_inkset("preview " + kArticle + " --page 600x800 --script \"shot:" + dir + "/s1.png,next,next,shot:" +
                            dir + "/s3.png,prev,goto:1,shot:" + dir + "/s1b.png,quit\"");
  REQUIRE(r.exit_code == 0);
  const Gray p1 = load_gray(dir + "/page-0001.png"), p3 = load_gray(dir + "/page-0003.png");
  const Gray s1 = load_gray(dir + "/s1.png"), s3 = load_gray(dir + "/s3.png"), s1b = load_gray(dir + "/s1b.png");
  CHECK(s1.width == 600);
  CHECK(s1.height == 800);
  CHECK(s1.pixels == p1.pixels);
  CHECK(s3.pixels == p3.pixels);
  CHECK(s1b.pixels == p1.pixels);
}

TEST_CASE("preview: rotate, font and theme changes reflow; e-ink shows 16 grays", "[platform][preview][cli]") {
  const std::string dir = "/tmp/inkset_preview_cli2";
  REQUIRE(run_inkset("render " + kArticle + " --pages 1 --page 800x600 --theme kiosk --out " + dir).exit_code == 0);
  REQUIRE(run_inkset("preview " + kArticle + " --page 600x800 --script \"rotate,theme,home,shot:" + dir +
                     "/rot.png,font+,shot:" + dir + "/big.png\"")
              .exit_code == 0);
  const Gray rot = load_gray(dir + "/rot.png");
  CHECK(rot.width == 800);
  CHECK(rot.height == 600);
  CHECK(rot.pixels == load_gray(dir + "/page-0001.png").pixels);
  CHECK(load_gray(dir + "/big.png").pixels != rot.pixels);

  REQUIRE(run_inkset("preview " + kArticle + " --page 600x800 --eink --script \"shot:" + dir + "/eink.png\"").exit_code == 0);
  const Gray eink = load_gray(dir + "/eink.png");
  for (const uint8_t v : eink.pixels) REQUIRE(v % 17 == 0);
}

TEST_CASE("preview: a bad script action is a one-line error", "[platform][preview][cli]") {
  const auto r = run_inkset("preview " + kArticle + " --script \"next,jump\"");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("unknown script action 'jump'") != std::string::npos);
}

#endif
