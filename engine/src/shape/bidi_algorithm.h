#pragma once
// The Unicode Bidirectional Algorithm (UAX #9, Unicode 15): resolved embedding levels of a text,
// rules P1-P3, X1-X10, W1-W7, N0-N2, I1-I2 and L1. Reordering (L2) is the line builder's.
#include <cstdint>
#include <span>
#include <vector>

namespace inkset::shape {

// The paragraph direction: kAuto takes it from the first strong character (UAX #9 rules P2, P3),
// defaulting to left to right.
enum class BaseDirection : uint8_t { kAuto, kLtr, kRtl };

// Bidi_Class values (UAX #9 table 4).
enum class BidiClass : uint8_t {
  kL, kR, kAL,                              // strong
  kEN, kES, kET, kAN, kCS, kNSM, kBN,       // weak
  kB, kS, kWS, kON,                         // neutral
  kLRE, kLRO, kRLE, kRLO, kPDF,             // explicit embeddings and overrides
  kLRI, kRLI, kFSI, kPDI,                   // isolates
};

// Resolves levels; its buffers grow to the longest text seen and are reused, so that resolving
// allocates nothing once they have. Not thread-safe: one resolver per thread.
class BidiResolver {
 public:
  // Resolved levels of `text` (code points) into `levels` (resized to text.size()), after rules
  // I1-I2 and L1 (separators, and whitespace and isolate controls before a separator or the end of
  // a paragraph, take the paragraph level). Characters removed by rule X9 (BN, embedding and override
  // controls) take the level of the character before them, or the paragraph level at its start.
  // Paragraphs end after each character of class B (a CR LF pair counts as one separator) and are
  // resolved one after another; with kAuto each finds its own level. Bracket pairs follow BD16 with
  // ICU's Bidi_Paired_Bracket properties, U+2329/U+232A being U+3008/U+3009 (canonical equivalents).
  // Returns the level of the first paragraph (that of `direction` for an empty text).
  // Complexity: O(n); bracket pairing adds at most 63 comparisons per closing bracket.
  uint8_t resolve(std::span<const char32_t> text, BaseDirection direction, std::vector<uint8_t>& levels);

  // As above for a sequence of classes, with no character to pair as brackets (rule N0 does nothing).
  uint8_t resolve(std::span<const BidiClass> classes, BaseDirection direction, std::vector<uint8_t>& levels);

 private:
  struct Run {
    uint32_t begin = 0;  // positions in m_kept
    uint32_t end = 0;
    uint8_t level = 0;
    bool continues = false;          // a level run after the first of its isolating run sequence
    uint32_t next = UINT32_MAX;      // the next level run of the same isolating run sequence
  };

  uint8_t resolve_all(std::span<const char32_t> text, BaseDirection direction, std::vector<uint8_t>& levels);
  uint8_t paragraph_level(uint32_t begin, uint32_t end, BaseDirection direction);
  void explicit_levels(uint32_t begin, uint32_t end, uint8_t para, std::vector<uint8_t>& levels);
  void level_runs(uint32_t begin, uint32_t end, const std::vector<uint8_t>& levels);
  void resolve_sequence(uint32_t head, uint8_t para, std::span<const char32_t> text, std::vector<uint8_t>& levels);
  void pair_brackets(std::span<const char32_t> text, uint8_t level, BidiClass sos);
  void finish_paragraph(uint32_t begin, uint32_t end, uint8_t para, std::vector<uint8_t>& levels) const;

  std::vector<BidiClass> m_classes;  // per character: its Bidi_Class
  std::vector<BidiClass> m_types;    // per character: its class as the rules change it
  std::vector<uint32_t> m_open;      // P2/X5c: isolate initiators still open; BD13: runs awaiting their PDI
  std::vector<uint32_t> m_kept;      // characters of the paragraph not removed by X9
  std::vector<Run> m_runs;
  std::vector<uint32_t> m_seq;       // characters of one isolating run sequence
  std::vector<BidiClass> m_seq_types;
  std::vector<int32_t> m_closer;     // N0: per opening bracket of the sequence, its closer's position
  std::vector<uint32_t> m_strong_l;  // N0: L (strong_l) and R, EN, AN (strong_r) before each position
  std::vector<uint32_t> m_strong_r;
};

}  // namespace inkset::shape
