#pragma once
// Reading positions: a stable place in the article, independent of page size, font size and theme.
// Written as "/i/j/k:offset": the path of sibling indices from the top level down to a block, and
// a byte offset into that block's text. "front:0" is the front matter (title, byline).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "doc/article.h"

namespace inkset::layout {

std::string encode_position(const doc::Article& article, uint32_t block, uint32_t offset);

struct Position {
  uint32_t block = doc::kNone;  // kNone: the front matter
  uint32_t offset = 0;
};
std::optional<Position> decode_position(const doc::Article& article, std::string_view text);

// Total order of positions in reading order (front matter first).
inline uint64_t position_key(uint32_t block, uint32_t offset) {
  return (static_cast<uint64_t>(block == doc::kNone ? 0 : block + 1) << 32) | offset;
}

}  // namespace inkset::layout
