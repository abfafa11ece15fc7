#include "support/json_writer.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace inkset {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_has_items.empty()) {
    if (m_has_items.back()) m_out.push_back(',');
    m_has_items.back() = true;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  m_out.push_back('{');
  m_has_items.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  m_out.push_back('}');
  m_has_items.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  m_out.push_back('[');
  m_has_items.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  m_out.push_back(']');
  m_has_items.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(m_out, k);
  m_out.push_back(':');
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(m_out, s);
  return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
  separate();
  m_out += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(uint64_t v) {
  separate();
  m_out += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(double v, int decimals) {
  separate();
  if (!std::isfinite(v)) v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  m_out += buf;
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  separate();
  m_out += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::newline() {
  m_out.push_back('\n');
  return *this;
}

}  // namespace inkset
