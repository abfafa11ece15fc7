#include "shape/bidi_algorithm.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

namespace inkset::shape {

namespace {

using C = BidiClass;

constexpr uint8_t kMaxDepth = 125;       // UAX #9 BD2
constexpr size_t kBracketStackSize = 63;  // UAX #9 BD16

BidiClass class_of(char32_t cp) {
  switch (u_charDirection(static_cast<UChar32>(cp))) {
    case U_LEFT_TO_RIGHT: return C::kL;
    case U_RIGHT_TO_LEFT: return C::kR;
    case U_RIGHT_TO_LEFT_ARABIC: return C::kAL;
    case U_EUROPEAN_NUMBER: return C::kEN;
    case U_EUROPEAN_NUMBER_SEPARATOR: return C::kES;
    case U_EUROPEAN_NUMBER_TERMINATOR: return C::kET;
    case U_ARABIC_NUMBER: return C::kAN;
    case U_COMMON_NUMBER_SEPARATOR: return C::kCS;
    case U_DIR_NON_SPACING_MARK: return C::kNSM;
    case U_BOUNDARY_NEUTRAL: return C::kBN;
    case U_BLOCK_SEPARATOR: return C::kB;
    case U_SEGMENT_SEPARATOR: return C::kS;
    case U_WHITE_SPACE_NEUTRAL: return C::kWS;
    case U_LEFT_TO_RIGHT_EMBEDDING: return C::kLRE;
    case U_LEFT_TO_RIGHT_OVERRIDE: return C::kLRO;
    case U_RIGHT_TO_LEFT_EMBEDDING: return C::kRLE;
    case U_RIGHT_TO_LEFT_OVERRIDE: return C::kRLO;
    case U_POP_DIRECTIONAL_FORMAT: return C::kPDF;
    case U_LEFT_TO_RIGHT_ISOLATE: return C::kLRI;
    case U_RIGHT_TO_LEFT_ISOLATE: return C::kRLI;
    case U_FIRST_STRONG_ISOLATE: return C::kFSI;
    case U_POP_DIRECTIONAL_ISOLATE: return C::kPDI;
    default: return C::kON;
  }
}

bool is_removed(BidiClass c) {  // by rule X9
  return c == C::kBN || c == C::kLRE || c == C::kLRO || c == C::kRLE || c == C::kRLO || c == C::kPDF;
}

bool is_isolate_initiator(BidiClass c) { return c == C::kLRI || c == C::kRLI || c == C::kFSI; }

bool is_isolate_control(BidiClass c) { return is_isolate_initiator(c) || c == C::kPDI; }

// NI of UAX #9 table 4, as rules N1 and N2 see it.
bool is_neutral(BidiClass c) {
  return c == C::kB || c == C::kS || c == C::kWS || c == C::kON || is_isolate_control(c);
}

BidiClass direction_of_level(uint8_t level) { return (level & 1) ? C::kR : C::kL; }

// The direction a resolved type gives its neighbours in N0-N2 (EN and AN count as R), or ON for none.
BidiClass strong_direction(BidiClass c) {
  if (c == C::kL) return C::kL;
  if (c == C::kR || c == C::kEN || c == C::kAN) return C::kR;
  return C::kON;
}

// BD16 pairs brackets up to canonical equivalence: U+2329/U+232A decompose to U+3008/U+3009.
char32_t canonical_bracket(char32_t cp) { return cp == 0x2329 ? 0x3008 : cp == 0x232A ? 0x3009 : cp; }

}  // namespace

uint8_t BidiResolver::resolve(std::span<const char32_t> text, BaseDirection direction, std::vector<uint8_t>& levels) {
  m_classes.resize(text.size());
  for (size_t i = 0; i < text.size(); ++i) m_classes[i] = class_of(text[i]);
  return resolve_all(text, direction, levels);
}

uint8_t BidiResolver::resolve(std::span<const BidiClass> classes, BaseDirection direction,
                              std::vector<uint8_t>& levels) {
  m_classes.assign(classes.begin(), classes.end());
  return resolve_all({}, direction, levels);
}

uint8_t BidiResolver::resolve_all(std::span<const char32_t> text, BaseDirection direction,
                                  std::vector<uint8_t>& levels) {
  const auto n = static_cast<uint32_t>(m_classes.size());
  m_types = m_classes;
  levels.resize(n);
  uint8_t first_level = direction == BaseDirection::kRtl ? 1 : 0;
  // P1: a paragraph separator ends its paragraph; CR LF is one separator.
  for (uint32_t begin = 0; begin < n;) {
    uint32_t end = begin;
    while (end < n && m_classes[end] != C::kB) ++end;
    if (end < n) {
      ++end;
      if (!text.empty() && text[end - 1] == U'\r' && end < n && text[end] == U'\n') ++end;
    }
    const uint8_t para = paragraph_level(begin, end, direction);
    if (begin == 0) first_level = para;
    explicit_levels(begin, end, para, levels);
    level_runs(begin, end, levels);
    for (uint32_t r = 0; r < m_runs.size(); ++r) {
      if (!m_runs[r].continues) resolve_sequence(r, para, text, levels);
    }
    finish_paragraph(begin, end, para, levels);
    begin = end;
  }
  return first_level;
}

// P2, P3 for the paragraph, and the same for each FSI over its isolate (X5c), which then counts as
// the LRI or RLI it resolves to. One pass: a strong character decides the innermost open isolate
// (or the paragraph, with none open) if nothing has decided it yet.
uint8_t BidiResolver::paragraph_level(uint32_t begin, uint32_t end, BaseDirection direction) {
  constexpr uint32_t kDecided = UINT32_MAX;
  m_open.clear();
  int level = direction == BaseDirection::kLtr ? 0 : direction == BaseDirection::kRtl ? 1 : -1;
  for (uint32_t i = begin; i < end; ++i) {
    const BidiClass c = m_classes[i];
    switch (c) {
      case C::kL:
      case C::kR:
      case C::kAL:
        if (m_open.empty()) {
          if (level < 0) level = c == C::kL ? 0 : 1;
        } else if (m_open.back() != kDecided) {
          m_types[m_open.back()] = c == C::kL ? C::kLRI : C::kRLI;
          m_open.back() = kDecided;
        }
        break;
      case C::kFSI:
        m_types[i] = C::kLRI;  // P3: no strong character inside
        m_open.push_back(i);
        break;
      case C::kLRI:
      case C::kRLI: m_open.push_back(kDecided); break;
      case C::kPDI:
        if (!m_open.empty()) m_open.pop_back();
        break;
      default: break;
    }
  }
  return static_cast<uint8_t>(level < 0 ? 0 : level);
}

// X1-X8: explicit embedding levels into `levels`, and the classes that overrides impose into m_types.
void BidiResolver::explicit_levels(uint32_t begin, uint32_t end, uint8_t para, std::vector<uint8_t>& levels) {
  struct Entry {
    uint8_t level;
    BidiClass override_class;  // kON for neutral
    bool isolate;
  };
  std::array<Entry, kMaxDepth + 2> stack;
  size_t depth = 1;
  stack[0] = {para, C::kON, false};
  uint32_t overflow_isolates = 0;
  uint32_t overflow_embeddings = 0;
  uint32_t valid_isolates = 0;
  for (uint32_t i = begin; i < end; ++i) {
    const BidiClass c = m_types[i];
    const Entry& top = stack[depth - 1];
    switch (c) {
      case C::kRLE:
      case C::kLRE:
      case C::kRLO:
      case C::kLRO: {  // X2-X5
        const bool rtl = c == C::kRLE || c == C::kRLO;
        const int next = rtl ? (top.level + 1) | 1 : (top.level + 2) & ~1;
        levels[i] = top.level;
        if (next <= kMaxDepth && overflow_isolates == 0 && overflow_embeddings == 0) {
          const BidiClass override_class = c == C::kRLO ? C::kR : c == C::kLRO ? C::kL : C::kON;
          stack[depth++] = {static_cast<uint8_t>(next), override_class, false};
        } else if (overflow_isolates == 0) {
          ++overflow_embeddings;
        }
        break;
      }
      case C::kRLI:
      case C::kLRI: {  // X5a-X5c (FSI is LRI or RLI by now)
        // Unicode 8.0: the initiator belongs to the text around it, so the override there applies to it.
        levels[i] = top.level;
        if (top.override_class != C::kON) m_types[i] = top.override_class;
        const int next = c == C::kRLI ? (top.level + 1) | 1 : (top.level + 2) & ~1;
        if (next <= kMaxDepth && overflow_isolates == 0 && overflow_embeddings == 0) {
          ++valid_isolates;
          stack[depth++] = {static_cast<uint8_t>(next), C::kON, true};
        } else {
          ++overflow_isolates;
        }
        break;
      }
      case C::kPDI:  // X6a
        if (overflow_isolates > 0) {
          --overflow_isolates;
        } else if (valid_isolates > 0) {
          overflow_embeddings = 0;
          while (!stack[depth - 1].isolate) --depth;
          --depth;
          --valid_isolates;
        }
        levels[i] = stack[depth - 1].level;
        if (stack[depth - 1].override_class != C::kON) m_types[i] = stack[depth - 1].override_class;
        break;
      case C::kPDF:  // X7
        levels[i] = top.level;
        if (overflow_isolates == 0) {
          if (overflow_embeddings > 0) {
            --overflow_embeddings;
          } else if (!top.isolate && depth >= 2) {
            --depth;
          }
        }
        break;
      case C::kB: levels[i] = para; break;  // X8
      case C::kBN: levels[i] = top.level; break;
      default:  // X6
        levels[i] = top.level;
        if (top.override_class != C::kON) m_types[i] = top.override_class;
        break;
    }
  }
}

// X9, X10 (BD13): the characters that stay, their level runs, and how the runs chain into isolating
// run sequences. A run that ends with an isolate initiator continues with the run that starts with
// its matching PDI; initiators and PDIs nest, so a stack of such runs pairs them.
void BidiResolver::level_runs(uint32_t begin, uint32_t end, const std::vector<uint8_t>& levels) {
  m_kept.clear();
  for (uint32_t i = begin; i < end; ++i) {
    if (!is_removed(m_classes[i])) m_kept.push_back(i);
  }
  m_runs.clear();
  m_open.clear();
  for (uint32_t k = 0; k < m_kept.size();) {
    Run run;
    run.begin = k;
    run.level = levels[m_kept[k]];
    while (k < m_kept.size() && levels[m_kept[k]] == run.level) ++k;
    run.end = k;
    const auto index = static_cast<uint32_t>(m_runs.size());
    // A PDI that starts a run while an initiator's run waits is that initiator's match: an initiator
    // ends a run only when its isolate holds kept text at a higher level, which ends at its PDI.
    if (m_classes[m_kept[run.begin]] == C::kPDI && !m_open.empty()) {
      m_runs[m_open.back()].next = index;
      m_open.pop_back();
      run.continues = true;
    }
    if (is_isolate_initiator(m_classes[m_kept[run.end - 1]])) m_open.push_back(index);
    m_runs.push_back(run);
  }
}

// W1-W7, N0-N2 and I1-I2 over one isolating run sequence, starting at the level run `head`.
void BidiResolver::resolve_sequence(uint32_t head, uint8_t para, std::span<const char32_t> text,
                                    std::vector<uint8_t>& levels) {
  m_seq.clear();
  uint32_t last = head;
  for (uint32_t r = head; r != UINT32_MAX; r = m_runs[r].next) {
    last = r;
    for (uint32_t k = m_runs[r].begin; k < m_runs[r].end; ++k) m_seq.push_back(m_kept[k]);
  }
  const uint8_t level = m_runs[head].level;
  // X10: sos and eos from the higher of this level and the adjacent kept character's level.
  const uint8_t before = head > 0 ? m_runs[head - 1].level : para;
  const bool open_end = is_isolate_initiator(m_classes[m_seq.back()]) || last + 1 == m_runs.size();
  const uint8_t after = open_end ? para : m_runs[last + 1].level;
  const BidiClass sos = direction_of_level(std::max(level, before));
  const BidiClass eos = direction_of_level(std::max(level, after));

  const size_t n = m_seq.size();
  std::vector<BidiClass>& t = m_seq_types;
  t.resize(n);
  for (size_t k = 0; k < n; ++k) t[k] = m_types[m_seq[k]];

  // W1-W3 in one pass: W1 and W2 see AL (in `prev`, `last_strong`) before W3 turns it into R.
  BidiClass last_strong = sos;
  BidiClass prev = sos;
  for (size_t k = 0; k < n; ++k) {
    BidiClass c = t[k];
    if (c == C::kNSM) c = is_isolate_control(prev) ? C::kON : prev;
    if (c == C::kEN && last_strong == C::kAL) c = C::kAN;
    if (c == C::kL || c == C::kR || c == C::kAL) last_strong = c;
    prev = c;
    t[k] = c == C::kAL ? C::kR : c;
  }
  // W4
  for (size_t k = 1; k + 1 < n; ++k) {
    const BidiClass prev = t[k - 1];
    if (prev != t[k + 1]) continue;
    if ((t[k] == C::kES && prev == C::kEN) || (t[k] == C::kCS && (prev == C::kEN || prev == C::kAN))) t[k] = prev;
  }
  // W5, W6
  for (size_t k = 0; k < n;) {
    const BidiClass c = t[k];
    if (c == C::kES || c == C::kCS) t[k] = C::kON;
    if (c != C::kET) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < n && t[e] == C::kET) ++e;
    const BidiClass to = (k > 0 && t[k - 1] == C::kEN) || (e < n && t[e] == C::kEN) ? C::kEN : C::kON;
    for (; k < e; ++k) t[k] = to;
  }
  // W7
  last_strong = sos;
  for (size_t k = 0; k < n; ++k) {
    if (t[k] == C::kL || t[k] == C::kR) last_strong = t[k];
    else if (t[k] == C::kEN && last_strong == C::kL) t[k] = C::kL;
  }
  if (!text.empty()) pair_brackets(text, level, sos);
  // N1, N2
  const BidiClass embedding = direction_of_level(level);
  for (size_t k = 0; k < n;) {
    if (!is_neutral(t[k])) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < n && is_neutral(t[e])) ++e;
    const BidiClass prev = k == 0 ? sos : strong_direction(t[k - 1]);
    const BidiClass next = e == n ? eos : strong_direction(t[e]);
    const BidiClass to = prev == next ? prev : embedding;
    for (; k < e; ++k) t[k] = to;
  }
  // I1, I2
  for (size_t k = 0; k < n; ++k) {
    const BidiClass c = t[k];
    uint8_t resolved = level;
    if ((level & 1) == 0) {
      if (c == C::kR) resolved += 1;
      else if (c == C::kEN || c == C::kAN) resolved += 2;
    } else if (c == C::kL || c == C::kEN || c == C::kAN) {
      resolved += 1;
    }
    levels[m_seq[k]] = resolved;
  }
}

