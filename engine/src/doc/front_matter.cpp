#include "doc/front_matter.h"

#include <string>

namespace inkset::doc {
namespace {

constexpr std::string_view kDelimiter = "---";

struct Line {
  std::string_view text;  // without the line terminator
  size_t next = 0;        // offset of the following line
};

Line line_at(std::string_view source, size_t pos) {
  const size_t nl = source.find('\n', pos);
  const size_t end = nl == std::string_view::npos ? source.size() : nl;
  std::string_view text = source.substr(pos, end - pos);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return {text, nl == std::string_view::npos ? source.size() : nl + 1};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_delimiter(std::string_view line) { return trim(line) == kDelimiter && line.substr(0, 3) == kDelimiter; }

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

Error fail(size_t line_number, const std::string& what) {
  return make_error(ErrorCode::kBadArticle, "line " + std::to_string(line_number) + ": " + what);
}

Result<std::string> unquote(std::string_view value, size_t line_number) {
  if (value.empty() || value.front() != '"') return std::string(value);
  std::string out;
  size_t i = 1;
  for (; i < value.size() && value[i] != '"'; ++i) {
    if (value[i] == '\\' && i + 1 < value.size() && (value[i + 1] == '"' || value[i + 1] == '\\')) ++i;
    out.push_back(value[i]);
  }
  if (i >= value.size())
    return fail(line_number, "quoted value has no closing '\"'; end it with '\"' or write it without quotes");
  if (!trim(value.substr(i + 1)).empty())
    return fail(line_number, "text after the closing '\"'; put the whole value inside the quotes");
  return out;
}

std::vector<std::string> split_authors(std::string_view value) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= value.size()) {
    const size_t comma = value.find(',', pos);
    const size_t end = comma == std::string_view::npos ? value.size() : comma;
    const std::string_view name = trim(value.substr(pos, end - pos));
    if (!name.empty()) out.emplace_back(name);
    pos = end + 1;
  }
  return out;
}

void assign_known(FrontMatter& front, const std::string& key, const std::string& value) {
  if (key == "title") front.title = value;
  else if (key == "authors") front.authors = split_authors(value);
  else if (key == "date") front.date = value;
  else if (key == "publisher") front.publisher = value;
  else if (key == "language") front.language = value;
  else if (key == "source") front.source = value;
  else if (key == "summary") front.summary = value;
}

}  // namespace

Result<ParsedFrontMatter> parse_front_matter(std::string_view source) {
  ParsedFrontMatter out;
  out.front.language = "en";
  Line line = line_at(source, 0);
  if (!is_delimiter(line.text)) return out;

  std::vector<size_t> key_lines;  // line number of each field, for duplicate reports
  size_t line_number = 1;
  for (size_t pos = line.next;; pos = line.next) {
    ++line_number;
    if (pos >= source.size())
      return fail(1, "front matter opened with '---' is never closed; end it with a line '---'");
    line = line_at(source, pos);
    if (is_delimiter(line.text)) break;
    const std::string_view text = trim(line.text);
    if (text.empty() || text.front() == '#') continue;

    const size_t colon = text.find(':');
    if (colon == std::string_view::npos)
      return fail(line_number, "front-matter line has no ':'; write 'key: value' or close the block with '---'");
    const std::string_view key = trim(text.substr(0, colon));
    if (key.empty())
      return fail(line_number, "front-matter line has no key before ':'; write 'key: value'");
    for (char c : key)
      if (!is_key_char(c))
        return fail(line_number, "front-matter key '" + std::string(key) +
                                     "' may use only letters, digits, '_' and '-'; rename it");
    for (size_t i = 0; i < out.front.fields.size(); ++i)
      if (out.front.fields[i].first == key)
        return fail(line_number, "front-matter key '" + std::string(key) + "' already given on line " +
                                     std::to_string(key_lines[i]) + "; keep only one");
    if (out.front.fields.size() == kMaxFrontMatterKeys)
      return fail(line_number, "front matter has more than " + std::to_string(kMaxFrontMatterKeys) +
                                   " keys; move the rest into the article");
    auto value = unquote(trim(text.substr(colon + 1)), line_number);
    if (!value) return std::move(value).take_error();
    if (value->size() > kMaxFrontMatterValueBytes)
      return fail(line_number, "front-matter value of '" + std::string(key) + "' is " +
                                   std::to_string(value->size()) + " bytes, over the limit of " +
                                   std::to_string(kMaxFrontMatterValueBytes) + "; shorten it");
    assign_known(out.front, std::string(key), *value);
    out.front.fields.emplace_back(std::string(key), std::move(*value));
    key_lines.push_back(line_number);
  }
  out.body_offset = line.next;
  out.front.range = {0, static_cast<uint32_t>(line.next)};
  return out;
}

}  // namespace inkset::doc
