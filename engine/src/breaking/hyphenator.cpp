#include "breaking/hyphenator.h"

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdlib>

#include "support/hash.h"
#include "support/utf8.h"

namespace inkset::breaking {
namespace {

constexpr char32_t kSoftHyphen = 0x00AD;

// The project ships hyphenation for these; a region missing here uses the language's default.
struct DictionaryChoice {
  const char* language;
  const char* region;  // "" = the language's default
  const char* file;
};
constexpr DictionaryChoice kDictionaries[] = {
    {"en", "", "hyph_en_US.dic"}, {"en", "GB", "hyph_en_GB.dic"}, {"de", "", "hyph_de_DE.dic"},
    {"fr", "", "hyph_fr.dic"},    {"es", "", "hyph_es_ES.dic"},   {"ru", "", "hyph_ru_RU.dic"},
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Hyphenator::Hyphenator(HyphenDict* dict, UConverter* converter) : m_dict(dict), m_converter(converter) {}

Hyphenator::~Hyphenator() {
  hnj_hyphen_free(m_dict);
  if (m_converter) ucnv_close(m_converter);
}

void Hyphenator::hyphenate(std::string_view word, const HyphenationLimits& limits, std::vector<uint32_t>& out) const {
  // Bytes bound characters from above: fewer bytes than the limits need cannot break, unless a soft
  // hyphen says where.
  if (word.size() < static_cast<size_t>(limits.left_min) + limits.right_min &&
      word.find("\xC2\xAD") == std::string_view::npos) {
    return;
  }
  if (word.size() > kMaxCachedWord || limits.left_min > 255 || limits.right_min > 255) {
    hyphenate_uncached(word, limits, out);
    return;
  }
  if (!m_cache) m_cache = std::make_unique<CacheSlot[]>(kCacheSets * kCacheWays);
  const uint64_t hash = hash_mix(hash_bytes(word), (limits.left_min << 8) | limits.right_min);
  CacheSlot* set = &m_cache[(hash % kCacheSets) * kCacheWays];
  for (size_t way = 0; way < kCacheWays; ++way) {
    const CacheSlot& slot = set[way];
    if (slot.length == word.size() && slot.left_min == limits.left_min && slot.right_min == limits.right_min &&
        std::string_view(slot.word.data(), slot.length) == word) {
      ++m_cache_stats.hits;
      for (uint32_t bits = slot.points; bits != 0; bits &= bits - 1)
        out.push_back(static_cast<uint32_t>(std::countr_zero(bits)));
      std::rotate(set, set + way, set + way + 1);  // most recently used first
      return;
    }
  }
  ++m_cache_stats.misses;
  const size_t first = out.size();
  hyphenate_uncached(word, limits, out);
  if (word.empty()) return;
  std::rotate(set, set + kCacheWays - 1, set + kCacheWays);  // the least recent way goes
  CacheSlot& slot = set[0];
  slot.length = static_cast<uint8_t>(word.size());
  slot.left_min = static_cast<uint8_t>(limits.left_min);
  slot.right_min = static_cast<uint8_t>(limits.right_min);
  slot.points = 0;
  // Offsets come in increasing order (the contract), so the bit set gives them back as they were.
  for (size_t i = first; i < out.size(); ++i) slot.points |= uint32_t{1} << out[i];
  std::copy(word.begin(), word.end(), slot.word.begin());
}

void Hyphenator::hyphenate_uncached(std::string_view word, const HyphenationLimits& limits,
                                    std::vector<uint32_t>& out) const {
  const size_t first_out = out.size();
  m_encoded.clear();
  m_char_end.clear();
  bool has_soft_hyphen = false;
  bool encodable = true;
  for (size_t pos = 0; pos < word.size();) {
    char32_t cp = utf8::decode(word, pos);
    if (cp == kSoftHyphen) {
      has_soft_hyphen = true;
      out.push_back(static_cast<uint32_t>(pos));
      continue;
    }
    // The patterns are lowercase; simple case mapping keeps one character per character, so the
    // character index still maps back to the caller's offsets.
    cp = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    if (!m_converter) {
      utf8::append(m_encoded, cp);
    } else {
      UChar units[2];
      int32_t n = 0;
      U16_APPEND_UNSAFE(units, n, static_cast<UChar32>(cp));
      char bytes[8];
      UErrorCode status = U_ZERO_ERROR;
      const int32_t len = ucnv_fromUChars(m_converter, bytes, sizeof bytes, units, n, &status);
      // The dictionaries in use are single-byte: one character, one byte, or it is not covered.
      if (U_FAILURE(status) || len != 1) encodable = false;
      else m_encoded.push_back(bytes[0]);
    }
    m_char_end.push_back(static_cast<uint32_t>(pos));
  }
  if (has_soft_hyphen) {
    // A soft hyphen first or last splits nothing off; one inside is the author's choice and wins.
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first_out), out.end(),
                             [&](uint32_t o) { return o == word.size() || o == 2; }),
              out.end());
    return;
  }
  const size_t chars = m_char_end.size();
  if (!encodable || chars < limits.left_min + limits.right_min || m_encoded.empty()) return;

