#pragma once
// What the micro-benchmarks share: the bundled fonts, an engine-like set of stages and a paragraph
// of Emma (the benchmark corpus), shaped in the ereader body style.
#include <memory>
#include <string>
#include <vector>

#include "breaking/hyphenator.h"
#include "font/font_collection.h"
#include "shape/shape_cache.h"
#include "shape/shaper.h"

namespace inkset::bench {

struct MicroFixture {
  std::unique_ptr<font::FontCollection> fonts;
  std::unique_ptr<shape::ShapeCache> cache;
  std::unique_ptr<shape::Shaper> shaper;
  std::unique_ptr<breaking::HyphenatorSet> hyphenators;
  std::vector<shape::TextStyle> styles;  // one: Charis SIL at 24 px with the theme's features
  std::vector<std::string> paragraphs;   // Emma's paragraphs of 300 bytes or more

  static MicroFixture& get();  // built once per process
};

}  // namespace inkset::bench