// BD16 and N0 over the sequence in m_seq / m_seq_types (after W7).
void BidiResolver::pair_brackets(std::span<const char32_t> text, uint8_t level, BidiClass sos) {
  struct Open {
    char32_t closer;
    uint32_t position;
  };
  std::vector<BidiClass>& t = m_seq_types;
  const auto n = static_cast<uint32_t>(m_seq.size());
  std::array<Open, kBracketStackSize> stack;
  size_t depth = 0;
  bool paired = false;
  for (uint32_t k = 0; k < n; ++k) {
    if (t[k] != C::kON) continue;
    const auto cp = static_cast<UChar32>(text[m_seq[k]]);
    const auto type = u_getIntPropertyValue(cp, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
    if (type == U_BPT_OPEN) {
      // BD16 stops at an opening bracket that finds the stack full. As in the Unicode C reference
      // implementation (bidiref), the pairs found before it are dropped too: none of the sequence's
      // brackets pair, so the outcome does not depend on where the overflow happened.
      if (depth == kBracketStackSize) return;
      stack[depth++] = {canonical_bracket(static_cast<char32_t>(u_getBidiPairedBracket(cp))), k};
    } else if (type == U_BPT_CLOSE) {
      const char32_t closer = canonical_bracket(static_cast<char32_t>(cp));
      for (size_t s = depth; s-- > 0;) {
        if (stack[s].closer != closer) continue;
        if (!paired) m_closer.assign(n, -1);
        paired = true;
        m_closer[stack[s].position] = static_cast<int32_t>(k);
        depth = s;
        break;
      }
    }
  }
  if (!paired) return;
  // Pairs nest without crossing, and N0 changes only brackets and the marks after them, never inside
  // a pair still to come: strong classes inside a pair can be counted once, before any change.
  m_strong_l.resize(n + 1);
  m_strong_r.resize(n + 1);
  m_strong_l[0] = m_strong_r[0] = 0;
  for (uint32_t k = 0; k < n; ++k) {
    const BidiClass d = strong_direction(t[k]);
    m_strong_l[k + 1] = m_strong_l[k] + (d == C::kL);
    m_strong_r[k + 1] = m_strong_r[k] + (d == C::kR);
  }
  const BidiClass embedding = direction_of_level(level);
  const BidiClass opposite = embedding == C::kL ? C::kR : C::kL;
  const std::vector<uint32_t>& same_count = embedding == C::kL ? m_strong_l : m_strong_r;
  const std::vector<uint32_t>& opposite_count = embedding == C::kL ? m_strong_r : m_strong_l;
  // The context before each opening bracket (N0 c) comes from a cursor that moves forward only:
  // pairs are taken in order of their openers, and changes happen at or after the current opener.
  uint32_t cursor = 0;
  BidiClass context = sos;
  for (uint32_t open = 0; open < n; ++open) {
    if (m_closer[open] < 0) continue;
    const auto close = static_cast<uint32_t>(m_closer[open]);
    for (; cursor < open; ++cursor) {
      const BidiClass d = strong_direction(t[cursor]);
      if (d != C::kON) context = d;
    }
    BidiClass to;
    if (same_count[close] != same_count[open + 1]) {
      to = embedding;  // N0 b
    } else if (opposite_count[close] != opposite_count[open + 1]) {
      to = context == opposite ? opposite : embedding;  // N0 c
    } else {
      continue;  // N0 d
    }
    // N0, last paragraph: marks after a bracket (ON since W1) follow it.
    for (const uint32_t bracket : {open, close}) {
      t[bracket] = to;
      for (uint32_t k = bracket + 1; k < n && m_classes[m_seq[k]] == C::kNSM; ++k) t[k] = to;
    }
  }
}

// The levels of characters removed by X9, then L1.
void BidiResolver::finish_paragraph(uint32_t begin, uint32_t end, uint8_t para, std::vector<uint8_t>& levels) const {
  for (uint32_t i = begin; i < end; ++i) {
    if (is_removed(m_classes[i])) levels[i] = i == begin ? para : levels[i - 1];
  }
  bool trailing = true;
  for (uint32_t i = end; i-- > begin;) {
    const BidiClass c = m_classes[i];
    if (c == C::kB || c == C::kS) {
      levels[i] = para;
      trailing = true;
    } else if (trailing && (c == C::kWS || is_isolate_control(c) || is_removed(c))) {
      levels[i] = para;
    } else {
      trailing = false;
    }
  }
}

}  // namespace inkset::shape
