#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "breaking/hyphenator.h"

using namespace inkset;

namespace {

// The word with '-' at every offset the hyphenator returns.
std::string marked(const breaking::Hyphenator& h, const std::string& word, breaking::HyphenationLimits limits = {}) {
  std::vector<uint32_t> offsets;
  h.hyphenate(word, limits, offsets);
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    if (next < offsets.size() && offsets[next] == i) {
      out += '-';
      ++next;
    }
    out += word[i];
  }
  return out;
}

}  // namespace

TEST_CASE("hyphenator: dictionary chosen by BCP 47 language", "[breaking][hyphen]") {
  CHECK(breaking::HyphenatorSet::dictionary_for("en") == "hyph_en_US.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("en-US") == "hyph_en_US.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("en-GB") == "hyph_en_GB.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("en_gb") == "hyph_en_GB.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("en-Latn-GB") == "hyph_en_GB.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("de-CH") == "hyph_de_DE.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("fr") == "hyph_fr.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("es-MX") == "hyph_es_ES.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("ru") == "hyph_ru_RU.dic");
  CHECK(breaking::HyphenatorSet::dictionary_for("ja").empty());
  CHECK(breaking::HyphenatorSet::dictionary_for("").empty());

  breaking::HyphenatorSet set;
  CHECK(set.for_language("tlh") == nullptr);
  const breaking::Hyphenator* en = set.for_language("en");
  REQUIRE(en != nullptr);
  CHECK(set.for_language("en-US") == en);  // one dictionary, loaded once
  CHECK(set.for_language("en") == en);
  CHECK(set.loaded_count() == 1);
}

TEST_CASE("hyphenator: English words split where the patterns say", "[breaking][hyphen]") {
  breaking::HyphenatorSet set;
  const breaking::Hyphenator* en = set.for_language("en-US");
  REQUIRE(en != nullptr);
  CHECK(marked(*en, "hyphenation") == "hy-phen-ation");
  CHECK(marked(*en, "typesetting") == "type-set-ting");
  CHECK(marked(*en, "pagination") == "pag-i-na-tion");
  // Capitals are looked up in lowercase, offsets stay the caller's.
  CHECK(marked(*en, "Hyphenation") == "Hy-phen-ation");
  CHECK(marked(*en, "HYPHENATION") == "HY-PHEN-ATION");
  // Shorter than left_min + right_min: never split.
  CHECK(marked(*en, "into") == "into");
  CHECK(marked(*en, "also") == "also");
  // Wider minimums drop the outer points.
  CHECK(marked(*en, "hyphenation", {3, 5}) == "hyphen-ation");
}

TEST_CASE("hyphenator: soft hyphens override the patterns", "[breaking][hyphen]") {
  breaking::HyphenatorSet set;
  const breaking::Hyphenator* en = set.for_language("en");
  REQUIRE(en != nullptr);
  const std::string shy = "\xC2\xAD";
  std::vector<uint32_t> offsets;
  en->hyphenate("hyphen" + shy + "ation", {}, offsets);
  CHECK(offsets == std::vector<uint32_t>{8});
  offsets.clear();
  // Soft hyphens at the ends split nothing off; short words with one still break there.
  en->hyphenate(shy + "ab" + shy + "cd" + shy, {}, offsets);
  CHECK(offsets == std::vector<uint32_t>{6});
}

TEST_CASE("hyphenator: German, French, Spanish and Russian patterns", "[breaking][hyphen]") {
  breaking::HyphenatorSet set;
  const breaking::Hyphenator* de = set.for_language("de");
  const breaking::Hyphenator* fr = set.for_language("fr-FR");
  const breaking::Hyphenator* es = set.for_language("es");
  const breaking::Hyphenator* ru = set.for_language("ru");
  REQUIRE(de != nullptr);
  REQUIRE(fr != nullptr);
  REQUIRE(es != nullptr);
  REQUIRE(ru != nullptr);
  // The German dictionary is ISO 8859-1 and the Russian one KOI8-R: offsets must still be UTF-8.
  CHECK(marked(*de, "Silbentrennung") == "Sil-ben-tren-nung");
  CHECK(marked(*de, "Gr\xC3\xB6\xC3\x9F" "enordnung") == "Gr\xC3\xB6-\xC3\x9F" "en-ord-nung");
  CHECK(marked(*fr, "c\xC3\xA9l\xC3\xA9" "bration") == "c\xC3\xA9-l\xC3\xA9-bra-tion");
  CHECK(marked(*es, "computadora") == "com-pu-ta-dora");
  CHECK(marked(*ru, "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBC\xD0\xBC\xD0\xB8\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xB8\xD0\xB5") ==
        "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBC\xD0\xBC\xD0\xB8-\xD1\x80\xD0\xBE-\xD0\xB2\xD0\xB0-\xD0\xBD\xD0\xB8\xD0\xB5");
  // A character the dictionary's encoding lacks leaves the word alone.
  CHECK(marked(*de, "Silben\xE2\x82\xACtrennung") == "Silben\xE2\x82\xACtrennung");
}
