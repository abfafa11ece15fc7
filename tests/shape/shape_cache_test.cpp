#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "shape_fixture.h"

using namespace inkset;
using inkset::test::fonts;
using inkset::test::style;

namespace {

// The sample's paragraphs: blocks separated by blank lines, lines joined with a space.
std::vector<std::string> emma_paragraphs() {
  std::ifstream in(INKSET_TEST_DATA "/shape/emma-sample.txt");
  REQUIRE(in.good());
  std::vector<std::string> paragraphs;
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += (current.empty() ? "" : " ") + line;
  }
  if (!current.empty()) paragraphs.push_back(current);
  return paragraphs;
}

shape::ShapedParagraph shape_with(shape::Shaper& shaper, const std::string& text, const shape::TextStyle& s) {
  const shape::StyleRange range{0, static_cast<uint32_t>(text.size()), 0};
  return shaper.shape(text, {&range, 1}, {&s, 1}, shape::BaseDirection::kAuto);
}

shape::ShapeKey key_for(const std::string& text) {
  return shape::ShapeKey::make(0, px_to_fixed(24), 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID, text);
}

shape::ShapedSegment segment_of(size_t glyphs) {
  shape::ShapedSegment s;
  s.glyph_id.assign(glyphs, 1);
  s.advance.assign(glyphs, 64);
  s.x_offset.assign(glyphs, 0);
  s.y_offset.assign(glyphs, 0);
  s.cluster.assign(glyphs, 0);
  s.flags.assign(glyphs, 0);
  return s;
}

}  // namespace

TEST_CASE("shape cache: hit rate on Emma exceeds 80%", "[shape][cache]") {
  const auto paragraphs = emma_paragraphs();
  REQUIRE(paragraphs.size() > 100);
  shape::ShapeCache cache;
  shape::Shaper shaper(fonts(), cache);
  const auto s = style("Charis SIL");
  for (const auto& p : paragraphs) shape_with(shaper, p, s);
  const auto stats = cache.stats();
  const double hit_rate = static_cast<double>(stats.hits) / static_cast<double>(stats.hits + stats.misses);
  const auto shaper_stats = shaper.stats();
  const double served = static_cast<double>(shaper_stats.segments_from_cache) /
                        static_cast<double>(shaper_stats.segments_from_cache + shaper_stats.segments_shaped);
  INFO("hits " << stats.hits << " misses " << stats.misses << " bytes " << stats.bytes << " entries "
               << stats.entries << " words served from cache " << served << " runs shaped whole "
               << shaper_stats.runs_shaped_whole);
  WARN("emma sample: cache hit rate " << hit_rate << ", words served from cache " << served << ", " << stats.entries
                                      << " entries in " << stats.bytes << " bytes");
  CHECK(hit_rate > 0.8);
  CHECK(served > 0.8);
  CHECK(stats.bytes <= cache.capacity());
}

TEST_CASE("shape cache: cached and uncached shaping agree on every paragraph", "[shape][cache]") {
  const auto paragraphs = emma_paragraphs();
  shape::ShapeCache cache;
  shape::Shaper cached(fonts(), cache);
  shape::ShapeCache unused(0);
  shape::Shaper direct(fonts(), unused);
  direct.set_cache_enabled(false);
  const auto s = style("Charis SIL");
  size_t mismatches = 0;
  for (const auto& text : paragraphs) {
    const auto a = shape_with(cached, text, s);
    const auto b = shape_with(direct, text, s);
    const bool same = a.glyph_id == b.glyph_id && a.advance == b.advance && a.x_offset == b.x_offset &&
                      a.y_offset == b.y_offset && a.cluster == b.cluster && a.flags == b.flags &&
                      a.runs.size() == b.runs.size();
    if (!same && mismatches++ < 3) FAIL_CHECK("differs: " << text.substr(0, 80));
  }
  CHECK(mismatches == 0);
  CHECK(direct.stats().segments_from_cache == 0);
  CHECK(cached.stats().segments_from_cache > 0);
}

TEST_CASE("shape cache: mixed-script text agrees with and without the cache", "[shape][cache]") {
  const std::string text =
      "Emma \u05E9\u05DC\u05D5\u05DD \u05E9\u05DC\u05D5\u05DD, \u0645\u0631\u062D\u0628\u0627 \u0645\u0631\u062D\u0628\u0627 "
      "\u0915\u094D\u0937 \u0915\u093F \u4E2D\u6587 office office AV AV To To";
  shape::ShapeCache cache;
  shape::Shaper cached(fonts(), cache);
  shape::ShapeCache unused(0);
  shape::Shaper direct(fonts(), unused);
  direct.set_cache_enabled(false);
  const auto s = style("Noto Sans");
  for (int pass = 0; pass < 2; ++pass) {
    const auto a = shape_with(cached, text, s);
    const auto b = shape_with(direct, text, s);
    CHECK(a.glyph_id == b.glyph_id);
    CHECK(a.advance == b.advance);
    CHECK(a.cluster == b.cluster);
    CHECK(a.x_offset == b.x_offset);
  }
}

