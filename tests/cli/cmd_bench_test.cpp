#include <catch2/catch.hpp>

#include "../support/cli_run.h"

#include "../support/sanitizers.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <regex>
#include <string>

namespace {

using inkset::test::run;

double number(const std::string& json, const std::string& key) {
  std::smatch m;
  const std::regex re("\"" + key + "\":(-?[0-9.]+)");
  REQUIRE(std::regex_search(json, m, re));
  return std::stod(m[1]);
}

const std::string kSample = std::string(INKSET_TEST_DATA) + "/doc/sample.md";

}  // namespace

TEST_CASE("cli bench: JSON figures for an article", "[cli][bench]") {
  const auto r = run("bench " + kSample + " --runs 1 --render-pages 2 --json");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"article\":\"" + kSample + "\"") != std::string::npos);
  const int pages = static_cast<int>(number(r.out, "pages"));
  CHECK(pages >= 1);
  CHECK(number(r.out, "lines") >= 5);
  CHECK(number(r.out, "cold_ms") > 0);
  CHECK(number(r.out, "warm_ms") > 0);
  CHECK(number(r.out, "first_page_ms") > 0);
  CHECK(number(r.out, "first_page_ready_ms") > 0);
  CHECK(number(r.out, "first_page_running_ms") > 0);
  CHECK(number(r.out, "render_pages") == std::min(pages, 2));
  CHECK(number(r.out, "render_median_ms") > 0);
  CHECK(number(r.out, "render_turn_median_ms") > 0);
  // Laying the same article out again on the same engine finds every word in the shaping cache.
  CHECK(number(r.out, "shape_cache_hit_rate") == 1.0);
  CHECK(number(r.out, "shape_cache_bytes") > 0);
  CHECK(number(r.out, "glyph_cache_hit_rate") == 1.0);
  // The CLI links the allocation counter, except in sanitized builds whose runtime owns malloc: -1 is
  // "not counted".
  if (kUnderAddressSanitizer)
    CHECK(number(r.out, "allocations_per_paragraph") == -1);
  else
    CHECK(number(r.out, "allocations_per_paragraph") >= 0);
  // Counted over the re-layout alone: about 100 for a new layout, shared by the sample's paragraphs
  // (nothing else the bench does in between may be counted in).
  if (!kUnderAddressSanitizer) CHECK(number(r.out, "allocations_per_paragraph") < 10);
  CHECK(number(r.out, "peak_rss_bytes") > 1e6);
}

TEST_CASE("cli bench: table, scaling and bad options", "[cli][bench]") {
  const auto r = run("bench " + kSample + " --runs 1 --render-pages 0 --scaling 2");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("cold pagination") != std::string::npos);
  CHECK(r.out.find("scaling: 2 layouts") != std::string::npos);
  CHECK(run("bench " + kSample + " --runs x").exit_code == 2);
  CHECK(run("bench").exit_code == 2);
}
