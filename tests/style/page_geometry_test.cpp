#include <catch2/catch.hpp>

#include "style/page_geometry.h"

using namespace inkset;
using namespace inkset::style;

namespace {

ResolvedLayout resolve(const std::string& theme_text, const LayoutOptions& options = {}) {
  auto theme = parse_theme(theme_text, "t.theme");
  REQUIRE(theme.ok());
  auto resolved = resolve_layout(*theme, options);
  if (!resolved.ok()) FAIL(resolved.error().message);
  return std::move(resolved).value();
}

}  // namespace

TEST_CASE("geometry: units convert to 26.6 pixels exactly", "[style][geometry]") {
  const ResolvedLayout r = resolve(
      "[page]\nmargin-top: 5%\nmargin-left: 20px\nmargin-right: 12pt\nmargin-bottom: 2em\n"
      "[body]\nsize: 11pt\nline-height: 1.5\nspace-after: 20px\nindent: 1.5em\n[h1]\nsize: 16pt\n[h2]\nsize: 22px\n");
  const ComputedStyle& body = r.style(ElementKind::kBody);
  // 11 pt at 212 dpi = 32.388.. px = 2072.9 / 64: rounded to 2073.
  CHECK(body.size == 2073);
  CHECK(body.line_height == 3110);  // 1.5 * 2073 = 3109.5, rounded half away from zero
  CHECK(body.space_after == 20 * 64);
  CHECK(body.indent == 3110);
  CHECK(r.style(ElementKind::kH1).size == points_to_fixed(16, 212));
  CHECK(r.style(ElementKind::kH2).size == 22 * 64);
  const PageGeometry& g = r.geometry;
  CHECK(g.content.y == 38);          // 5% of 758 = 37.9
  CHECK(g.content.x == 20);
  CHECK(g.content.width == 758 - 20 - 35);   // 12 pt = 35.33 px
  CHECK(g.content.height == 1024 - 38 - 65);  // 2 em = 64.78 px
}

TEST_CASE("geometry: elements inherit unset properties from body", "[style][geometry]") {
  const ResolvedLayout r = resolve(
      "[body]\nfamily: Noto Sans\nsize: 10pt\nweight: 300\ncolor: 30\nalign: justify\nhyphenate: on\n"
      "features: onum\nline-height: 1.4\n"
      "[h1]\nsize: 2em\nweight: 700\nalign: left\n[code]\nfamily: Noto Sans Mono\nfeatures: none\n");
  const ComputedStyle& body = r.style(ElementKind::kBody);
  const ComputedStyle& h1 = r.style(ElementKind::kH1);
  CHECK(h1.family == "Noto Sans");
  CHECK(h1.weight == 700);
  CHECK(h1.color == 30);
  CHECK(h1.hyphenate);
  CHECK(h1.align == Align::kLeft);
  CHECK(h1.size == 2 * body.size);
  CHECK(h1.line_height == (h1.size * 14 + 5) / 10);  // the multiple applies to the heading's own size
  CHECK(h1.features == body.features);
  CHECK(r.style(ElementKind::kCode).features.empty());
  // Sections left out entirely are the body.
  CHECK(r.style(ElementKind::kFootnote) == body);
  CHECK(r.style(ElementKind::kH6) == body);

  const ResolvedLayout defaults = resolve("");
  CHECK(defaults.style(ElementKind::kBody).family == "Charis SIL");
  CHECK(defaults.style(ElementKind::kBody).size == points_to_fixed(11, 212));
}

TEST_CASE("geometry: the user's font size scales the whole theme", "[style][geometry]") {
  const std::string theme = "[page]\nmargin: 40px\ncolumn-gap: 10pt\nquote-indent: 2em\n"
                            "[body]\nsize: 10pt\nspace-after: 6pt\nindent: 12px\n[h1]\nsize: 20pt\n[h2]\nsize: 1.5em\n";
  const ResolvedLayout base = resolve(theme);
  LayoutOptions twice;
  twice.font_size_pt = 20;
  const ResolvedLayout big = resolve(theme, twice);
  CHECK(big.scale == Approx(2.0).epsilon(1e-3));
  CHECK(big.style(ElementKind::kBody).size == points_to_fixed(20, 212));
  CHECK(std::abs(big.style(ElementKind::kH1).size - points_to_fixed(40, 212)) <= 1);
  CHECK(std::abs(big.style(ElementKind::kBody).space_after - 2 * base.style(ElementKind::kBody).space_after) <= 1);
  CHECK(std::abs(big.style(ElementKind::kBody).indent - 2 * base.style(ElementKind::kBody).indent) <= 1);
  CHECK(big.style(ElementKind::kH2).size == round(1.5 * big.style(ElementKind::kBody).size));
  CHECK(big.geometry.quote_indent == 2 * big.style(ElementKind::kBody).size);
  CHECK(std::abs(big.geometry.column_gap - 2 * base.geometry.column_gap) <= 1);
  // Margins are device geometry: they do not grow with the text.
  CHECK(big.geometry.content == base.geometry.content);

  LayoutOptions px;
  px.font_size_px = 40;
  CHECK(resolve(theme, px).style(ElementKind::kBody).size == 40 * 64);
}

