#include "breaking/line_break_opportunities.h"

#include <unicode/locid.h>
#include <unicode/utext.h>

namespace inkset::breaking {

LineBreakFinder::LineBreakFinder() = default;
LineBreakFinder::~LineBreakFinder() = default;

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
  out.clear();
  auto iter = iterator_for(language);
  if (!iter) return std::move(iter).take_error();
  UErrorCode status = U_ZERO_ERROR;
  // UText over UTF-8 makes the iterator's native indices byte offsets: no UTF-16 copy, no index map.
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    return make_error(ErrorCode::kInternal, std::string("ICU cannot open the text: ") + u_errorName(status));
  }
  icu::BreakIterator* bi = *iter;
  bi->setText(utext, status);
  if (U_SUCCESS(status)) {
    for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
      const int32_t rule = bi->getRuleStatus();
      const bool hard = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT;
      out.push_back({static_cast<uint32_t>(pos), hard ? BreakKind::kMandatory : BreakKind::kAllowed});
    }
  }
  // The iterator keeps a pointer into the UText's text; detach it before the UText dies.
  UErrorCode reset = U_ZERO_ERROR;
  UText* empty = utext_openUTF8(nullptr, "", 0, &reset);
  bi->setText(empty, reset);
  utext_close(empty);
  utext_close(utext);
  if (U_FAILURE(status)) {
    return make_error(ErrorCode::kInternal, std::string("ICU line breaking failed: ") + u_errorName(status));
  }
  if (out.empty() || out.back().offset != text.size()) {
    out.push_back({static_cast<uint32_t>(text.size()), BreakKind::kAllowed});
  }
  return ok_status();
}

}  // namespace inkset::breaking
