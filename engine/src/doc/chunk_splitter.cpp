#include "doc/chunk_splitter.h"

namespace inkset::doc {
namespace {

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t') return false;
  return true;
}

// A list item's start (CommonMark 5.2): a bullet, or 1 to 9 digits and '.' or ')', then a space, a
// tab or the line's end.
bool starts_list_item(std::string_view line) {
  size_t i = 0;
  if (line[0] == '-' || line[0] == '+' || line[0] == '*') {
    i = 1;
  } else {
    while (i < line.size() && i < 10 && line[i] >= '0' && line[i] <= '9') ++i;
    if (i == 0 || i > 9 || i >= line.size() || (line[i] != '.' && line[i] != ')')) return false;
    ++i;
  }
  return i == line.size() || line[i] == ' ' || line[i] == '\t';
}

// Columns of leading indentation; a tab counts as reaching column 4, which is all that matters here.
size_t indent_of(std::string_view line) {
  size_t n = 0;
  for (char c : line) {
    if (c == ' ') ++n;
    else if (c == '\t') return n + 4;
    else break;
  }
  return n;
}

struct Fence {
  char c = 0;
  size_t length = 0;
  std::string_view rest;  // after the fence characters
};

Fence fence_in(std::string_view s) {
  Fence f;
  if (s.empty() || (s[0] != '`' && s[0] != '~')) return f;
  size_t n = 0;
  while (n < s.size() && s[n] == s[0]) ++n;
  if (n < 3) return f;
  f.c = s[0];
  f.length = n;
  f.rest = s.substr(n);
  return f;
}

}  // namespace

ChunkSplitter::ChunkSplitter(std::string_view body) : m_body(body) {
  if (body.find("]:") != std::string_view::npos) m_stopped = true;
  for (size_t cr = body.find('\r'); cr != std::string_view::npos && !m_stopped; cr = body.find('\r', cr + 1))
    if (cr + 1 == body.size() || body[cr + 1] != '\n') m_stopped = true;
}

bool ChunkSplitter::cut_allowed_before(std::string_view line) const {
  if (m_stopped || !m_previous_blank || m_fence_char != 0 || m_list_open || line.empty()) return false;
  const char c = line[0];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return false;
  // cmark drops a byte order mark that opens its input: one that opens a piece would be lost.
  if (line.starts_with("\xEF\xBB\xBF")) return false;
  return !starts_list_item(line);
}

void ChunkSplitter::scan(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  const bool blank = is_blank(line);
  const bool after_blank = m_previous_blank;
  m_previous_blank = blank;
  if (blank) return;
  const size_t indent = indent_of(line);
  if (indent > 3) return;
  const std::string_view rest = line.substr(indent);
  const Fence fence = fence_in(rest);
  if (m_fence_char == 0 && indent == 0 && after_blank && !starts_list_item(rest)) m_list_open = false;
  if (m_fence_char == 0 && starts_list_item(rest)) m_list_open = true;
  if (m_fence_char != 0) {
    // The closing fence (CommonMark 4.5): the same character, at least as many, nothing but spaces after.
    if (fence.c == m_fence_char && fence.length >= m_fence_length && is_blank(fence.rest)) m_fence_char = 0;
    return;
  }
  if (rest[0] == '<') {
    m_stopped = true;
    return;
  }
  // A backtick fence's info string has no backtick; with one, the line is text with inline code.
  if (fence.c == 0 || (fence.c == '`' && fence.rest.find('`') != std::string_view::npos)) return;
  if (indent == 0 && after_blank) {
    m_fence_char = fence.c;
    m_fence_length = fence.length;
  } else {
    m_stopped = true;
  }
}

size_t ChunkSplitter::next_end(size_t from, size_t min_bytes) {
  while (m_scanned < m_body.size()) {
    if (m_stopped) {
      m_scanned = m_body.size();
      break;
    }
    const size_t eol = m_body.find('\n', m_scanned);
    const size_t next = eol == std::string_view::npos ? m_body.size() : eol + 1;
    const std::string_view line = m_body.substr(m_scanned, next - m_scanned);
    if (m_scanned > from && m_scanned - from >= min_bytes && cut_allowed_before(line)) return m_scanned;
    scan(line);
    m_scanned = next;
    ++m_line;
  }
  return m_body.size();
}

}  // namespace inkset::doc
