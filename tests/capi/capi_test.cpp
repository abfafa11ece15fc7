// The C API: every function, every error path, and agreement with the C++ API it wraps.
#include <inkset/inkset.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <inkset/document.h>

namespace {

const std::string kSample = INKSET_SOURCE_DIR "/content/sample/article.md";
const std::string kLongform = INKSET_SOURCE_DIR "/content/longform/article.md";

std::string engine_message(const inkset_engine* engine) {
  const char* message = nullptr;
  inkset_engine_last_error(engine, &message);
  return message;
}

std::string document_message(const inkset_document* document) {
  const char* message = nullptr;
  inkset_document_last_error(document, &message);
  return message;
}

std::string thread_message() {
  const char* message = nullptr;
  inkset_last_error(&message);
  return message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct EngineFixture {
  inkset_engine* engine = nullptr;
  EngineFixture() { REQUIRE(inkset_engine_new(nullptr, &engine) == INKSET_OK); }
  ~EngineFixture() { inkset_engine_free(engine); }
};

inkset_layout_settings small_page() {
  inkset_layout_settings s;
  inkset_layout_settings_init(&s);
  s.page_width = 600;
  s.page_height = 800;
  return s;
}

struct DocumentFixture : EngineFixture {
  inkset_document* document = nullptr;
  DocumentFixture() {
    const inkset_layout_settings s = small_page();
    REQUIRE(inkset_document_open_file(engine, kSample.c_str(), &s, &document) == INKSET_OK);
  }
  ~DocumentFixture() { inkset_document_free(document); }
};

// A thread-local error naming the function and the NULL argument.
void require_null_handle(inkset_status status, const char* function) {
  REQUIRE(status == INKSET_E_BAD_ARGUMENTS);
  CHECK(inkset_last_error(nullptr) == INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(thread_message(), function));
  CHECK(contains(thread_message(), "NULL"));
}

}  // namespace

TEST_CASE("capi: the run-time version is the one in the header", "[capi]") {
  CHECK(std::string(inkset_version()) == INKSET_VERSION_STRING);
  CHECK(std::string(inkset_version()) == std::to_string(INKSET_VERSION_MAJOR) + "." +
                                             std::to_string(INKSET_VERSION_MINOR) + "." +
                                             std::to_string(INKSET_VERSION_PATCH));
}

TEST_CASE("capi: init functions fill the C++ defaults and ignore NULL", "[capi]") {
  inkset_engine_config config;
  std::memset(&config, 0xab, sizeof config);
  inkset_engine_config_init(&config);
  CHECK(config.struct_size == sizeof config);
  CHECK(config.font_dir == nullptr);
  CHECK(config.no_system_fonts == 0);
  CHECK(config.shape_cache_bytes == 0);
  CHECK(config.glyph_cache_bytes == 0);
  CHECK(config.no_helper_threads == 0);

  inkset_layout_settings s;
  std::memset(&s, 0xab, sizeof s);
  inkset_layout_settings_init(&s);
  const inkset::LayoutSettings d;
  CHECK(s.struct_size == sizeof s);
  CHECK(s.page_width == d.page_width);
  CHECK(s.page_height == d.page_height);
  CHECK(s.dpi == d.dpi);
  CHECK(s.font_size_pt == d.font_size_pt);
  CHECK(s.theme == nullptr);
  CHECK(s.columns == d.columns);
  CHECK(s.margin_px == d.margin_px);
  CHECK(s.language == nullptr);
  CHECK(s.optimal_breaking == 1);
  CHECK(s.hyphenate == 1);

  inkset_engine_config_init(nullptr);
  inkset_layout_settings_init(nullptr);
}

TEST_CASE("capi: inkset_engine_new and its errors", "[capi]") {
  inkset_engine* engine = nullptr;
  SECTION("defaults") {
    REQUIRE(inkset_engine_new(nullptr, &engine) == INKSET_OK);
    CHECK(engine != nullptr);
    CHECK(inkset_last_error(nullptr) == INKSET_OK);
    CHECK(thread_message().empty());
    CHECK(inkset_engine_last_error(engine, nullptr) == INKSET_OK);
    CHECK(engine_message(engine).empty());
  }
  SECTION("an explicit font folder and cache sizes") {
    inkset_engine_config config;
    inkset_engine_config_init(&config);
    const std::string fonts = INKSET_SOURCE_DIR "/fonts";
    config.font_dir = fonts.c_str();
    config.no_system_fonts = 1;
    config.shape_cache_bytes = 1u << 20;
    config.glyph_cache_bytes = 1u << 20;
    config.no_helper_threads = 1;
    REQUIRE(inkset_engine_new(&config, &engine) == INKSET_OK);
  }
  SECTION("NULL engine_out") { require_null_handle(inkset_engine_new(nullptr, nullptr), "inkset_engine_new"); }
  SECTION("a config not filled by inkset_engine_config_init") {
    inkset_engine_config config;
    inkset_engine_config_init(&config);
    config.struct_size = 4;
    CHECK(inkset_engine_new(&config, &engine) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(thread_message(), "inkset_engine_config_init"));
  }
  SECTION("a font folder without fonts") {
    inkset_engine_config config;
    inkset_engine_config_init(&config);
    config.font_dir = INKSET_TEST_DATA "/no-such-folder";
    config.no_system_fonts = 1;
    CHECK(inkset_engine_new(&config, &engine) == INKSET_E_MISSING_FONT);
    CHECK(inkset_last_error(nullptr) == INKSET_E_MISSING_FONT);
    CHECK(contains(thread_message(), "no-such-folder"));
  }
  SECTION("INKSET_FONT_DIR names the default font folder") {
    REQUIRE(setenv("INKSET_FONT_DIR", INKSET_TEST_DATA "/no-fonts-here", 1) == 0);
    inkset_engine_config config;
    inkset_engine_config_init(&config);
    config.no_system_fonts = 1;
    const inkset_status status = inkset_engine_new(&config, &engine);
    unsetenv("INKSET_FONT_DIR");
    CHECK(status == INKSET_E_MISSING_FONT);
    CHECK(contains(thread_message(), "no-fonts-here"));
  }
  inkset_engine_free(engine);
  inkset_engine_free(nullptr);
}

TEST_CASE("capi: last-error getters with NULL handles", "[capi]") {
  const char* message = nullptr;
  CHECK(inkset_engine_last_error(nullptr, &message) == INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(message, "engine is NULL"));
  CHECK(inkset_document_last_error(nullptr, &message) == INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(message, "document is NULL"));
  CHECK(inkset_last_error(nullptr) == INKSET_E_BAD_ARGUMENTS);
}

TEST_CASE("capi: inkset_document_open_file and its errors", "[capi]") {
  EngineFixture f;
  inkset_document* document = nullptr;
  SECTION("default settings") {
    REQUIRE(inkset_document_open_file(f.engine, kSample.c_str(), nullptr, &document) == INKSET_OK);
    CHECK(inkset_engine_last_error(f.engine, nullptr) == INKSET_OK);
    inkset_layout_settings s;
    REQUIRE(inkset_document_get_layout(document, &s) == INKSET_OK);
    CHECK(s.page_width == inkset::LayoutSettings{}.page_width);
  }
  SECTION("a missing file: code and message on the engine") {
    const std::string missing = INKSET_TEST_DATA "/no-such-article.md";
    CHECK(inkset_document_open_file(f.engine, missing.c_str(), nullptr, &document) == INKSET_E_UNREADABLE_FILE);
    CHECK(document == nullptr);
    CHECK(inkset_engine_last_error(f.engine, nullptr) == INKSET_E_UNREADABLE_FILE);
    CHECK(contains(engine_message(f.engine), "no-such-article.md"));
  }
  SECTION("NULL engine") {
    require_null_handle(inkset_document_open_file(nullptr, kSample.c_str(), nullptr, &document),
                        "inkset_document_open_file");
  }
  SECTION("NULL path") {
    CHECK(inkset_document_open_file(f.engine, nullptr, nullptr, &document) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(engine_message(f.engine), "path is NULL"));
  }
  SECTION("NULL document_out") {
    CHECK(inkset_document_open_file(f.engine, kSample.c_str(), nullptr, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(engine_message(f.engine), "document_out is NULL"));
  }
  SECTION("a page size out of range") {
    inkset_layout_settings s = small_page();
    s.page_width = 5;
    CHECK(inkset_document_open_file(f.engine, kSample.c_str(), &s, &document) == INKSET_E_BAD_ARGUMENTS);
    CHECK(!engine_message(f.engine).empty());
  }
  SECTION("an unknown theme") {
    inkset_layout_settings s = small_page();
    s.theme = "no-such-theme";
    CHECK(inkset_document_open_file(f.engine, kSample.c_str(), &s, &document) != INKSET_OK);
    CHECK(contains(engine_message(f.engine), "no-such-theme"));
  }
  SECTION("settings not filled by inkset_layout_settings_init") {
    inkset_layout_settings s = small_page();
    s.struct_size = 8;
    CHECK(inkset_document_open_file(f.engine, kSample.c_str(), &s, &document) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(engine_message(f.engine), "inkset_layout_settings_init"));
  }
  inkset_document_free(document);
  inkset_document_free(nullptr);
}

TEST_CASE("capi: inkset_document_open_memory and its errors", "[capi]") {
  EngineFixture f;
  inkset_document* document = nullptr;
  SECTION("text that need not end in NUL, with its title") {
    const std::string text = "---\ntitle: Memory\n---\n\nA short article.\n\nIGNORED";
    const size_t size = text.size() - std::strlen("IGNORED");
    REQUIRE(inkset_document_open_memory(f.engine, text.data(), size, nullptr, nullptr, &document) == INKSET_OK);
    const char* title = nullptr;
    REQUIRE(inkset_document_title(document, &title) == INKSET_OK);
    CHECK(std::string(title) == "Memory");
    int count = 0;
    REQUIRE(inkset_document_page_count(document, &count) == INKSET_OK);
    CHECK(count == 1);
  }
  SECTION("bad front matter") {
    const std::string text = "---\ntitle: \"unterminated\n---\n\nBody.\n";
    CHECK(inkset_document_open_memory(f.engine, text.data(), text.size(), "", nullptr, &document) ==
          INKSET_E_BAD_ARTICLE);
    CHECK(contains(engine_message(f.engine), "line"));
  }
  SECTION("NULL engine") {
    require_null_handle(inkset_document_open_memory(nullptr, "x", 1, nullptr, nullptr, &document),
                        "inkset_document_open_memory");
  }
  SECTION("NULL data with a size") {
    CHECK(inkset_document_open_memory(f.engine, nullptr, 3, nullptr, nullptr, &document) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(engine_message(f.engine), "data is NULL"));
  }
  SECTION("NULL document_out") {
    CHECK(inkset_document_open_memory(f.engine, "x", 1, nullptr, nullptr, nullptr) == INKSET_E_BAD_ARGUMENTS);
  }
  inkset_document_free(document);
}

TEST_CASE("capi: set and get the layout", "[capi]") {
  DocumentFixture f;
  int before = 0;
  REQUIRE(inkset_document_page_count(f.document, &before) == INKSET_OK);

  inkset_layout_settings s = small_page();
  s.font_size_pt = 20;
  s.columns = 1;
  s.margin_px = 30;
  s.dpi = 150;
  s.theme = "kiosk";
  s.language = "en-GB";
  s.optimal_breaking = 0;
  s.hyphenate = 0;
  REQUIRE(inkset_document_set_layout(f.document, &s) == INKSET_OK);
  inkset_layout_settings got;
  REQUIRE(inkset_document_get_layout(f.document, &got) == INKSET_OK);
  CHECK(got.struct_size == sizeof got);
  CHECK(got.page_width == 600);
  CHECK(got.page_height == 800);
  CHECK(got.dpi == 150);
  CHECK(got.font_size_pt == 20);
  CHECK(std::string(got.theme) == "kiosk");
  CHECK(got.columns == 1);
  CHECK(got.margin_px == 30);
  CHECK(std::string(got.language) == "en-GB");
  CHECK(got.optimal_breaking == 0);
  CHECK(got.hyphenate == 0);
  int after = 0;
  REQUIRE(inkset_document_page_count(f.document, &after) == INKSET_OK);
  CHECK(after != before);

  SECTION("a bad theme keeps the settings in force") {
    s.theme = "no-such-theme";
    CHECK(inkset_document_set_layout(f.document, &s) != INKSET_OK);
    CHECK(contains(document_message(f.document), "no-such-theme"));
    REQUIRE(inkset_document_get_layout(f.document, &got) == INKSET_OK);
    CHECK(std::string(got.theme) == "kiosk");
    CHECK(inkset_document_last_error(f.document, nullptr) == INKSET_OK);
  }
  SECTION("bad values") {
    s.columns = 9;
    CHECK(inkset_document_set_layout(f.document, &s) == INKSET_E_BAD_ARGUMENTS);
    s.columns = 1;
    s.struct_size = 0;
    CHECK(inkset_document_set_layout(f.document, &s) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "struct_size"));
  }
  SECTION("NULL arguments") {
    CHECK(inkset_document_set_layout(f.document, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "settings is NULL"));
    CHECK(inkset_document_get_layout(f.document, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "settings_out is NULL"));
    require_null_handle(inkset_document_set_layout(nullptr, &s), "inkset_document_set_layout");
    require_null_handle(inkset_document_get_layout(nullptr, &got), "inkset_document_get_layout");
  }
}

TEST_CASE("capi: title", "[capi]") {
  DocumentFixture f;
  const char* title = nullptr;
  REQUIRE(inkset_document_title(f.document, &title) == INKSET_OK);
  CHECK(contains(title, "Hikvision"));
  CHECK(inkset_document_title(f.document, nullptr) == INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(document_message(f.document), "title_out is NULL"));
  require_null_handle(inkset_document_title(nullptr, &title), "inkset_document_title");
}

TEST_CASE("capi: pages are counted incrementally", "[capi]") {
  EngineFixture f;
  inkset_document* document = nullptr;
  REQUIRE(inkset_document_open_file(f.engine, kLongform.c_str(), nullptr, &document) == INKSET_OK);
  int exists = -1, so_far = -1, complete = -1, count = -1;
  REQUIRE(inkset_document_ensure_page(document, 0, &exists) == INKSET_OK);
  CHECK(exists == 1);
  REQUIRE(inkset_document_pages_so_far(document, &so_far) == INKSET_OK);
  REQUIRE(inkset_document_layout_complete(document, &complete) == INKSET_OK);
  CHECK(so_far >= 1);
  CHECK(complete == 0);

  REQUIRE(inkset_document_page_count(document, &count) == INKSET_OK);
  CHECK(count > so_far);
  REQUIRE(inkset_document_layout_complete(document, &complete) == INKSET_OK);
  CHECK(complete == 1);
  REQUIRE(inkset_document_pages_so_far(document, &so_far) == INKSET_OK);
  CHECK(so_far == count);
  REQUIRE(inkset_document_ensure_page(document, count - 1, &exists) == INKSET_OK);
  CHECK(exists == 1);
  REQUIRE(inkset_document_ensure_page(document, count, &exists) == INKSET_OK);
  CHECK(exists == 0);

  SECTION("errors") {
    CHECK(inkset_document_ensure_page(document, -1, &exists) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(document), "negative"));
    CHECK(inkset_document_ensure_page(document, 0, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_pages_so_far(document, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_layout_complete(document, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_page_count(document, nullptr) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(document), "count_out is NULL"));
    require_null_handle(inkset_document_ensure_page(nullptr, 0, &exists), "inkset_document_ensure_page");
    require_null_handle(inkset_document_pages_so_far(nullptr, &so_far), "inkset_document_pages_so_far");
    require_null_handle(inkset_document_layout_complete(nullptr, &complete), "inkset_document_layout_complete");
    require_null_handle(inkset_document_page_count(nullptr, &count), "inkset_document_page_count");
  }
  inkset_document_free(document);
}

TEST_CASE("capi: page size follows the rotation", "[capi]") {
  DocumentFixture f;
  int w = 0, h = 0;
  REQUIRE(inkset_document_page_size(f.document, 0, &w, &h) == INKSET_OK);
  CHECK((w == 600 && h == 800));
  REQUIRE(inkset_document_page_size(f.document, 270, &w, &h) == INKSET_OK);
  CHECK((w == 800 && h == 600));
  CHECK(inkset_document_page_size(f.document, 45, &w, &h) == INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(document_message(f.document), "rotation"));
  CHECK(inkset_document_page_size(f.document, 0, nullptr, &h) == INKSET_E_BAD_ARGUMENTS);
  require_null_handle(inkset_document_page_size(nullptr, 0, &w, &h), "inkset_document_page_size");
}

TEST_CASE("capi: rendering into the caller's buffer", "[capi]") {
  DocumentFixture f;
  const int w = 600, h = 800;

  SECTION("gray pixels equal the C++ API's, at any stride") {
    auto engine = inkset::Engine::create();
    REQUIRE(engine.ok());
    inkset::LayoutSettings settings;
    settings.page_width = w;
    settings.page_height = h;
    auto document = inkset::Document::open_file(**engine, kSample, settings);
    REQUIRE(document.ok());
    auto expected = (*document)->render_page(2);
    REQUIRE(expected.ok());

    const int stride = w + 24;
    std::vector<uint8_t> buffer(static_cast<size_t>(stride) * h, 7);
    REQUIRE(inkset_document_render_page(f.document, 2, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(), buffer.size(),
                                        stride) == INKSET_OK);
    CHECK(inkset_document_last_error(f.document, nullptr) == INKSET_OK);
    bool same = true;
    for (int y = 0; y < h; ++y)
      same = same && std::memcmp(buffer.data() + static_cast<size_t>(y) * stride,
                                 expected->pixels.data() + static_cast<size_t>(y) * expected->stride, w) == 0;
    CHECK(same);
    CHECK(buffer[w] == 7);  // the padding is the caller's
  }
  SECTION("every format, gray level and rotation") {
    struct Case {
      inkset_pixel_format format;
      int bytes;
    };
    for (const Case c : {Case{INKSET_FORMAT_GRAY8, 1}, Case{INKSET_FORMAT_RGBA8888, 4}, Case{INKSET_FORMAT_BGRA8888, 4},
                         Case{INKSET_FORMAT_RGB565, 2}}) {
      for (const int rotation : {0, 90, 180, 270}) {
        int rw = 0, rh = 0;
        REQUIRE(inkset_document_page_size(f.document, rotation, &rw, &rh) == INKSET_OK);
        std::vector<uint8_t> buffer(static_cast<size_t>(rw) * rh * c.bytes, 0);
        CHECK(inkset_document_render_page(f.document, 0, c.format, 16, rotation, buffer.data(), buffer.size(),
                                          rw * c.bytes) == INKSET_OK);
        CHECK(std::count(buffer.begin(), buffer.end(), 0) < static_cast<long>(buffer.size()));
      }
    }
  }
  SECTION("errors") {
    std::vector<uint8_t> buffer(static_cast<size_t>(w) * h);
    int count = 0;
    REQUIRE(inkset_document_page_count(f.document, &count) == INKSET_OK);
    CHECK(inkset_document_render_page(f.document, count, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(), buffer.size(),
                                      w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "does not exist"));
    CHECK(inkset_document_render_page(f.document, -1, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(), buffer.size(),
                                      w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(), buffer.size() - 1,
                                      w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "too small"));
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(), buffer.size(),
                                      w - 1) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_RGBA8888, 256, 0, buffer.data(), buffer.size(),
                                      w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_GRAY8, 256, 0, nullptr, buffer.size(), w) ==
          INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "buffer is NULL"));
    CHECK(inkset_document_render_page(f.document, 0, static_cast<inkset_pixel_format>(42), 256, 0, buffer.data(),
                                      buffer.size(), w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "pixel format"));
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_GRAY8, 8, 0, buffer.data(), buffer.size(), w) ==
          INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "gray levels"));
    CHECK(inkset_document_render_page(f.document, 0, INKSET_FORMAT_GRAY8, 256, 360, buffer.data(), buffer.size(),
                                      w) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "rotation"));
    require_null_handle(inkset_document_render_page(nullptr, 0, INKSET_FORMAT_GRAY8, 256, 0, buffer.data(),
                                                    buffer.size(), w),
                        "inkset_document_render_page");
  }
}

