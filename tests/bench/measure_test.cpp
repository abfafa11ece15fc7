#include <catch2/catch.hpp>

#include "../support/sanitizers.h"

#include <vector>

#include "../../tools/bench/measure.h"

using namespace inkset::bench;

TEST_CASE("bench measure: median and nearest-rank percentile", "[bench]") {
  CHECK(median({}) == 0);
  CHECK(median({3}) == 3);
  CHECK(median({5, 1, 3}) == 3);
  CHECK(median({4, 1, 3, 2}) == 2.5);
  std::vector<double> hundred;
  for (int i = 100; i >= 1; --i) hundred.push_back(i);
  CHECK(percentile(hundred, 95) == 95);
  CHECK(percentile(hundred, 100) == 100);
  CHECK(percentile(hundred, 0) == 1);
  CHECK(hundred.front() == 100);  // the caller's order is kept
}

TEST_CASE("bench measure: peak RSS grows with touched memory and can be reset", "[bench]") {
  if (kUnderAddressSanitizer) {
    WARN("resident memory is not measurable under AddressSanitizer; this test asserts in normal builds");
    return;
  }
  const uint64_t before = peak_rss_bytes();
  CHECK(before > 0);
  {
    std::vector<char> big(64u << 20, 1);
    CHECK(peak_rss_bytes() >= before + (32u << 20));
  }
  if (reset_peak_rss()) CHECK(peak_rss_bytes() < before + (32u << 20));
}
