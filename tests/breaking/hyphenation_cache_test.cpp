#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "breaking/hyphenator.h"

using namespace inkset::breaking;

TEST_CASE("hyphenation cache: repeated words give the patterns' answer and count as hits", "[breaking][hyphen]") {
  HyphenatorSet cached_set;
  HyphenatorSet fresh_set;
  const Hyphenator* cached = cached_set.for_language("en");
  REQUIRE(cached);
  // Many distinct words, so that slots collide and are replaced; each asked three times in a shuffled
  // order from one hyphenator and once (always a miss) from another.
  std::mt19937 rng(7);
  const char* parts[] = {"hyph", "en", "ation", "con", "sid", "er", "able", "ness", "wood", "house", "in",
                         "ter", "est", "ing", "ly", "pro", "pri", "ety", "é", "ver"};
  std::set<std::string> distinct;
  while (distinct.size() < 20000) {
    std::string w;
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < n; ++k) w += parts[rng() % std::size(parts)];
    distinct.insert(w);
  }
  distinct.insert(std::string(40, 'a') + "tion");  // longer than the cache takes
  const std::vector<std::string> words(distinct.begin(), distinct.end());
  // The reference: each word asked once, so never answered from the cache.
  const Hyphenator* fresh = fresh_set.for_language("en");
  std::vector<std::vector<uint32_t>> reference(words.size());
  for (size_t i = 0; i < words.size(); ++i) fresh->hyphenate(words[i], {}, reference[i]);
  CHECK(fresh->cache_stats().hits == 0);
  std::vector<size_t> order;
  for (int rep = 0; rep < 3; ++rep)
    for (size_t i = 0; i < words.size(); ++i) order.push_back(i);
  std::shuffle(order.begin(), order.end(), rng);
  const HyphenationLimits limits;
  std::vector<uint32_t> a, b;
  for (const size_t i : order) {
    a.assign({99});  // appended after what the caller had
    cached->hyphenate(words[i], limits, a);
    b.assign({99});
    b.insert(b.end(), reference[i].begin(), reference[i].end());
    INFO(words[i]);
    REQUIRE(a == b);
  }
  // Words longer than the cache's limit go straight to the patterns, and words of fewer bytes than
  // left_min + right_min cannot break: neither is counted.
  size_t uncounted = 0;
  for (const auto& w : words) uncounted += w.size() > 24 || w.size() < limits.left_min + limits.right_min ? 3 : 0;
  CHECK(uncounted > 0);
  auto stats = cached->cache_stats();
  CHECK(stats.hits + stats.misses == order.size() - uncounted);

  // A working set that fits: the second round is answered from the cache (but for the odd slot
  // two of the words share).
  HyphenatorSet small_set;
  const Hyphenator* small = small_set.for_language("en");
  std::vector<std::string> short_words;
  for (size_t i = 0; short_words.size() < 100; i += 7)
    if (words[i].size() <= 24) short_words.push_back(words[i]);
  for (int round = 0; round < 2; ++round)
    for (const auto& w : short_words) {
      a.clear();
      small->hyphenate(w, limits, a);
    }
  stats = small->cache_stats();
  CHECK(stats.hits + stats.misses == 200);
  CHECK(stats.hits >= 90);

  // Other limits are another key.
  a.clear();
  cached->hyphenate("consideration", {2, 3}, a);
  b.clear();
  cached->hyphenate("consideration", {5, 5}, b);
  CHECK(a.size() > b.size());
}

TEST_CASE("hyphenation cache: short words skip the cache, soft hyphens still count", "[breaking][hyphen]") {
  HyphenatorSet set;
  const Hyphenator* h = set.for_language("en");
  REQUIRE(h);
  std::vector<uint32_t> out;
  for (const char* w : {"the", "and", "of", "", "ahoy"}) h->hyphenate(w, {}, out);
  CHECK(out.empty());
  CHECK(h->cache_stats().hits + h->cache_stats().misses == 0);
  // "a\u00ADb": four bytes, fewer than left_min + right_min, but the author's soft hyphen decides.
  h->hyphenate("a\xC2\xAD" "b", {}, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == 3);
}