  m_hyphens.assign(m_encoded.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  const int failed = hnj_hyphen_hyphenate2(m_dict, m_encoded.data(), static_cast<int>(m_encoded.size()),
                                           m_hyphens.data(), nullptr, &rep, &pos, &cut);
  // libhyphen reports one mark per character, also for UTF-8 dictionaries.
  if (!failed) {
    for (size_t i = 0; i + limits.right_min < chars; ++i) {
      if (i + 1 < limits.left_min || (m_hyphens[i] & 1) == 0) continue;
      if (rep && rep[i]) continue;
      out.push_back(m_char_end[i]);
    }
  }
  if (rep) {
    for (size_t i = 0; i < m_encoded.size(); ++i) free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
}

HyphenatorSet::HyphenatorSet(std::string directory) : m_directory(std::move(directory)) {}
HyphenatorSet::~HyphenatorSet() = default;

std::string HyphenatorSet::dictionary_for(std::string_view language) {
  // BCP 47: language, then optional script (4 letters) and region (2 letters or 3 digits) subtags.
  std::string lang;
  std::string region;
  size_t start = 0;
  for (int index = 0; start <= language.size(); ++index) {
    size_t end = language.find_first_of("-_", start);
    if (end == std::string_view::npos) end = language.size();
    const std::string_view subtag = language.substr(start, end - start);
    if (index == 0) lang = lower_ascii(subtag);
    else if (subtag.size() == 2 || subtag.size() == 3) {
      region = subtag.size() == 2 ? lower_ascii(subtag) : std::string(subtag);
      for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    } else if (subtag.size() != 4) {
      break;
    }
    start = end + 1;
  }
  const char* fallback = nullptr;
  for (const auto& d : kDictionaries) {
    if (lang != d.language) continue;
    if (region == d.region) return d.file;
    if (d.region[0] == 0) fallback = d.file;
  }
  return fallback ? fallback : "";
}

void HyphenatorSet::clear_caches() const {
  for (const auto& [file, hyphenator] : m_loaded)
    if (hyphenator) hyphenator->clear_cache();
}

const Hyphenator* HyphenatorSet::for_language(std::string_view language) {
  for (const auto& [lang, h] : m_by_language) {
    if (lang == language) return h;
  }
  const std::string file = dictionary_for(language);
  const Hyphenator* found = nullptr;
  if (!file.empty()) {
    auto it = std::find_if(m_loaded.begin(), m_loaded.end(), [&](const auto& e) { return e.first == file; });
    if (it != m_loaded.end()) {
      found = it->second.get();
    } else {
      const std::string path = m_directory + "/" + file;
      HyphenDict* dict = hnj_hyphen_load(path.c_str());
      std::unique_ptr<Hyphenator> h;
      if (dict) {
        UConverter* converter = nullptr;
        bool usable = true;
        if (!dict->utf8) {
          UErrorCode status = U_ZERO_ERROR;
          converter = ucnv_open(dict->cset, &status);
          if (U_FAILURE(status)) usable = false;
          else ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
        }
        if (usable) h.reset(new Hyphenator(dict, converter));
        else hnj_hyphen_free(dict);
      }
      found = h.get();
      m_loaded.emplace_back(file, std::move(h));
    }
  }
  m_by_language.emplace_back(std::string(language), found);
  return found;
}

}  // namespace inkset::breaking
