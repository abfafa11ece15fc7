#include <catch2/catch.hpp>

#include "style/layout_options.h"

using namespace inkset;
using namespace inkset::style;

namespace {

Error option_error(std::string_view name, std::string_view value) {
  LayoutOptions options;
  const LayoutOptions before = options;
  auto status = parse_layout_option(options, name, value);
  REQUIRE_FALSE(status.ok());
  // A failed option leaves the options as they were.
  CHECK(options.page_width == before.page_width);
  CHECK(options.dpi == before.dpi);
  CHECK(options.font_size_pt == before.font_size_pt);
  CHECK(options.columns == before.columns);
  return status.error();
}

}  // namespace

TEST_CASE("layout options: values parse", "[style][options]") {
  LayoutOptions o;
  REQUIRE(parse_layout_option(o, "page", "1072x1448").ok());
  REQUIRE(parse_layout_option(o, "dpi", "300").ok());
  REQUIRE(parse_layout_option(o, "font-size", "12pt").ok());
  REQUIRE(parse_layout_option(o, "theme", "kiosk").ok());
  REQUIRE(parse_layout_option(o, "columns", "2").ok());
  REQUIRE(parse_layout_option(o, "margins", "5%").ok());
  REQUIRE(parse_layout_option(o, "language", "de-CH").ok());
  CHECK(o.page_width == 1072);
  CHECK(o.page_height == 1448);
  CHECK(o.dpi == 300);
  CHECK(o.font_size_pt == 12);
  CHECK(o.font_size_px == 0);
  CHECK(o.theme == "kiosk");
  CHECK(o.columns == 2);
  CHECK(o.margins == Length{5, LengthUnit::kPercent});
  CHECK(o.language == "de-CH");
  CHECK(validate_layout_options(o).ok());

  REQUIRE(parse_layout_option(o, "font-size", "30px").ok());
  CHECK(o.font_size_pt == 0);
  CHECK(o.font_size_px == 30);
  CHECK(validate_layout_options(LayoutOptions{}).ok());
  CHECK(layout_option_infos().size() == 7);
}

TEST_CASE("layout options: errors say what is wrong and the allowed range", "[style][options]") {
  struct Case {
    const char* name;
    const char* value;
    const char* says;
  };
  const Case cases[] = {
      {"page", "758", "WIDTHxHEIGHT"},
      {"page", "758x", "WIDTHxHEIGHT"},
      {"page", "axb", "WIDTHxHEIGHT"},
      {"page", "99x1024", "100..10000"},
      {"page", "758x10001", "100..10000"},
      {"dpi", "49", "50..1200"},
      {"dpi", "1201", "50..1200"},
      {"dpi", "high", "whole number"},
      {"font-size", "3pt", "4..72 pt"},
      {"font-size", "73pt", "4..72 pt"},
      {"font-size", "300px", "4..72 pt (11.7778..212 px at 212 dpi)"},
      {"font-size", "11", "11pt or 30px"},
      {"font-size", "1em", "11pt or 30px"},
      {"font-size", "0pt", "11pt or 30px"},
      {"columns", "0", "1..4"},
      {"columns", "5", "1..4"},
      {"columns", "two", "1..4"},
      {"margins", "1em", "px, pt or %"},
      {"margins", "-4px", "px, pt or %"},
      {"theme", "", ".theme file"},
      {"language", "en US", "BCP 47"},
      {"shape", "round", "unknown layout option --shape"},
  };
  for (const Case& c : cases) {
    INFO(c.name << " " << c.value);
    const Error error = option_error(c.name, c.value);
    CHECK(error.code == ErrorCode::kBadArguments);
    CHECK_THAT(error.message, Catch::Contains(c.says));
  }
}

TEST_CASE("layout options: a size in px is checked at the final dpi", "[style][options]") {
  LayoutOptions o;
  REQUIRE(parse_layout_option(o, "font-size", "200px").ok());  // 68 pt at 212 dpi
  REQUIRE(parse_layout_option(o, "dpi", "150").ok());           // 96 pt at 150 dpi
  auto status = validate_layout_options(o);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.error().message, Catch::Contains("4..72 pt"));
}
