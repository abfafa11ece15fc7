#include "breaking/line_break_opportunities.h"

#include <unicode/locid.h>

#include <array>

namespace inkset::breaking {
namespace {

// UAX #14 line break classes of the characters find_plain_breaks accepts.
enum Cls : uint8_t { kNone, kAL, kSP, kIS, kEX, kQU, kHY, kOP, kCP, kB2 };

constexpr std::array<Cls, 128> make_ascii_classes() {
  std::array<Cls, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kAL;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kAL;
  t[' '] = kSP;
  t[','] = t['.'] = t[':'] = t[';'] = kIS;
  t['!'] = t['?'] = kEX;
  t['"'] = t['\''] = kQU;
  t['-'] = kHY;
  t['('] = kOP;
  t[')'] = kCP;
  return t;
}
constexpr std::array<Cls, 128> kAsciiClass = make_ascii_classes();

// Whether UAX #14 (Unicode 15.0, rules LB7 to LB31 in order) allows a break between `a` and `b`,
// neither a space; `a_opens` when `a` is at the text's start or a break falls before it. None of
// the rules about other classes can match among these nine.
bool pair_breaks(bool a_opens, Cls a, Cls b) {
  if (b == kIS || b == kEX || b == kCP) return false;    // LB13
  if (a == kOP) return false;                            // LB14
  if (a == kB2 && b == kB2) return false;                // LB17
  if (a == kQU || b == kQU) return false;                // LB19 (covers LB15 QU × OP)
  // ICU rule 20.09 (UAX #14 15.1 adopted it as LB20a): a hyphen that opens a segment stays with the
  // letter after it ("-ish"). Among these classes only a space ends a segment before a hyphen, and
  // not after an opening parenthesis (LB14): "( -a" still breaks after the hyphen.
  if (a == kHY && b == kAL && a_opens) return false;
  if (b == kHY) return false;                            // LB21
  if (a == kAL && (b == kAL || b == kOP)) return false;  // LB28, LB30
  if ((a == kIS || a == kCP) && b == kAL) return false;  // LB29, LB30
  return true;                                           // LB31
}

// After a run of spaces that follows `before` (kNone: the text's start), before `b`.
bool space_breaks(Cls before, Cls b) {
  if (b == kSP) return false;                             // LB7
  if (b == kIS || b == kEX || b == kCP) return false;     // LB13
  if (before == kOP) return false;                        // LB14
  if (before == kQU && b == kOP) return false;            // LB15
  if (before == kB2 && b == kB2) return false;            // LB17
  return true;                                            // LB18
}

bool is_ascii_letter(char ch) {
  const unsigned lower = static_cast<unsigned char>(ch) | 0x20u;
  return lower >= 'a' && lower <= 'z';
}

bool plain_rules(std::string_view language) {
  // Languages whose ICU line rules are the root ones and never use a dictionary.
  return language.empty() || language == "en" || language.starts_with("en-");
}

}  // namespace

bool find_plain_breaks(std::string_view text, std::vector<BreakOpportunity>& out) {
  out.clear();
  Cls prev = kNone;    // class of the previous character
  bool prev_opens = true;  // the previous character is at the start or a break falls before it
  Cls before = kNone;  // class of the last character that is not a space
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    Cls c = kNone;
    size_t len = 1;
    if (byte < 0x80) {
      c = kAsciiClass[byte];
    } else if (byte == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' && text[i + 2] == '\x94') {
      c = kB2;  // U+2014 EM DASH
      len = 3;
    }
    if (c == kNone) {
      out.clear();
      return false;
    }
    if (i > 0) {
      const bool brk = prev == kSP ? space_breaks(before, c) : c != kSP && pair_breaks(prev_opens, prev, c);
      if (brk) out.push_back({static_cast<uint32_t>(i), BreakKind::kAllowed});
      prev_opens = brk;
    }
    prev = c;
    if (c != kSP) before = c;
    i += len;
    if (c == kAL) {  // letter after letter: never a break (LB28), the common case by far
      const size_t run = i;
      while (i < text.size() && is_ascii_letter(text[i])) ++i;
      if (i > run) prev_opens = false;
    }
  }
  out.push_back({static_cast<uint32_t>(text.size()), BreakKind::kAllowed});
  return true;
}

LineBreakFinder::LineBreakFinder() {
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&m_empty, "", 0, &status);
}

LineBreakFinder::~LineBreakFinder() {
  utext_close(&m_text);
  utext_close(&m_empty);
}

Result<icu::BreakIterator*> LineBreakFinder::iterator_for(std::string_view language) {
  for (auto& [lang, iter] : m_iterators) {
    if (lang == language) return iter.get();
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::getRoot();
  if (!language.empty()) {
    icu::Locale tagged = icu::Locale::forLanguageTag(icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
    // A malformed tag is content, not a programming error: fall back to the root rules.
    if (U_SUCCESS(status)) locale = tagged;
    status = U_ZERO_ERROR;
  }
  std::unique_ptr<icu::BreakIterator> iter(icu::BreakIterator::createLineInstance(locale, status));
  if (U_FAILURE(status) || !iter) {
    return make_error(ErrorCode::kInternal,
                      std::string("ICU cannot create a line break iterator: ") + u_errorName(status));
  }
  m_iterators.emplace_back(std::string(language), std::move(iter));
  return m_iterators.back().second.get();
}

Status LineBreakFinder::find(std::string_view text, std::string_view language, std::vector<BreakOpportunity>& out) {
  if (plain_rules(language) && find_plain_breaks(text, out)) return ok_status();
  return find_icu(text, language, out);
}

Status LineBreakFinder::find_icu(std::string_view text, std::string_view language, std::vector<BreakOpportunity>& out) {
  out.clear();
  auto iter = iterator_for(language);
  if (!iter) return std::move(iter).take_error();
  UErrorCode status = U_ZERO_ERROR;
  // UText over UTF-8 makes the iterator's native indices byte offsets: no UTF-16 copy, no index map.
  utext_openUTF8(&m_text, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    return make_error(ErrorCode::kInternal, std::string("ICU cannot open the text: ") + u_errorName(status));
  }
  icu::BreakIterator* bi = *iter;
  bi->setText(&m_text, status);
  if (U_SUCCESS(status)) {
    for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
      const int32_t rule = bi->getRuleStatus();
      const bool hard = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT;
      out.push_back({static_cast<uint32_t>(pos), hard ? BreakKind::kMandatory : BreakKind::kAllowed});
    }
  }
  UErrorCode reset = U_ZERO_ERROR;
  bi->setText(&m_empty, reset);
  if (U_FAILURE(status)) {
    return make_error(ErrorCode::kInternal, std::string("ICU line breaking failed: ") + u_errorName(status));
  }
  if (out.empty() || out.back().offset != text.size()) {
    out.push_back({static_cast<uint32_t>(text.size()), BreakKind::kAllowed});
  }
  return ok_status();
}

}  // namespace inkset::breaking
