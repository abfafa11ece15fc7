// Every CommonMark spec example goes through the parser: no crash, and no text lost.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "doc/article_text.h"
#include "doc/markdown_parser.h"
#include "support/utf8.h"

using namespace inkset;
using namespace inkset::doc;

namespace {

struct Example {
  int number = 0;
  std::string markdown;
  std::string html;
};

// A reader for spec.json only: an array of flat objects whose values are strings or integers.
class SpecReader {
 public:
  explicit SpecReader(std::string text) : m_text(std::move(text)) {}

  std::vector<Example> examples() {
    std::vector<Example> out;
    expect('[');
    while (peek() != ']') {
      out.push_back(object());
      if (peek() == ',') ++m_pos;
    }
    return out;
  }

 private:
  char peek() {
    while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) ++m_pos;
    REQUIRE(m_pos < m_text.size());
    return m_text[m_pos];
  }
  void expect(char c) {
    REQUIRE(peek() == c);
    ++m_pos;
  }
  Example object() {
    Example e;
    expect('{');
    while (peek() != '}') {
      const std::string key = string();
      expect(':');
      if (peek() == '"') {
        const std::string value = string();
        if (key == "markdown") e.markdown = value;
        if (key == "html") e.html = value;
      } else {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos]))) ++m_pos;
        if (key == "example") e.number = std::stoi(m_text.substr(start, m_pos - start));
      }
      if (peek() == ',') ++m_pos;
    }
    ++m_pos;
    return e;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (m_pos < m_text.size() && m_text[m_pos] != '"') {
      char c = m_text[m_pos++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      c = m_text[m_pos++];
      switch (c) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'u': {
          char32_t cp = static_cast<char32_t>(std::stoul(m_text.substr(m_pos, 4), nullptr, 16));
          m_pos += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && m_text.compare(m_pos, 2, "\\u") == 0) {
            const auto low = static_cast<char32_t>(std::stoul(m_text.substr(m_pos + 2, 4), nullptr, 16));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            m_pos += 6;
          }
          utf8::append(out, cp);
          break;
        }
        default: out.push_back(c); break;
      }
    }
    ++m_pos;
    return out;
  }

  std::string m_text;
  size_t m_pos = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text of expected HTML: tags removed, the entities the spec's output uses decoded, whitespace dropped.
std::string html_text(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      const size_t close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
      continue;
    }
    if (c == '&') {
      const size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view name = html.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        if (name == "amp") cp = '&';
        else if (name == "lt") cp = '<';
        else if (name == "gt") cp = '>';
        else if (name == "quot") cp = '"';
        else if (name.size() > 1 && name[0] == '#')
          cp = static_cast<char32_t>(name[1] == 'x' || name[1] == 'X' ? std::stoul(std::string(name.substr(2)), nullptr, 16)
                                                                     : std::stoul(std::string(name.substr(1))));
        if (cp != 0) {
          if (!std::isspace(static_cast<int>(cp < 128 ? cp : 0))) utf8::append(out, cp);
          i = semi + 1;
          continue;
        }
      }
    }
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
    ++i;
  }
  return out;
}

std::string without_space(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// True if every byte of `needle` appears in `haystack` in order.
bool is_subsequence(std::string_view needle, std::string_view haystack) {
  size_t h = 0;
  for (char c : needle) {
    while (h < haystack.size() && haystack[h] != c) ++h;
    if (h == haystack.size()) return false;
    ++h;
  }
  return true;
}

std::set<int> known_differences() {
  std::set<int> out;
  std::istringstream in(read_file(std::string(INKSET_TEST_DATA) + "/commonmark/known-differences.txt"));
  for (std::string line; std::getline(in, line);) {
    const size_t hash = line.find('#');
    const std::string number = line.substr(0, hash);
    if (number.find_first_of("0123456789") != std::string::npos) out.insert(std::stoi(number));
  }
  return out;
}

}  // namespace

TEST_CASE("commonmark: every spec example parses without losing text", "[doc][commonmark]") {
  const auto examples = SpecReader(read_file(std::string(INKSET_TEST_DATA) + "/commonmark/spec.json")).examples();
  REQUIRE(examples.size() == 652);
  const std::set<int> known = known_differences();
  size_t passed = 0;
  std::vector<int> failed;
  for (const Example& e : examples) {
    auto article = parse_article(e.markdown);
    bool ok = false;
    if (article.ok()) {
      ok = is_subsequence(html_text(e.html), without_space(article_text(*article)));
    }
    if (ok) ++passed;
    else failed.push_back(e.number);
    // A listed example that now passes means the list is stale.
    if (ok) CHECK_FALSE(known.count(e.number));
  }
  std::string list;
  for (int n : failed) list += " " + std::to_string(n);
  std::printf("CommonMark examples passed: %zu of %zu; failed:%s\n", passed, examples.size(), list.c_str());
  for (int n : failed) CHECK(known.count(n) == 1);
  CHECK(passed >= examples.size() - known.size());
}
