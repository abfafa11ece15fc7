#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace inkset::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at text[pos] and advances pos. Ill-formed input yields U+FFFD, one per
// maximal ill-formed subsequence (Unicode 15, section 3.9, "U+FFFD substitution of maximal subparts").
char32_t decode(std::string_view text, size_t& pos);

// Appends the UTF-8 encoding of cp (surrogates and values past U+10FFFF become U+FFFD).
void append(std::string& out, char32_t cp);

// A copy of text in which every ill-formed subsequence is replaced by U+FFFD.
std::string sanitize(std::string_view text);

bool is_valid(std::string_view text);

// Length in bytes of the code point that starts with lead byte b (1 for continuation or invalid bytes).
inline size_t sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  if (b >= 0xE0) return b <= 0xEF ? 3 : 1;
  if (b >= 0xC2) return 2;
  return 1;
}

}  // namespace inkset::utf8
