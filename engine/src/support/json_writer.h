#pragma once
// A small streaming JSON writer: objects and arrays are opened and closed explicitly, commas are
// inserted automatically, strings are escaped per RFC 8259. Numbers are written with a fixed number
// of decimals so that dumps are byte-identical across platforms.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inkset {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint32_t v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint64_t v);
  JsonWriter& value(double v, int decimals = 2);
  JsonWriter& value(bool v);
  // Starts a new line in the output (between items, for reviewable dumps).
  JsonWriter& newline();

  const std::string& str() const { return m_out; }
  std::string take() { return std::move(m_out); }

 private:
  void separate();
  std::string m_out;
  std::vector<bool> m_has_items;  // per open container
  bool m_after_key = false;
};

void append_json_string(std::string& out, std::string_view s);

}  // namespace inkset