TEST_CASE("geometry: space separation drops first-line indents", "[style][geometry]") {
  const std::string body = "[body]\nindent: 2em\n[quote]\nindent: 1em\n";
  CHECK(resolve("[page]\nparagraph-separation: indent\n" + body).style(ElementKind::kQuote).indent > 0);
  const ResolvedLayout spaced = resolve("[page]\nparagraph-separation: space\n" + body);
  CHECK(spaced.style(ElementKind::kBody).indent == 0);
  CHECK(spaced.style(ElementKind::kQuote).indent == 0);
}

TEST_CASE("geometry: boxes for common pages at 1 and 2 columns", "[style][geometry]") {
  const std::pair<int, int> pages[] = {{600, 800}, {758, 1024}, {1072, 1448}};
  for (const char* theme_name : {"ereader", "kiosk"}) {
    auto theme = builtin_theme(theme_name);
    REQUIRE(theme.ok());
    for (auto [w, h] : pages) {
      for (int columns : {1, 2}) {
        INFO(theme_name << " " << w << "x" << h << " columns " << columns);
        LayoutOptions options;
        options.page_width = w;
        options.page_height = h;
        options.columns = columns;
        auto r = resolve_layout(*theme, options);
        REQUIRE(r.ok());
        const PageGeometry& g = r->geometry;
        CHECK(g.page_width == w);
        CHECK(g.page_height == h);
        CHECK(g.content.x > 0);
        CHECK(g.content.y > 0);
        CHECK(g.content.x + g.content.width < w);
        CHECK(g.content.y + g.content.height < h);
        REQUIRE(g.columns.size() == static_cast<size_t>(columns));
        CHECK(g.columns.front().x == g.content.x);
        CHECK(g.columns.back().x + g.columns.back().width == g.content.x + g.content.width);
        for (size_t i = 0; i + 1 < g.columns.size(); ++i) {
          CHECK(g.columns[i + 1].x - (g.columns[i].x + g.columns[i].width) == g.column_gap);
          CHECK(g.column_gap > 0);
          CHECK(std::abs(g.columns[i + 1].width - g.columns[i].width) <= 1);
        }
        if (g.header) {
          CHECK(g.header->y >= 0);
          CHECK(g.header->y + g.header->height <= g.content.y);
          CHECK(g.header->x == g.content.x);
        }
        if (g.footer) {
          CHECK(g.footer->y >= g.content.y + g.content.height);
          CHECK(g.footer->y + g.footer->height <= h);
        }
      }
    }
  }
}

TEST_CASE("geometry: header and footer boxes follow the theme", "[style][geometry]") {
  auto ereader = resolve_layout(LayoutOptions{});
  REQUIRE(ereader.ok());
  CHECK(ereader->geometry.header.has_value());
  CHECK(ereader->geometry.footer.has_value());
  CHECK(ereader->geometry.header->height == fixed_ceil(ereader->style(ElementKind::kHeader).line_height));

  const ResolvedLayout none = resolve("[page]\nheader: off\nfooter: off\nmargin: 10px\n");
  CHECK_FALSE(none.geometry.header.has_value());
  CHECK_FALSE(none.geometry.footer.has_value());
  CHECK(none.geometry.content == Box{10, 10, 738, 1004});

  // A margin thinner than the running head's line gives way to it.
  const ResolvedLayout thin = resolve("[page]\nheader: on\nmargin: 2px\n[header]\nsize: 20px\nline-height: 1\n");
  CHECK(thin.geometry.content.y == 20);
  CHECK(thin.geometry.header == Box{2, 0, 754, 20});
}

TEST_CASE("geometry: the theme's column count is a ceiling for narrow pages", "[style][geometry]") {
  auto kiosk = builtin_theme("kiosk");
  REQUIRE(kiosk.ok());
  LayoutOptions narrow;
  narrow.page_width = 600;
  narrow.page_height = 800;
  CHECK(resolve_layout(*kiosk, narrow)->geometry.columns.size() == 1);
  LayoutOptions wide;
  wide.page_width = 1920;
  wide.page_height = 1080;
  wide.dpi = 96;
  CHECK(resolve_layout(*kiosk, wide)->geometry.columns.size() == 2);
}

TEST_CASE("geometry: impossible pages are refused with the reason", "[style][geometry]") {
  auto theme = parse_theme("[page]\nmargin: 40px\ncolumn-gap: 20px\n", "t.theme");
  REQUIRE(theme.ok());
  LayoutOptions options;
  options.page_width = 170;
  auto small = resolve_layout(*theme, options);
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().code == ErrorCode::kBadArguments);
  CHECK_THAT(small.error().message, Catch::Contains("content box of 90x944") && Catch::Contains("at least 100"));

  options.page_width = 400;  // content 320: four columns of 65 fit, but not with 80 px gaps
  options.columns = 4;
  CHECK(resolve_layout(*theme, options).ok());
  options.margins = Length{100, LengthUnit::kPx};  // content 200: four columns of 35 px
  auto narrow = resolve_layout(*theme, options);
  REQUIRE_FALSE(narrow.ok());
  CHECK_THAT(narrow.error().message, Catch::Contains("--columns 4") && Catch::Contains("35 px"));

  LayoutOptions bad;
  bad.dpi = 20;
  CHECK(resolve_layout(*theme, bad).error().code == ErrorCode::kBadArguments);
}
