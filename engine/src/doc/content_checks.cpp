#include "doc/content_checks.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

#include "support/utf8.h"

namespace inkset::doc {
namespace {

size_t line_of(const Article& article, uint32_t offset) {
  const std::string_view s(article.source);
  return 1 + static_cast<size_t>(std::count(s.begin(), s.begin() + std::min<size_t>(offset, s.size()), '\n'));
}

bool is_control(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F);
}

// The first position at or after `pos` that is not printable ASCII (U+0020..U+007E): neither a
// control, nor a mark, nor a multi-byte character. Eight bytes at a time, since nearly all text is.
size_t skip_printable_ascii(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  for (; pos + 8 <= text.size(); pos += 8) {
    uint64_t v;
    std::memcpy(&v, text.data() + pos, 8);
    const uint64_t below_space = (v - 0x20 * kOnes) & ~v & kHigh;
    const uint64_t del = ((v ^ 0x7F * kOnes) - kOnes) & ~(v ^ 0x7F * kOnes) & kHigh;
    if ((v & kHigh) | below_space | del) break;
  }
  while (pos < text.size() && text[pos] >= 0x20 && text[pos] < 0x7F) ++pos;
  return pos;
}

bool is_nonstarter_mark(char32_t cp) {
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Inserts kCombiningBase before every mark that follows kMaxCombiningRun marks in a row, shifting the
// spans that lie after each insertion. Returns the number of insertions.
size_t break_mark_runs(Block& block) {
  std::string out;
  std::vector<uint32_t> inserted_at;  // offsets in the old text, ascending
  size_t run = 0;
  const std::string_view text(block.text);
  for (size_t pos = 0; pos < text.size();) {
    if (inserted_at.empty()) {
      // Printable ASCII ends a run of marks and, before the first insertion, is not copied.
      const size_t plain_end = skip_printable_ascii(text, pos);
      if (plain_end > pos) run = 0;
      pos = plain_end;
      if (pos == text.size()) break;
    }
    const size_t at = pos;
    // ASCII has no marks: most text is answered without a decode or a property lookup.
    const auto byte = static_cast<unsigned char>(text[pos]);
    const char32_t cp = byte < 0x80 ? text[pos++] : utf8::decode(text, pos);
    if (byte >= 0x80 && is_nonstarter_mark(cp)) {
      if (++run > kMaxCombiningRun) {
        if (out.empty()) out.assign(text.substr(0, at));
        inserted_at.push_back(static_cast<uint32_t>(at));
        utf8::append(out, kCombiningBase);
        run = 1;
      }
    } else {
      run = 0;
    }
    if (!inserted_at.empty()) out.append(text.substr(at, pos - at));
  }
  if (inserted_at.empty()) return 0;
  std::string base;
  utf8::append(base, kCombiningBase);
  const auto shift = [&](uint32_t offset) {
    const auto before = std::lower_bound(inserted_at.begin(), inserted_at.end(), offset) - inserted_at.begin();
    return offset + static_cast<uint32_t>(before * base.size());
  };
  for (InlineSpan& span : block.spans) {
    span.begin = shift(span.begin);
    span.end = shift(span.end);
  }
  block.text = std::move(out);
  return inserted_at.size();
}

}  // namespace

ContentChecker::ContentChecker(const ContentLimits& limits) : m_limits(limits) {}

Status ContentChecker::check(Article& article, uint32_t first) {
  const ContentLimits& limits = m_limits;
  for (uint32_t i = first; i < article.blocks.size(); ++i) {
    Block& b = article.blocks[i];
    if (b.text.size() > limits.max_paragraph_bytes)
      return make_error(ErrorCode::kLimitExceeded,
                        "line " + std::to_string(line_of(article, b.source.begin)) + ": a " + block_kind_name(b.kind) +
                            " of " + std::to_string(b.text.size()) + " bytes is over the paragraph limit of " +
                            std::to_string(limits.max_paragraph_bytes) + " bytes (--max-paragraph-kb)");
    if (b.kind == BlockKind::kTable) {
      uint64_t rows = 0, columns = 0;
      for (uint32_t r = b.first_child; r != kNone; r = article.blocks[r].next_sibling) {
        ++rows;
        uint64_t cells = 0;
        for (uint32_t c = article.blocks[r].first_child; c != kNone; c = article.blocks[c].next_sibling) ++cells;
        columns = std::max(columns, cells);
      }
      if (rows * columns > limits.max_table_cells)
        return make_error(ErrorCode::kLimitExceeded,
                          "line " + std::to_string(line_of(article, b.source.begin)) + ": a table of " +
                              std::to_string(rows) + " rows by " + std::to_string(columns) + " columns is over the limit of " +
                              std::to_string(limits.max_table_cells) + " cells (--max-table-cells)");
    }
    for (size_t pos = skip_printable_ascii(b.text, 0); pos < b.text.size(); pos = skip_printable_ascii(b.text, pos)) {
      const auto byte = static_cast<unsigned char>(b.text[pos]);
      if (is_control(byte < 0x80 ? b.text[pos++] : utf8::decode(b.text, pos))) {
        if (m_controls++ == 0) m_controls_first = i;
      }
    }
    if (const size_t n = break_mark_runs(b); n > 0) {
      if (m_marks_repaired == 0) m_marks_first = i;
      m_marks_repaired += n;
    }
  }
  return ok_status();
}

void ContentChecker::report(Article& article) const {
  if (m_controls > 0)
    article.warnings.push_back("line " + std::to_string(line_of(article, article.blocks[m_controls_first].source.begin)) +
                               ": " + std::to_string(m_controls) +
                               " control characters are shown as missing-glyph boxes; they have no place in text");
  if (m_marks_repaired > 0)
    article.warnings.push_back("line " + std::to_string(line_of(article, article.blocks[m_marks_first].source.begin)) +
                               ": more than " + std::to_string(kMaxCombiningRun) +
                               " combining marks in a row; a dotted circle is inserted before each further group (" +
                               std::to_string(m_marks_repaired) + " times)");
  const std::string_view source(article.source);
  if (const size_t nul = source.find('\0'); nul != std::string_view::npos)
    article.warnings.push_back("line " + std::to_string(line_of(article, static_cast<uint32_t>(nul))) +
                               ": NUL characters are shown as U+FFFD");
}

Status check_content(Article& article, const ContentLimits& limits) {
  ContentChecker checker(limits);
  INKSET_TRY(checker.check(article, 0));
  checker.report(article);
  return ok_status();
}

}  // namespace inkset::doc
