#include "micro_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace inkset::bench {

MicroFixture& MicroFixture::get() {
  static MicroFixture fixture = [] {
    MicroFixture f;
    font::FontConfig config = font::default_font_config();
    config.system_directories.clear();
    auto fonts = font::FontCollection::create(config);
    if (!fonts) {
      std::fprintf(stderr, "micro bench: %s\n", fonts.error().message.c_str());
      std::exit(1);
    }
    f.fonts = std::move(fonts.value());
    f.cache = std::make_unique<shape::ShapeCache>();
    f.shaper = std::make_unique<shape::Shaper>(*f.fonts, *f.cache);
    f.hyphenators = std::make_unique<breaking::HyphenatorSet>();
    shape::TextStyle style;
    style.family = "Charis SIL";
    style.size = 24 * kFixedOne;
    style.language = "en";
    style.features = shape::parse_features("onum, kern").value();
    f.styles.push_back(style);
    std::ifstream in(INKSET_SOURCE_DIR "/content/bench/emma.md");
    std::stringstream text;
    text << in.rdbuf();
    std::string all = text.str();
    size_t pos = 0;
    while (pos < all.size()) {
      size_t end = all.find("\n\n", pos);
      if (end == std::string::npos) end = all.size();
      std::string para = all.substr(pos, end - pos);
      for (char& c : para)
        if (c == '\n') c = ' ';
      if (para.size() >= 300 && para[0] != '#' && para[0] != '>') f.paragraphs.push_back(para);
      pos = end + 2;
    }
    return f;
  }();
  return fixture;
}

}  // namespace inkset::bench
