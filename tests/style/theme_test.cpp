#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "style/page_geometry.h"
#include "style/theme.h"

using namespace inkset;
using namespace inkset::style;

namespace {

Error parse_error(const std::string& text) {
  auto theme = parse_theme(text, "t.theme");
  REQUIRE_FALSE(theme.ok());
  return theme.error();
}

}  // namespace

TEST_CASE("theme: both built-in themes parse and say what the README promises", "[style][theme]") {
  const auto names = builtin_theme_names();
  CHECK(std::find(names.begin(), names.end(), "ereader") != names.end());
  CHECK(std::find(names.begin(), names.end(), "kiosk") != names.end());

  auto ereader = builtin_theme("ereader");
  REQUIRE(ereader.ok());
  CHECK(ereader->name == "ereader");
  const DeclaredStyle& body = ereader->element(ElementKind::kBody);
  CHECK(body.family == "Charis SIL");
  CHECK(body.align == Align::kJustify);
  CHECK(body.hyphenate == true);
  CHECK(body.indent == Length{1.5, LengthUnit::kEm});
  CHECK(body.space_after == Length{0, LengthUnit::kPx});
  CHECK(ereader->element(ElementKind::kH1).family == "Noto Sans");
  CHECK(ereader->element(ElementKind::kH1).weight == 700);
  CHECK(ereader->element(ElementKind::kH2).family == "Noto Sans");
  CHECK(ereader->element(ElementKind::kCode).family == "Noto Sans Mono");
  CHECK(ereader->element(ElementKind::kCaption).italic == true);
  CHECK(ereader->page.header);
  CHECK(ereader->page.footer);
  CHECK(ereader->page.paragraph_separation == ParagraphSeparation::kIndent);

  auto kiosk = builtin_theme("kiosk");
  REQUIRE(kiosk.ok());
  const DeclaredStyle& kbody = kiosk->element(ElementKind::kBody);
  CHECK(kbody.family == "Noto Sans");
  CHECK(kbody.align == Align::kLeft);
  CHECK(kbody.hyphenate == false);
  CHECK(kiosk->page.columns == 2);
  CHECK(kiosk->page.paragraph_separation == ParagraphSeparation::kSpace);
  CHECK(kiosk->page.margin_top == Length{4, LengthUnit::kPercent});
}

TEST_CASE("theme: the embedded themes are the files in content/themes", "[style][theme]") {
  for (const std::string& name : {std::string("ereader"), std::string("kiosk")}) {
    auto embedded = builtin_theme(name);
    auto file = load_theme(INKSET_SOURCE_DIR "/content/themes/" + name + ".theme");
    REQUIRE(embedded.ok());
    REQUIRE(file.ok());
    auto a = resolve_layout(*embedded, LayoutOptions{});
    auto b = resolve_layout(*file, LayoutOptions{});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->styles == b->styles);
    CHECK(a->geometry.content == b->geometry.content);
  }
}

TEST_CASE("theme: unknown built-in names and missing files", "[style][theme]") {
  auto missing = builtin_theme("sepia");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kBadArguments);
  CHECK_THAT(missing.error().message, Catch::Contains("'sepia'") && Catch::Contains("ereader, kiosk"));
  CHECK(load_theme("sepia").error().code == ErrorCode::kBadArguments);
  CHECK(load_theme("/nonexistent/x.theme").error().code == ErrorCode::kUnreadableFile);
  CHECK(load_theme(INKSET_TEST_DATA "/style/custom.theme").ok());
}

TEST_CASE("theme: comments, blank lines, CRLF and spacing are ignored", "[style][theme]") {
  auto theme = parse_theme("# a theme\r\n\r\n  [ body ]  # main text\r\n\tsize :  12pt \r\nfeatures: onum, liga=0, ss01=2\n", "x.theme");
  REQUIRE(theme.ok());
  const DeclaredStyle& body = theme->element(ElementKind::kBody);
  CHECK(body.size == Length{12, LengthUnit::kPt});
  REQUIRE(body.features.has_value());
  CHECK(*body.features == std::vector<Feature>{{make_tag('o', 'n', 'u', 'm'), 1},
                                               {make_tag('l', 'i', 'g', 'a'), 0},
                                               {make_tag('s', 's', '0', '1'), 2}});
  CHECK(parse_theme("[code]\nfeatures: none\n", "x")->element(ElementKind::kCode).features == std::vector<Feature>{});
  CHECK(parse_theme("[body]\nfeatures: cv\n", "x")->element(ElementKind::kBody).features ==
        std::vector<Feature>{{make_tag('c', 'v', ' ', ' '), 1}});
  CHECK(parse_theme("", "x").ok());
}

TEST_CASE("theme: lengths parse with their units and nothing else", "[style][theme]") {
  CHECK(parse_length("40px") == Length{40, LengthUnit::kPx});
  CHECK(parse_length("11pt") == Length{11, LengthUnit::kPt});
  CHECK(parse_length("1.5em") == Length{1.5, LengthUnit::kEm});
  CHECK(parse_length(".5em") == Length{0.5, LengthUnit::kEm});
  CHECK(parse_length("5 %") == Length{5, LengthUnit::kPercent});
  CHECK(parse_length("0") == Length{0, LengthUnit::kPx});
  for (const char* bad : {"", "px", "12", "-3px", "1e3px", "infpx", "nanpt", "1.2.3em", "12cm", "0x10px", "12 p x"}) {
    INFO(bad);
    CHECK_FALSE(parse_length(bad).has_value());
  }
}

