#pragma once
// Checks and repairs of parsed content from unreviewed sources, after the Markdown parser has built
// the article: limits on paragraph and table size, and characters that would be invisible, drawn as
// nothing, or make shaping quadratic. Every repair is reported as a warning: nothing is changed
// silently.
#include <cstddef>

#include "doc/article.h"
#include "support/result.h"

namespace inkset::doc {

// UAX #15 (Stream-Safe Text Format) bounds a run of non-starters at 30. Longer runs make HarfBuzz's
// mark positioning quadratic (each mark looks back over every mark before it for its base), so
// 100,000 marks on one base would take minutes to shape.
inline constexpr size_t kMaxCombiningRun = 30;
// What goes before each further group of kMaxCombiningRun marks: a visible base for them to stack on
// (U+25CC DOTTED CIRCLE, the conventional base of a detached mark), so no mark is lost.
inline constexpr char32_t kCombiningBase = 0x25CC;

struct ContentLimits {
  size_t max_paragraph_bytes = 2u << 20;  // one block's inline text; larger: kLimitExceeded
  size_t max_table_cells = 100'000;       // rows x columns of one table; larger: kLimitExceeded
};

// Runs over every block once (no recursion). Errors: kLimitExceeded, "line N: ...". Repairs, each with
// one warning per kind naming the first line: runs of more than kMaxCombiningRun combining marks get
// a kCombiningBase inserted before each further group; control characters (C0 other than tab and
// line feed, DEL, C1) are kept and drawn as the font's visible missing-glyph box.
Status check_content(Article& article, const ContentLimits& limits);

// The same for an article that grows piece by piece: check() each new range of blocks as it comes,
// report() once at the end (the warnings then count every piece).
class ContentChecker {
 public:
  explicit ContentChecker(const ContentLimits& limits);
  // Checks and repairs blocks [first, end).
  Status check(Article& article, uint32_t first);
  void report(Article& article) const;

 private:
  ContentLimits m_limits;
  size_t m_marks_repaired = 0;
  uint32_t m_marks_first = kNone;
  size_t m_controls = 0;
  uint32_t m_controls_first = kNone;
};

}  // namespace inkset::doc
