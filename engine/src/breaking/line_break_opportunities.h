#pragma once
// Line break opportunities of a paragraph (UAX #14) from ICU's line BreakIterator, reported as byte
// offsets into the UTF-8 text, with a fast path for plain Latin prose that gives the same result.
//
// Thread-safety: a LineBreakFinder is used from one thread at a time; it caches one iterator per
// language because creating one costs far more than running it over a paragraph.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

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

// The UAX #14 opportunities of `text` when every character of it is one of: ASCII letters, space,
// , . : ; ! ? " ' - ( ) and U+2014 EM DASH (line break classes AL, SP, IS, EX, QU, HY, OP, CP, B2),
// under the default (root) rules; same output as LineBreakFinder::find_icu. Returns false, with
// `out` cleared, for any other character: the caller asks ICU then. Linear, no allocation once
// `out` has grown.
bool find_plain_breaks(std::string_view text, std::vector<BreakOpportunity>& out);

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
  // English (and untagged) plain prose takes find_plain_breaks; the rest goes to ICU.
  // Fails only when ICU cannot create an iterator (missing ICU data).
  Status find(std::string_view text, std::string_view language, std::vector<BreakOpportunity>& out);

  // As find, always through ICU's iterator.
  Status find_icu(std::string_view text, std::string_view language, std::vector<BreakOpportunity>& out);

 private:
  Result<icu::BreakIterator*> iterator_for(std::string_view language);

  // A handful of languages per document: a linear search beats a map.
  std::vector<std::pair<std::string, std::unique_ptr<icu::BreakIterator>>> m_iterators;
  // Reopened over each paragraph, so setting the text allocates nothing; the iterator is pointed at
  // the empty one between paragraphs, never left on text the caller may free.
  UText m_text = UTEXT_INITIALIZER;
  UText m_empty = UTEXT_INITIALIZER;
};

}  // namespace inkset::breaking