TEST_CASE("shape cache: bounded in bytes with LRU eviction and counters", "[shape][cache]") {
  shape::ShapeCache cache(4096);
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back("word" + std::to_string(i));
  for (const auto& w : words) {
    CHECK(cache.find(key_for(w)) == nullptr);
    cache.insert(key_for(w), segment_of(w.size()));
    CHECK(cache.stats().bytes <= 4096);
  }
  const auto stats = cache.stats();
  CHECK(stats.misses == 200);
  CHECK(stats.evictions > 0);
  CHECK(stats.entries < 200);
  // The most recent word is still there; the first was evicted.
  std::string probe = words.back();  // a different buffer: keys compare by content
  const auto* hit = cache.find(key_for(probe));
  REQUIRE(hit != nullptr);
  CHECK(hit->size() == probe.size());
  CHECK(cache.find(key_for(words.front())) == nullptr);
  CHECK(cache.stats().hits == 1);
  // A recently used entry survives eviction of older ones.
  const std::string kept = words[words.size() - 2];
  REQUIRE(cache.find(key_for(kept)) != nullptr);
  for (int i = 0; i < 5; ++i) cache.insert(key_for("new" + std::to_string(i)), segment_of(5));
  cache.set_capacity(1024);
  CHECK(cache.stats().bytes <= 1024);
  cache.clear();
  CHECK(cache.stats().bytes == 0);
  CHECK(cache.stats().entries == 0);
}

TEST_CASE("shape cache: keys differ by every field", "[shape][cache]") {
  const std::string text = "word";
  const auto base = key_for(text);
  auto other = shape::ShapeKey::make(1, px_to_fixed(24), 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID, text);
  CHECK_FALSE(base == other);
  other = shape::ShapeKey::make(0, px_to_fixed(25), 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID, text);
  CHECK_FALSE(base == other);
  other = shape::ShapeKey::make(0, px_to_fixed(24), 7, HB_DIRECTION_LTR, HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID, text);
  CHECK_FALSE(base == other);
  other = shape::ShapeKey::make(0, px_to_fixed(24), 0, HB_DIRECTION_RTL, HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID, text);
  CHECK_FALSE(base == other);
  other = shape::ShapeKey::make(0, px_to_fixed(24), 0, HB_DIRECTION_LTR, HB_SCRIPT_GREEK, HB_LANGUAGE_INVALID, text);
  CHECK_FALSE(base == other);
  other = shape::ShapeKey::make(0, px_to_fixed(24), 0, HB_DIRECTION_LTR, HB_SCRIPT_LATIN,
                                hb_language_from_string("en", -1), text);
  CHECK_FALSE(base == other);
  const std::string copy = "word";
  CHECK(base == key_for(copy));
}

TEST_CASE("shape cache: long words bypass the cache", "[shape][cache]") {
  const std::string text = "short " + std::string(100, 'x') + " short ";
  shape::ShapeCache cache;
  shape::Shaper shaper(fonts(), cache);
  shape_with(shaper, text, style("Charis SIL"));
  CHECK(cache.stats().entries == 1);  // "short ": the 100-byte word is not kept
  CHECK(cache.stats().misses == 1);
  CHECK(cache.stats().hits == 1);
}

TEST_CASE("shape cache: packed entries give back exactly what was stored", "[shape][cache]") {
  shape::ShapeCache cache;
  shape::ShapedSegment plain = segment_of(3);
  plain.glyph_id = {7, 65535, 0};
  plain.advance = {640, -3, 0};
  plain.cluster = {0, 1, 63};
  plain.flags = {1, 0, 2};
  shape::ShapedSegment marked = plain;
  marked.x_offset = {0, -128, 5};
  marked.y_offset = {300, 0, -1};
  const std::string a = "plain", b = "marked";
  cache.insert(key_for(a), plain);
  cache.insert(key_for(b), marked);
  for (const auto& [text, want] : {std::pair{a, plain}, std::pair{b, marked}}) {
    const auto* hit = cache.find(key_for(text));
    REQUIRE(hit != nullptr);
    REQUIRE(hit->size() == 3);
    CHECK(hit->text() == text);
    for (size_t g = 0; g < 3; ++g) {
      CHECK(hit->glyph_id()[g] == want.glyph_id[g]);
      CHECK(hit->advance()[g] == want.advance[g]);
      CHECK(hit->cluster()[g] == want.cluster[g]);
      CHECK(hit->flags()[g] == want.flags[g]);
      CHECK((hit->has_offsets() ? hit->x_offset()[g] : 0) == want.x_offset[g]);
      CHECK((hit->has_offsets() ? hit->y_offset()[g] : 0) == want.y_offset[g]);
    }
  }
  CHECK_FALSE(cache.find(key_for(a))->has_offsets());
  CHECK(cache.find(key_for(b))->has_offsets());
  // Glyph ids beyond 16 bits cannot be packed: such a segment is shaped every time instead.
  shape::ShapedSegment wide = segment_of(1);
  wide.glyph_id[0] = 70000;
  cache.insert(key_for("wide"), wide);
  CHECK(cache.find(key_for("wide")) == nullptr);
}

TEST_CASE("shape cache: many entries survive growth and eviction", "[shape][cache]") {
  shape::ShapeCache cache(64 * 1024);
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back("w" + std::to_string(i * 7919));
  for (const auto& w : words) {
    cache.insert(key_for(w), segment_of(w.size()));
    REQUIRE(cache.stats().bytes <= cache.capacity());
  }
  // The most recent entries are all found with their own lengths; the oldest are gone.
  size_t found = 0;
  for (size_t i = words.size(); i-- > words.size() - 100;) {
    const auto* hit = cache.find(key_for(words[i]));
    if (hit && hit->size() == words[i].size() && hit->text() == words[i]) ++found;
  }
  CHECK(found == 100);
  CHECK(cache.find(key_for(words.front())) == nullptr);
  CHECK(cache.stats().entries + cache.stats().evictions == words.size());
  // An eight-letter word costs a third of what a map of vectors did (over 550 bytes).
  CHECK(cache.stats().bytes / cache.stats().entries < 200);
}