TEST_CASE("theme: every parse error names its line and what to do", "[style][theme]") {
  struct Case {
    const char* text;
    int line;
    const char* says;
  };
  const Case cases[] = {
      {"size: 11pt\n", 1, "before any section"},
      {"[body]\n[sidebar]\n", 2, "unknown section [sidebar]"},
      {"[body\n", 1, "closing ']'"},
      {"[body]\n\n[body]\n", 3, "appears twice"},
      {"[body]\njust words\n", 2, "expected 'property: value'"},
      {"[body]\n: 12pt\n", 2, "property name is missing"},
      {"[body]\nsize:\n", 2, "value is missing"},
      {"[body]\nsize: 11pt\nsize: 12pt\n", 3, "set twice"},
      {"[body]\nkerning: on\n", 2, "[body] kerning: unknown property"},
      {"[page]\nfamily: Noto Sans\n", 2, "[page] family: unknown property"},
      {"[body]\nsize: 11\n", 2, "not a length"},
      {"[body]\nsize: 1.2em\n", 2, "unit 'em' is not allowed"},
      {"[h1]\nsize: 50%\n", 2, "unit '%' is not allowed"},
      {"[body]\nsize: 0pt\n", 2, "greater than 0"},
      {"[body]\nsize: 900pt\n", 2, "too large"},
      {"[body]\nweight: 950\n", 2, "from 100 to 900"},
      {"[body]\nweight: bold\n", 2, "from 100 to 900"},
      {"[body]\nstyle: oblique\n", 2, "normal or italic"},
      {"[body]\nline-height: 12px\n", 2, "multiple of the font size"},
      {"[body]\nline-height: 9\n", 2, "0.5 to 5"},
      {"[body]\nalign: middle\n", 2, "justify, left, right or center"},
      {"[body]\nhyphenate: yes\n", 2, "on or off"},
      {"[body]\nfeatures: onum, toolong\n", 2, "1 to 4 letters"},
      {"[body]\nfeatures: on$m\n", 2, "letters and digits"},
      {"[body]\nfeatures: liga=x\n", 2, "0 to 65535"},
      {"[body]\nfeatures: onum,\n", 2, "1 to 4 letters"},
      {"[body]\ncolor: 256\n", 2, "from 0 to 255"},
      {"[body]\nfamily: A\x01" "B\n", 2, "control character"},
      {"[page]\ncolumns: 5\n", 2, "from 1 to 4"},
      {"[page]\nmargin-top: 60%\n", 2, "too large"},
      {"[page]\nheader: maybe\n", 2, "on or off"},
      {"[page]\nparagraph-separation: both\n", 2, "indent or space"},
      {"[page]\nquote-indent: 5%\n", 2, "unit '%' is not allowed"},
      {"[page]\nrule-thickness: 200px\n", 2, "too large"},
      {"[body]\n\n\nfamily: \xC3\x28\n", 4, "not valid UTF-8"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Error error = parse_error(c.text);
    CHECK(error.code == ErrorCode::kBadArguments);
    CHECK_THAT(error.message, Catch::StartsWith("t.theme:" + std::to_string(c.line) + ": "));
    CHECK_THAT(error.message, Catch::Contains(c.says));
  }
}

TEST_CASE("theme: size and line limits", "[style][theme]") {
  const std::string big = "[body]\n" + std::string(kMaxThemeBytes, '#');
  const Error too_big = parse_error(big);
  CHECK(too_big.code == ErrorCode::kLimitExceeded);
  CHECK_THAT(too_big.message, Catch::Contains("65536"));

  std::string lines;
  for (size_t i = 0; i < kMaxThemeLines; ++i) lines += "# line\n";
  CHECK(parse_theme(lines, "t.theme").ok());
  const Error too_long = parse_error(lines + "[body]\n");
  CHECK(too_long.code == ErrorCode::kLimitExceeded);
  CHECK_THAT(too_long.message, Catch::StartsWith("t.theme:501: "));
}

TEST_CASE("theme: random bytes never crash the parser", "[style][theme][fuzz]") {
  std::mt19937 rng(20240611);
  const std::string alphabet = "[]:#=,.%\n\r\t -0123456789abcdefghijklmnopqrstuvwxyzptemx";
  const std::string seed_text = "[page]\nmargin: 5%\ncolumns: 2\n[body]\nsize: 11pt\nfeatures: onum, liga=0\n[h1]\nsize: 2em\n";
  size_t parsed = 0;
  for (int i = 0; i < 10000; ++i) {
    std::string text;
    const int kind = i % 3;
    const size_t length = rng() % 300;
    if (kind == 0) {
      for (size_t j = 0; j < length; ++j) text += static_cast<char>(rng() & 0xFF);
    } else if (kind == 1) {
      for (size_t j = 0; j < length; ++j) text += alphabet[rng() % alphabet.size()];
    } else {
      text = seed_text;
      for (int m = 0; m < 4; ++m) text[rng() % text.size()] = static_cast<char>(rng() & 0xFF);
    }
    auto theme = parse_theme(text, "fuzz.theme");
    if (!theme.ok()) {
      CHECK_FALSE(theme.error().message.empty());
      continue;
    }
    ++parsed;
    // Whatever parses must also resolve (or fail cleanly) on a real page.
    auto resolved = resolve_layout(*theme, LayoutOptions{});
    if (resolved.ok()) CHECK(resolved->geometry.content.width >= kMinContentSide);
  }
  CHECK(parsed > 0);
}
