#pragma once
// Where a Markdown body can be cut into pieces that cmark parses one by one with the same result as
// the whole: so that opening a long article parses only what its first pages need.
//
// A cut goes before a line where, parsing the whole body, cmark has nothing open: the line follows
// a blank line, starts in column 0, is not a list item (which would continue the list above), does
// not close a list, and lies outside every fenced code block. Blank lines end paragraphs, block
// quotes, tables and HTML blocks of kinds 6 and 7; a line in column 0 after a blank ends list items
// and indented code. What a line scanner cannot judge without cmark's container stack stops the
// cutting for the rest of the body (a fence indented by 1 to 3 spaces may belong to a list item or
// not; a line opening with '<' may open an HTML block that spans blank lines; a fence right under a
// text line may be a table row). Link reference and footnote definitions may be used before they
// appear, so a body with a "]:" anywhere is never cut; neither is one with a lone carriage return,
// a line end that a line scanner splitting at line feeds would not see.
#include <cstddef>
#include <string_view>

namespace inkset::doc {

class ChunkSplitter {
 public:
  explicit ChunkSplitter(std::string_view body);

  // The end of the piece that starts at `from` (0 or an end returned before): the first cut at least
  // `min_bytes` after `from`, or the body's size when there is none. Scans each line once in all.
  size_t next_end(size_t from, size_t min_bytes);
  // The 1-based line of the body at which the piece starting at the last returned end begins.
  size_t next_line() const { return m_line; }

 private:
  bool cut_allowed_before(std::string_view line) const;
  void scan(std::string_view line);

  std::string_view m_body;
  size_t m_scanned = 0;     // the scan has looked at every line before this offset
  size_t m_line = 1;        // the line that starts at m_scanned
  bool m_stopped = false;   // no more cuts
  bool m_previous_blank = true;  // the body's start is like the line after a blank
  // A list item may be open. The line that closes it (in column 0, after a blank) is no place for a
  // cut: cmark ends a fenced code block that the item's end closes on that line, so the block's
  // source range would differ between the pieces and the whole.
  bool m_list_open = false;
  char m_fence_char = 0;    // inside a fenced code block opened in column 0 when not 0
  size_t m_fence_length = 0;
};

}  // namespace inkset::doc