TEST_CASE("capi: reading positions survive a relayout", "[capi]") {
  DocumentFixture f;
  size_t needed = 0;
  CHECK(inkset_document_position_of_page(f.document, 2, nullptr, 0, &needed) == INKSET_E_BAD_ARGUMENTS);
  REQUIRE(needed > 1);
  std::string position(needed, '#');
  CHECK(inkset_document_position_of_page(f.document, 2, position.data(), needed - 1, nullptr) ==
        INKSET_E_BAD_ARGUMENTS);
  CHECK(contains(document_message(f.document), "needs"));
  CHECK(position[0] == '#');
  REQUIRE(inkset_document_position_of_page(f.document, 2, position.data(), position.size(), &needed) == INKSET_OK);
  CHECK(position.back() == '\0');
  CHECK(std::strlen(position.c_str()) + 1 == needed);

  int page = -1;
  REQUIRE(inkset_document_page_of_position(f.document, position.c_str(), &page) == INKSET_OK);
  CHECK(page == 2);

  // A smaller page shows the same place further on.
  inkset_layout_settings s = small_page();
  s.page_height = 400;
  REQUIRE(inkset_document_set_layout(f.document, &s) == INKSET_OK);
  REQUIRE(inkset_document_page_of_position(f.document, position.c_str(), &page) == INKSET_OK);
  CHECK(page > 2);

  SECTION("errors") {
    int count = 0;
    REQUIRE(inkset_document_page_count(f.document, &count) == INKSET_OK);
    CHECK(inkset_document_position_of_page(f.document, count, position.data(), position.size(), &needed) ==
          INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "does not exist"));
    CHECK(inkset_document_position_of_page(f.document, -1, position.data(), position.size(), &needed) ==
          INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_page_of_position(f.document, "not a position", &page) == INKSET_E_BAD_ARGUMENTS);
    CHECK(contains(document_message(f.document), "position"));
    CHECK(inkset_document_page_of_position(f.document, nullptr, &page) == INKSET_E_BAD_ARGUMENTS);
    CHECK(inkset_document_page_of_position(f.document, position.c_str(), nullptr) == INKSET_E_BAD_ARGUMENTS);
    require_null_handle(inkset_document_position_of_page(nullptr, 0, position.data(), position.size(), &needed),
                        "inkset_document_position_of_page");
    require_null_handle(inkset_document_page_of_position(nullptr, position.c_str(), &page),
                        "inkset_document_page_of_position");
  }
}
