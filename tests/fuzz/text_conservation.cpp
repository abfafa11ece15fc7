#include "text_conservation.h"

#include <algorithm>
#include <map>
#include <vector>

namespace inkset::fuzz {

std::string normalized_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') continue;
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xAD) {
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string check_text_conservation(layout::DocumentLayout& layout, const doc::Article& article) {
  // (block, offset of the line in the block's text) -> the line's text. A table header repeated on a
  // later page, or the same line reached through a looseness variant, lands on the same key.
  std::map<std::pair<uint32_t, uint32_t>, std::string> lines;
  const int pages = layout.page_count();
  for (int p = 0; p < pages; ++p) {
    const layout::AssembledPage page = layout.assemble(p);
    for (const auto& it : page.items) {
      if (it.kind != layout::ItemKind::kLine || !it.paragraph) continue;
      const layout::Paragraph& para = *it.paragraph;
      if (para.origin != layout::Origin::kBody || para.block_id >= article.blocks.size()) continue;
      const doc::Block& block = article.blocks[para.block_id];
      if (!doc::Article::has_inline_text(block.kind) || para.text != block.text) continue;
      const auto& line = para.lines[it.line];
      const std::string text(layout::line_text(para, it.line));
      auto [slot, inserted] = lines.try_emplace({para.block_id, para.text_offset + line.text_begin}, text);
      if (!inserted && slot->second != text)
        return "block " + std::to_string(para.block_id) + ": two different lines start at offset " +
               std::to_string(slot->first.second);
    }
  }
  std::vector<std::string> laid_out(article.blocks.size());
  for (const auto& [key, text] : lines) laid_out[key.first] += text;
  for (uint32_t b = 0; b < article.blocks.size(); ++b) {
    const doc::Block& block = article.blocks[b];
    if (!doc::Article::has_inline_text(block.kind)) continue;
    const std::string want = normalized_text(block.text);
    const std::string got = normalized_text(laid_out[b]);
    if (want != got)
      return "block " + std::to_string(b) + " (" + doc::block_kind_name(block.kind) + "): the article has " +
             std::to_string(want.size()) + " bytes of text, the layout " + std::to_string(got.size());
  }
  return {};
}

}  // namespace inkset::fuzz
