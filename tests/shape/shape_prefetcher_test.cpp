// Words shaped ahead on the second thread must give exactly the shaping the Shaper makes itself, and
// the thread must stop cleanly whatever state its hand-off is in.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "shape/shape_prefetcher.h"
#include "shape/shaper.h"
#include "shape_fixture.h"

using namespace inkset;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Waits for the prefetch to finish, moving its words into the cache as the layout would.
size_t drain_all(shape::ShapePrefetcher& p, shape::ShapeCache& cache) {
  size_t words = 0;
  for (;;) {
    const bool done = p.done();  // read before draining: the last words are then in the hand-off
    words += p.drain_into(cache);
    if (done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return words;
}

// "w0 w1 w2 ...": `count` words, each new to the prefetcher.
std::string distinct_words(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += "w" + std::to_string(i) + " ";
  return text;
}

shape::PrefetchStyle body_style() {
  shape::PrefetchStyle style;
  style.face = test::fonts().match("Charis SIL", 400, false).face;
  style.size = px_to_fixed(24);
  style.script = HB_SCRIPT_LATIN;
  style.hb_face = test::fonts().hb_face(style.face);
  return style;
}

void check_same(const shape::ShapedParagraph& a, const shape::ShapedParagraph& b) {
  REQUIRE(a.glyph_count() == b.glyph_count());
  CHECK(a.glyph_id == b.glyph_id);
  CHECK(a.advance == b.advance);
  CHECK(a.x_offset == b.x_offset);
  CHECK(a.y_offset == b.y_offset);
  CHECK(a.cluster == b.cluster);
  CHECK(a.flags == b.flags);
}

}  // namespace

TEST_CASE("prefetch: words shaped ahead shape paragraphs exactly as the shaper does", "[shape][prefetch]") {
  const std::string source = read(INKSET_SOURCE_DIR "/content/sample/article.md");
  const auto style = test::style("Charis SIL", px_to_fixed(24), "en");
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  shaper.prefetch(source, style);
  REQUIRE(shaper.prefetcher() != nullptr);
  const size_t words = drain_all(*shaper.prefetcher(), cache);
  CHECK(words > 500);
  // Paragraphs as the layout gives them: soft line breaks are spaces.
  size_t from_cache = 0;
  for (size_t begin = 0; begin < source.size();) {
    size_t end = source.find("\n\n", begin);
    if (end == std::string::npos) end = source.size();
    std::string paragraph = source.substr(begin, end - begin);
    for (char& c : paragraph)
      if (c == '\n') c = ' ';
    begin = end + 2;
    if (paragraph.empty() || paragraph.find_first_of("#*_[`|>") != std::string::npos) continue;
    const shape::StyleRange range{0, static_cast<uint32_t>(paragraph.size()), 0};
    const auto before = shaper.stats().segments_from_cache;
    const auto cached = shaper.shape(paragraph, {&range, 1}, {&style, 1}, shape::BaseDirection::kAuto);
    from_cache += shaper.stats().segments_from_cache - before;
    INFO(paragraph);
    check_same(cached, test::shape_one(paragraph, style));
  }
  // The words came from the prefetch: this shaper had shaped nothing before.
  CHECK(from_cache > 500);
}

TEST_CASE("prefetch: the same text and style go on, another style starts again, stop ends it",
          "[shape][prefetch]") {
  const std::string text = "one two three four five six seven eight nine ten";
  const std::string other = text;
  shape::ShapeCache cache;
  shape::Shaper shaper(test::fonts(), cache);
  const auto style = test::style("Charis SIL", px_to_fixed(24), "en");
  CHECK(shaper.prefetcher() == nullptr);  // no thread before the first prefetch
  shaper.prefetch(text, style);
  shape::ShapePrefetcher* p = shaper.prefetcher();
  REQUIRE(p);
  CHECK(p->text().data() == text.data());
  drain_all(*p, cache);
  const auto words = cache.stats().entries;
  CHECK(words == 10);
  shaper.prefetch(text, style);  // the same: nothing shaped again
  CHECK(p->done());
  CHECK_FALSE(p->ready());
  shaper.prefetch(text, test::style("Charis SIL", px_to_fixed(30), "en"));
  CHECK(shaper.prefetcher() == p);  // one thread for every text
  CHECK(p->style().size == px_to_fixed(30));
  drain_all(*p, cache);
  CHECK(cache.stats().entries == 2 * words);
  shaper.stop_prefetch(other.data());  // another text: nothing stops
  CHECK(p->text().data() == text.data());
  shaper.stop_prefetch(text.data());
  CHECK(p->text().empty());
  // The words' script comes from the language when it has one script, else from the first letter:
  // a text without letters in a style without a language has nothing to shape ahead.
  const std::string digits = "12 34 -- ..";
  shaper.prefetch(digits, test::style("Charis SIL", px_to_fixed(24), ""));
  CHECK(p->text().empty());
  shaper.prefetch(digits, test::style("Charis SIL", px_to_fixed(24), "ar"));
  CHECK(p->text().data() == digits.data());
  CHECK(p->style().script == HB_SCRIPT_ARABIC);
  CHECK(p->style().direction == HB_DIRECTION_RTL);
  shaper.prefetch(text, test::style("Charis SIL", px_to_fixed(24), ""));
  CHECK(p->style().script == HB_SCRIPT_LATIN);
  // Without the cache there is nothing to hand words to: the prefetch stops.
  shaper.set_cache_enabled(false);
  shaper.prefetch(text, style);
  CHECK(p->text().empty());
}

TEST_CASE("prefetch: a prefetcher whose hand-off is full and never taken stops when destroyed",
          "[shape][prefetch]") {
  const std::string text = distinct_words(3 * shape::ShapePrefetcher::kMaxWaiting);
  const shape::PrefetchStyle style = body_style();
  auto p = std::make_unique<shape::ShapePrefetcher>();
  // It fills its hand-off and waits; neither stopping nor destroying it may wait for a drain that
  // never comes.
  auto fill = [&] {
    p->start(text, style);
    while (!p->ready()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(p->done());
  };
  fill();
  p->stop();
  CHECK(p->done());
  CHECK_FALSE(p->ready());  // the abandoned text's words are dropped
  fill();
  p.reset();
  SUCCEED("stopped");
}

TEST_CASE("prefetch: a paused prefetcher shapes nothing more until resumed, and stops when destroyed",
          "[shape][prefetch]") {
  const std::string text = distinct_words(2 * shape::ShapePrefetcher::kMaxWaiting);
  const shape::PrefetchStyle style = body_style();
  shape::ShapeCache cache;
  auto p = std::make_unique<shape::ShapePrefetcher>();
  p->start(text, style);
  while (!p->ready()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  size_t words = 0;
  {
    const shape::PrefetchPause quiet(p.get());
    // Taken from the hand-off, the words leave it room; paused, the worker adds at most the word it
    // held when the pause came.
    words += p->drain_into(cache);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    const size_t while_paused = p->drain_into(cache);
    CHECK(while_paused <= 1);
    words += while_paused;
    CHECK_FALSE(p->done());
  }
  words += drain_all(*p, cache);
  CHECK(words == 2 * shape::ShapePrefetcher::kMaxWaiting);
  // Destroyed while paused, with words waiting: it stops all the same.
  const std::string longer = text + "x ";
  p->start(longer, style);
  while (!p->ready()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  p->pause();
  p.reset();
  SUCCEED("stopped");
}
