#include <catch2/catch.hpp>

#include "support/utf8.h"

using namespace inkset;

TEST_CASE("utf8: valid text passes through unchanged", "[support][utf8]") {
  const std::string text = "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";
  CHECK(utf8::is_valid(text));
  CHECK(utf8::sanitize(text) == text);
}

TEST_CASE("utf8: one U+FFFD per maximal ill-formed subsequence", "[support][utf8]") {
  // Examples from the Unicode standard, section 3.9 (Table 3-8 and its discussion).
  CHECK(utf8::sanitize("a\x80" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(utf8::sanitize("\xE1\x80\x41") == "\xEF\xBF\xBD" "A");          // truncated 3-byte sequence: one
  CHECK(utf8::sanitize("\xF0\x80\x80\x41") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "A");  // overlong lead: three
  CHECK(utf8::sanitize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // encoded surrogate
  CHECK(utf8::sanitize("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(utf8::sanitize("\xF4\x90\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
  CHECK(utf8::sanitize("x\xF0\x9F\x98") == "x\xEF\xBF\xBD");             // truncated at the end
  CHECK_FALSE(utf8::is_valid("\xFF"));
}

TEST_CASE("utf8: decode advances over each code point", "[support][utf8]") {
  const std::string text = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  size_t pos = 0;
  CHECK(utf8::decode(text, pos) == U'A');
  CHECK(utf8::decode(text, pos) == U'\u00E9');
  CHECK(utf8::decode(text, pos) == U'\u20AC');
  CHECK(utf8::decode(text, pos) == U'\U0001F600');
  CHECK(pos == text.size());
}

TEST_CASE("utf8: append encodes and rejects surrogates", "[support][utf8]") {
  std::string out;
  utf8::append(out, U'\u00E9');
  utf8::append(out, 0xD800);
  utf8::append(out, U'\U0001F600');
  CHECK(out == "\xC3\xA9\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST_CASE("utf8: an ill-formed byte is found wherever it stands in long ASCII runs", "[support][utf8]") {
  for (size_t length : {0u, 1u, 7u, 8u, 9u, 16u, 31u}) {
    const std::string ascii(length, 'a');
    CHECK(utf8::is_valid(ascii));
    for (size_t at = 0; at <= length; ++at) {
      std::string bad = ascii;
      bad.insert(at, "\xFF");
      INFO("length " << length << ", bad byte at " << at);
      CHECK_FALSE(utf8::is_valid(bad));
      std::string good = ascii;
      good.insert(at, "\xC3\xA9");
      CHECK(utf8::is_valid(good));
      std::string cut = ascii;
      cut.insert(at, "\xC3");  // a lead byte whose continuation is missing or is ASCII
      CHECK_FALSE(utf8::is_valid(cut));
    }
  }
}
