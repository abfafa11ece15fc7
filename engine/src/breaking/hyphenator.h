#pragma once
// Dictionary hyphenation with libhyphen (Liang's patterns, as used by TeX and LibreOffice) and the
// pattern files in /usr/share/hyphen, chosen by BCP 47 language.
//
// Thread-safety: a HyphenatorSet and its Hyphenators are used from one thread at a time.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef struct _HyphenDict HyphenDict;
typedef struct UConverter UConverter;

namespace inkset::breaking {

struct HyphenationLimits {
  uint32_t left_min = 2;   // characters before the first hyphen (TeX's \lefthyphenmin)
  uint32_t right_min = 3;  // characters after the last hyphen (\righthyphenmin)
};

class Hyphenator {
 public:
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Appends to `out` the byte offsets inside `word` (UTF-8, one word without spaces) where a
  // hyphen may go, in increasing order; a hyphen at offset k means "word[0,k)-" ends a line.
  // A word containing soft hyphens (U+00AD) breaks only after them: the author has decided.
  // Words with fewer than left_min + right_min characters never break. Positions where the
  // patterns ask for a spelling change (e.g. German "ck" -> "k-k") are skipped: that would need
  // re-shaping. Characters the dictionary's encoding lacks leave the word unhyphenated.
  // Short words are answered from a 16-way set-associative cache of recent words, least recently
  // used out (fixed size, no allocation): running text repeats its words, and the patterns cost far
  // more than a lookup (libhyphen also allocates several buffers per word). Some 16 000 words fit,
  // more than a novel's vocabulary, so laying a book out again finds every word. Words too short to break and without a soft hyphen return at once, neither
  // looked up nor counted, so that "the" and "and" take no room in the cache.
  void hyphenate(std::string_view word, const HyphenationLimits& limits, std::vector<uint32_t>& out) const;

  struct CacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  CacheStats cache_stats() const { return m_cache_stats; }
  // Forgets every cached word (and gives back the cache's memory until the next word).
  void clear_cache() const { m_cache.reset(); }
  // Room for a novel's vocabulary in 16-way sets (Emma has 6,536 words of five letters or more), on
  // 32-bit devices too: a word evicted is hyphenated again by libhyphen, which allocates every time.
  static constexpr size_t kCacheBytes = 512u << 10;

 private:
  void hyphenate_uncached(std::string_view word, const HyphenationLimits& limits, std::vector<uint32_t>& out) const;

  static constexpr size_t kMaxCachedWord = 24;  // bytes; longer words are rare and go to the patterns
  // 32 bytes: the hyphen offsets of a word of at most 24 bytes fit a bit set.
  struct CacheSlot {
    std::array<char, kMaxCachedWord> word{};
    uint32_t points = 0;  // bit k: a hyphen may go at byte offset k
    uint8_t length = 0;   // 0: empty
    uint8_t left_min = 0, right_min = 0;
  };
  static_assert(kMaxCachedWord < 32, "hyphen offsets must fit CacheSlot::points");
  // Sets of 16 make conflicts rare: with the cache two-thirds full, a set overflows about once in
  // 3 000 (Poisson), so a vocabulary smaller than the cache stays in it whole.
  static constexpr size_t kCacheWays = 16;
  static constexpr size_t kCacheSets = kCacheBytes / sizeof(CacheSlot) / kCacheWays;

  friend class HyphenatorSet;
  Hyphenator(HyphenDict* dict, UConverter* converter);

  HyphenDict* m_dict;
  UConverter* m_converter;  // null for UTF-8 dictionaries
  mutable std::string m_encoded;                      // scratch, reused between words
  mutable std::vector<uint32_t> m_char_end;           // per encoded character: its end offset in `word`
  mutable std::vector<char> m_hyphens;
  mutable std::unique_ptr<CacheSlot[]> m_cache;  // kCacheSets x kCacheWays, most recent way first;
                                                 // allocated on the first word
  mutable CacheStats m_cache_stats;
};

class HyphenatorSet {
 public:
  // `directory` holds the hyph_<ll>_<CC>.dic files.
  explicit HyphenatorSet(std::string directory = "/usr/share/hyphen");
  ~HyphenatorSet();
  HyphenatorSet(const HyphenatorSet&) = delete;
  HyphenatorSet& operator=(const HyphenatorSet&) = delete;

  // The hyphenator for a BCP 47 language ("en", "en-GB", "de-CH", "fr", ...), loaded on first use and
  // kept for the set's lifetime; nullptr when no dictionary covers the language (then the text is
  // not hyphenated). Valid as long as the set.
  const Hyphenator* for_language(std::string_view language);

  // The dictionary file name chosen for a language, "" if none ("en" -> "hyph_en_US.dic").
  static std::string dictionary_for(std::string_view language);

  uint32_t loaded_count() const { return static_cast<uint32_t>(m_loaded.size()); }
  // Empties the word caches of every loaded dictionary; the patterns stay loaded.
  void clear_caches() const;

 private:
  std::string m_directory;
  // Keyed by dictionary file: "en" and "en-US" share one. A failed load is cached as null.
  std::vector<std::pair<std::string, std::unique_ptr<Hyphenator>>> m_loaded;
  std::vector<std::pair<std::string, const Hyphenator*>> m_by_language;
};

}  // namespace inkset::breaking
