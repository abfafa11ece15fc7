#include "support/utf8.h"

#include <cstring>

namespace inkset::utf8 {
namespace {

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The valid range of the second byte depends on the lead byte (Table 3-7 of the Unicode standard);
// checking it here is what makes the replacement count follow the "maximal subpart" rule.
bool second_byte_ok(unsigned char lead, unsigned char b) {
  switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default: return is_continuation(b);
  }
}

}  // namespace

char32_t decode(std::string_view text, size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const size_t len = sequence_length(lead);
  if (len == 1) {
    ++pos;
    return lead < 0x80 ? lead : kReplacement;
  }
  char32_t cp = lead & (0xFF >> (len + 1));
  size_t i = 1;
  for (; i < len; ++i) {
    if (pos + i >= text.size()) break;
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if (i == 1 ? !second_byte_ok(lead, b) : !is_continuation(b)) break;
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += i;
  return i == len ? cp : kReplacement;
}

void append(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = decode(text, pos);
    if (cp == kReplacement && !(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD"))
      append(out, kReplacement);
    else
      out.append(text.substr(start, pos - start));
  }
  return out;
}

bool is_valid(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    // Runs of ASCII, most of any article, are checked eight bytes at a time.
    uint64_t word = 0;
    while (pos + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + pos, sizeof word);
      if (word & 0x8080808080808080ull) break;
      pos += sizeof word;
    }
    if (pos == text.size()) break;
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t start = pos;
    if (decode(text, pos) == kReplacement && text.substr(start, pos - start) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

}  // namespace inkset::utf8
