#include "layout/position.h"

#include <charconv>
#include <vector>

namespace inkset::layout {

std::string encode_position(const doc::Article& article, uint32_t block, uint32_t offset) {
  if (block == doc::kNone || block >= article.blocks.size()) return "front:" + std::to_string(offset);
  std::vector<uint32_t> path;
  for (uint32_t b = block; b != doc::kNone; b = article.blocks[b].parent) {
    const uint32_t parent = article.blocks[b].parent;
    uint32_t index = 0;
    for (uint32_t s = parent == doc::kNone ? 0 : article.blocks[parent].first_child; s != b && s != doc::kNone;
         s = article.blocks[s].next_sibling)
      ++index;
    path.push_back(index);
  }
  std::string out;
  for (auto it = path.rbegin(); it != path.rend(); ++it) out += "/" + std::to_string(*it);
  return out + ":" + std::to_string(offset);
}

std::optional<Position> decode_position(const doc::Article& article, std::string_view text) {
  auto parse_number = [](std::string_view s, uint32_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  Position pos;
  if (!parse_number(text.substr(colon + 1), pos.offset)) return std::nullopt;
  std::string_view path = text.substr(0, colon);
  if (path == "front") return pos;
  uint32_t current = article.blocks.empty() ? doc::kNone : 0;  // first top-level block
  bool first = true;
  while (!path.empty()) {
    if (path[0] != '/') return std::nullopt;
    path.remove_prefix(1);
    const size_t end = std::min(path.find('/'), path.size());
    uint32_t index = 0;
    if (!parse_number(path.substr(0, end), index)) return std::nullopt;
    path.remove_prefix(end);
    if (!first) current = current == doc::kNone ? doc::kNone : article.blocks[current].first_child;
    first = false;
    for (uint32_t i = 0; i < index && current != doc::kNone; ++i) current = article.blocks[current].next_sibling;
    if (current == doc::kNone) return std::nullopt;
  }
  if (first || current == doc::kNone) return std::nullopt;
  pos.block = current;
  return pos;
}

}  // namespace inkset::layout
