#include "doc/markdown_piece.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <mutex>
#include <string>

#include "doc/markdown_parser.h"

namespace inkset::doc {
namespace {

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

}  // namespace

void CmarkTreeFree::operator()(cmark_node* root) const { cmark_node_free(root); }

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

Result<MarkdownPiece> cut_piece(std::string_view body, const ChunkSplitter& splitter, size_t begin,
                                size_t piece_bytes) {
  MarkdownPiece piece;
  piece.begin = begin;
  piece.next = splitter;
  piece.first_line = piece.next.next_line();
  // A body not much longer than a piece is parsed whole: a short last piece would save nothing.
  const size_t least = std::min(piece_bytes, std::max(begin, ArticleParser::kFirstPieceBytes));
  piece.end = body.size() - begin < 2 * least ? body.size() : piece.next.next_end(begin, least);
  const std::string_view text = body.substr(begin, piece.end - begin);

  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) return make_error(ErrorCode::kInternal, std::string("cmark-gfm extension '") + name + "' is not available");
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  piece.root.reset(cmark_parser_finish(parser.get()));
  if (!piece.root) return make_error(ErrorCode::kInternal, "cmark-gfm failed to parse the article");
  return piece;
}

}  // namespace inkset::doc
