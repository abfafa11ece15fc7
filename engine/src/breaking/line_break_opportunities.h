#pragma once
// Line break opportunities of a paragraph (UAX #14) from ICU's line BreakIterator, reported as byte
// offsets into the UTF-8 text.
//
// Thread-safety: a LineBreakFinder is used from one thread at a time; it caches one iterator per
// language because creating one costs far more than running it over a paragraph.
#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/result.h"

namespace inkset::breaking {

enum class BreakKind : uint8_t {
  kAllowed,    // UAX #14 "÷": a line may end here
  kMandatory,  // after BK, CR, LF, NL (UAX #14 rules LB4, LB5): a line must end here
};

struct BreakOpportunity {
  uint32_t offset = 0;  // byte offset into the text; the break falls before this byte
  BreakKind kind = BreakKind::kAllowed;
};

class LineBreakFinder {
 public:
  LineBreakFinder();
  ~LineBreakFinder();
  LineBreakFinder(const LineBreakFinder&) = delete;
  LineBreakFinder& operator=(const LineBreakFinder&) = delete;

  // Replaces `out` with every opportunity after the start of `text`, in increasing offset order.
  // The end of the text is always the last entry (a paragraph ends there). `language` is BCP 47
  // ("" or unknown: root rules); ICU tailors by it (e.g. Japanese kinsoku strictness) and breaks
  // Thai, Lao, Khmer and Burmese by dictionary. Ill-formed UTF-8 is treated as U+FFFD.
  // Fails only when ICU cannot create an iterator (missing ICU data).
  Status find(std::string_view text, std::string_view language, std::vector<BreakOpportunity>& out);

 private:
  Result<icu::BreakIterator*> iterator_for(std::string_view language);

  // A handful of languages per document: a linear search beats a map.
  std::vector<std::pair<std::string, std::unique_ptr<icu::BreakIterator>>> m_iterators;
};

}  // namespace inkset::breaking
