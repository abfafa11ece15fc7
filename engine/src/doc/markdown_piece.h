#pragma once
// One piece of an article's body, cut where cmark has nothing open (ChunkSplitter) and run through
// cmark, before ArticleParser turns it into blocks. Making a piece reads only the body text and the
// splitter's state.
#include <cstddef>
#include <memory>
#include <string_view>

#include "doc/chunk_splitter.h"
#include "support/result.h"

struct cmark_node;

namespace inkset::doc {

struct CmarkTreeFree {
  void operator()(cmark_node* root) const;
};
using CmarkTree = std::unique_ptr<cmark_node, CmarkTreeFree>;

struct MarkdownPiece {
  size_t begin = 0, end = 0;  // bytes of the body
  size_t first_line = 1;      // the body line it starts at
  ChunkSplitter next{std::string_view()};  // the splitter as the next piece starts
  CmarkTree root;
};

// Registers cmark-gfm's extensions, once per process; before any piece is made.
void ensure_extensions_registered();

// The piece of `body` that starts at `begin`, where `splitter` stands (as every piece before it
// left it). A piece is at least `piece_bytes` long, or as long as all before it from
// ArticleParser::kFirstPieceBytes up; a rest shorter than twice that goes with it. Errors:
// kInternal when cmark-gfm lacks an extension or fails.
Result<MarkdownPiece> cut_piece(std::string_view body, const ChunkSplitter& splitter, size_t begin,
                                size_t piece_bytes);

}  // namespace inkset::doc
