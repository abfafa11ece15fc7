#include <catch2/catch.hpp>

#include <map>

#include "paginate/paginator.h"

using namespace inkset;
using namespace inkset::paginate;

namespace {

constexpr Fixed kLine = 10 * kFixedOne;

FlowBlock lines(int n) {
  FlowBlock b;
  b.line_heights.assign(n, kLine);
  return b;
}

FlowBlock whole(FlowKind kind, int height_lines) {
  FlowBlock b;
  b.kind = kind;
  b.line_heights = {height_lines * kLine};
  return b;
}

struct TestSource : FlowSource {
  std::vector<FlowBlock> blocks;
  std::map<std::pair<uint32_t, int>, FlowBlock> variants;
  const FlowBlock* block(uint32_t i) override { return i < blocks.size() ? &blocks[i] : nullptr; }
  const FlowBlock* variant(uint32_t i, int l) override {
    auto it = variants.find({i, l});
    return it == variants.end() ? nullptr : &it->second;
  }
};

// Lines of block b per page, in page order.
std::vector<std::vector<uint32_t>> lines_per_page(const Paginator& p, uint32_t b) {
  std::vector<std::vector<uint32_t>> out;
  for (const auto& page : p.pages()) {
    out.emplace_back();
    for (const auto& pl : page.placements)
      if (pl.block == b) out.back().push_back(pl.line_count);
  }
  return out;
}

void run_all(Paginator& p) {
  for (uint32_t i = 0; p.ensure_page(i); ++i) {}
}

}  // namespace

TEST_CASE("paginate: lines fill a column and continue on the next page", "[paginate]") {
  TestSource src;
  src.blocks = {lines(25)};
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  REQUIRE(p.pages().size() == 3);
  CHECK(lines_per_page(p, 0) == std::vector<std::vector<uint32_t>>{{10}, {10}, {5}});
}

TEST_CASE("paginate: a single line never stays at the bottom (orphan)", "[paginate]") {
  TestSource src;
  src.blocks = {lines(9), lines(5)};
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  CHECK(lines_per_page(p, 1) == std::vector<std::vector<uint32_t>>{{}, {5}});
  CHECK(p.stats().orphans_moved == 1);
}

TEST_CASE("paginate: a widow takes a line with it when no variant helps", "[paginate]") {
  TestSource src;
  src.blocks = {lines(5), lines(6)};  // 5 + 5 fit, 1 would be a widow
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  CHECK(lines_per_page(p, 1) == std::vector<std::vector<uint32_t>>{{4}, {2}});
  CHECK(p.stats().widows_fixed_by_moving_lines == 1);
}

TEST_CASE("paginate: looseness -1 removes a widow without moving lines", "[paginate]") {
  TestSource src;
  src.blocks = {lines(5), lines(6)};
  src.variants[{1, -1}] = lines(5);
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  CHECK(p.pages().size() == 1);
  CHECK(p.stats().widows_fixed_by_looseness == 1);
  CHECK(p.looseness_of(1) == -1);
}

TEST_CASE("paginate: looseness +1 is tried when -1 is not feasible", "[paginate]") {
  TestSource src;
  src.blocks = {lines(5), lines(6)};
  src.variants[{1, 1}] = lines(7);
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  CHECK(lines_per_page(p, 1) == std::vector<std::vector<uint32_t>>{{5}, {2}});
  CHECK(p.looseness_of(1) == 1);
}

TEST_CASE("paginate: a heading is never the last thing in a column", "[paginate]") {
  TestSource src;
  src.blocks = {lines(8), whole(FlowKind::kUnbreakable, 1), lines(4)};
  src.blocks[1].keep_with_next = true;
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  REQUIRE(p.pages().size() == 2);
  CHECK(p.pages()[0].placements.size() == 1);
  CHECK(p.pages()[1].placements.front().block == 1);
}

TEST_CASE("paginate: a figure that does not fit floats and text flows up", "[paginate]") {
  TestSource src;
  src.blocks = {lines(6), whole(FlowKind::kFloat, 6), lines(3)};
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  REQUIRE(p.pages().size() == 2);
  const auto& first = p.pages()[0].placements;
  REQUIRE(first.size() == 2);
  CHECK(first[1].block == 2);  // the text after the figure filled the gap
  CHECK(p.pages()[1].placements.front().block == 1);
  CHECK(p.stats().floats_deferred == 1);
}

TEST_CASE("paginate: space collapses between blocks and vanishes at a column top", "[paginate]") {
  TestSource src;
  src.blocks = {lines(2), lines(2)};
  src.blocks[0].space_after = 5 * kFixedOne;
  src.blocks[1].space_before = 8 * kFixedOne;
  src.blocks[0].space_before = 8 * kFixedOne;
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  const auto& pl = p.pages()[0].placements;
  CHECK(pl[0].y == 0);
  CHECK(pl[1].y == 2 * kLine + 8 * kFixedOne);
}

TEST_CASE("paginate: two columns fill left to right before a new page", "[paginate]") {
  TestSource src;
  src.blocks = {lines(30)};
  Paginator p(src, 10 * kLine, 2);
  run_all(p);
  REQUIRE(p.pages().size() == 2);
  CHECK(p.pages()[0].placements[0].column == 0);
  CHECK(p.pages()[0].placements[1].column == 1);
}

TEST_CASE("paginate: table header row repeats on a new column", "[paginate]") {
  TestSource src;
  src.blocks.push_back(whole(FlowKind::kUnbreakable, 1));
  src.blocks[0].keep_with_next = true;
  for (int i = 0; i < 15; ++i) {
    src.blocks.push_back(whole(FlowKind::kUnbreakable, 1));
    src.blocks.back().repeat_header = 0;
  }
  Paginator p(src, 10 * kLine, 1);
  run_all(p);
  REQUIRE(p.pages().size() == 2);
  CHECK(p.pages()[1].placements.front().block == 0);
  CHECK(p.pages()[1].placements.front().repeated_header);
}

TEST_CASE("paginate: pages are produced incrementally", "[paginate]") {
  struct CountingSource : TestSource {
    uint32_t max_requested = 0;
    const FlowBlock* block(uint32_t i) override {
      max_requested = std::max(max_requested, i);
      return TestSource::block(i);
    }
  } src;
  for (int i = 0; i < 1000; ++i) src.blocks.push_back(lines(5));
  Paginator p(src, 10 * kLine, 1);
  REQUIRE(p.ensure_page(0));
  CHECK(src.max_requested < 10);
  CHECK_FALSE(p.finished());
}
