// The C API: a thin wrapper over <inkset/document.h>. Its whole job is the boundary: check what C
// callers can get wrong (NULL, sizes, enum values), turn Result into status + per-handle message, and
// stop every exception here, since unwinding into C code is undefined behaviour.
#include <inkset/inkset.h>

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include <inkset/document.h>

namespace {

struct LastError {
  inkset_status code = INKSET_OK;
  std::string text;
  const char* fallback = nullptr;  // when even the message could not be allocated

  void set(inkset_status c, std::string_view message) noexcept {
    code = c;
    fallback = nullptr;
    try {
      text.assign(message);
    } catch (...) {
      text.clear();
      fallback = "out of memory while recording an error";
    }
  }
  const char* message() const noexcept { return fallback ? fallback : text.c_str(); }
};

thread_local LastError t_last_error;

}  // namespace

struct inkset_engine {
  std::unique_ptr<inkset::Engine> engine;
  LastError error;
};

struct inkset_document {
  std::unique_ptr<inkset::Document> document;
  LastError error;
};

namespace {

inkset_status to_status(inkset::ErrorCode code) {
  switch (code) {
    case inkset::ErrorCode::kOk: return INKSET_OK;
    case inkset::ErrorCode::kBadArguments: return INKSET_E_BAD_ARGUMENTS;
    case inkset::ErrorCode::kUnreadableFile: return INKSET_E_UNREADABLE_FILE;
    case inkset::ErrorCode::kBadArticle: return INKSET_E_BAD_ARTICLE;
    case inkset::ErrorCode::kLimitExceeded: return INKSET_E_LIMIT_EXCEEDED;
    case inkset::ErrorCode::kMissingFont: return INKSET_E_MISSING_FONT;
    case inkset::ErrorCode::kInternal: return INKSET_E_INTERNAL;
  }
  return INKSET_E_INTERNAL;
}

inkset::Error bad_arguments(const char* function, std::string_view what) {
  return inkset::make_error(inkset::ErrorCode::kBadArguments, std::string(function) + ": " + std::string(what));
}

// Runs body (returning inkset::Status) and records its outcome in `record`; nothing escapes.
template <typename F>
inkset_status guarded(LastError& record, F&& body) noexcept {
  try {
    inkset::Status status = body();
    if (status) {
      record.set(INKSET_OK, "");
      return INKSET_OK;
    }
    const inkset_status code = to_status(status.error().code);
    record.set(code, status.error().message);
    return code;
  } catch (const std::bad_alloc&) {
    record.set(INKSET_E_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    record.set(INKSET_E_INTERNAL, e.what());
  } catch (...) {
    record.set(INKSET_E_INTERNAL, "unknown internal failure");
  }
  return INKSET_E_INTERNAL;
}

// A problem found in a part of the article parsed after the open ends the article; it is the outcome
// of a call that could not go on because of it.
inkset::Status late_error_or_ok(const inkset::Document& document, bool stopped) {
  const inkset::Error* e = document.late_error();
  if (stopped && e) return *e;
  return inkset::ok_status();
}

inkset_status null_handle(const char* function, const char* name) noexcept {
  return guarded(t_last_error, [&]() -> inkset::Status { return bad_arguments(function, std::string(name) + " is NULL"); });
}

template <typename Struct>
bool too_small(const Struct* s) {
  return s->struct_size < sizeof(Struct);
}

inkset::Status check_rotation(const char* function, int rotation) {
  if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270)
    return bad_arguments(function, "rotation must be 0, 90, 180 or 270, not " + std::to_string(rotation));
  return inkset::ok_status();
}

inkset::Result<inkset::LayoutSettings> to_settings(const char* function, const inkset_layout_settings* in) {
  inkset::LayoutSettings s;
  if (!in) return s;
  if (too_small(in))
    return bad_arguments(function, "settings.struct_size is too small: fill it with inkset_layout_settings_init");
  s.page_width = in->page_width;
  s.page_height = in->page_height;
  s.dpi = in->dpi;
  s.font_size_pt = in->font_size_pt;
  if (in->theme) s.theme = in->theme;
  s.columns = in->columns;
  s.margin_px = in->margin_px;
  if (in->language) s.language = in->language;
  s.optimal_breaking = in->optimal_breaking != 0;
  s.hyphenate = in->hyphenate != 0;
  return s;
}

// open: (const inkset::LayoutSettings&) -> Result<std::unique_ptr<Document>>.
template <typename F>
inkset_status open_document(const char* function, inkset_engine* engine, const inkset_layout_settings* settings,
                            inkset_document** document_out, F&& open) {
  if (!engine) return null_handle(function, "engine");
  return guarded(engine->error, [&]() -> inkset::Status {
    if (!document_out) return bad_arguments(function, "document_out is NULL");
    auto s = to_settings(function, settings);
    if (!s) return std::move(s).take_error();
    auto opened = open(*s);
    if (!opened) return std::move(opened).take_error();
    auto handle = std::make_unique<inkset_document>();
    handle->document = std::move(opened.value());
    *document_out = handle.release();
    return inkset::ok_status();
  });
}

}  // namespace

extern "C" {

const char* inkset_version(void) { return INKSET_VERSION_STRING; }

inkset_status inkset_last_error(const char** message) {
  if (message) *message = t_last_error.message();
  return t_last_error.code;
}

void inkset_engine_config_init(inkset_engine_config* config) {
  if (!config) return;
  std::memset(config, 0, sizeof *config);
  config->struct_size = sizeof *config;
}

void inkset_layout_settings_init(inkset_layout_settings* settings) {
  if (!settings) return;
  const inkset::LayoutSettings d;
  std::memset(settings, 0, sizeof *settings);
  settings->struct_size = sizeof *settings;
  settings->page_width = d.page_width;
  settings->page_height = d.page_height;
  settings->dpi = d.dpi;
  settings->font_size_pt = d.font_size_pt;
  settings->columns = d.columns;
  settings->margin_px = d.margin_px;
  settings->optimal_breaking = d.optimal_breaking;
  settings->hyphenate = d.hyphenate;
}

inkset_status inkset_engine_new(const inkset_engine_config* config, inkset_engine** engine_out) {
  const char* const fn = __func__;
  return guarded(t_last_error, [&]() -> inkset::Status {
    if (!engine_out) return bad_arguments(fn, "engine_out is NULL");
    inkset::EngineConfig c;
    if (config) {
      if (too_small(config))
        return bad_arguments(fn, "config.struct_size is too small: fill it with inkset_engine_config_init");
      if (config->font_dir) c.font_directories = {config->font_dir};
      c.no_system_fonts = config->no_system_fonts != 0;
      if (config->shape_cache_bytes) c.shape_cache_bytes = config->shape_cache_bytes;
      if (config->glyph_cache_bytes) c.glyph_cache_bytes = config->glyph_cache_bytes;
      c.helper_threads = config->no_helper_threads == 0;
    }
    auto created = inkset::Engine::create(c);
    if (!created) return std::move(created).take_error();
    auto handle = std::make_unique<inkset_engine>();
    handle->engine = std::move(created.value());
    *engine_out = handle.release();
    return inkset::ok_status();
  });
}

void inkset_engine_free(inkset_engine* engine) { delete engine; }

inkset_status inkset_engine_last_error(const inkset_engine* engine, const char** message) {
  if (!engine) {
    const inkset_status code = null_handle(__func__, "engine");
    if (message) *message = t_last_error.message();
    return code;
  }
  if (message) *message = engine->error.message();
  return engine->error.code;
}


inkset_status inkset_document_open_file(inkset_engine* engine, const char* path, const inkset_layout_settings* settings,
                                        inkset_document** document_out) {
  const char* const fn = __func__;
  return open_document(fn, engine, settings, document_out,
                       [&](const inkset::LayoutSettings& s) -> inkset::Result<std::unique_ptr<inkset::Document>> {
    if (!path) return bad_arguments(fn, "path is NULL");
    return inkset::Document::open_file(*engine->engine, path, s);
  });
}

inkset_status inkset_document_open_memory(inkset_engine* engine, const char* data, size_t size, const char* base_dir,
                                          const inkset_layout_settings* settings, inkset_document** document_out) {
  const char* const fn = __func__;
  return open_document(fn, engine, settings, document_out,
                       [&](const inkset::LayoutSettings& s) -> inkset::Result<std::unique_ptr<inkset::Document>> {
    if (!data && size > 0) return bad_arguments(fn, "data is NULL");
    return inkset::Document::open_memory(*engine->engine, std::string_view(data ? data : "", size),
                                         base_dir ? base_dir : "", s);
  });
}

void inkset_document_free(inkset_document* document) { delete document; }

inkset_status inkset_document_last_error(const inkset_document* document, const char** message) {
  if (!document) {
    const inkset_status code = null_handle(__func__, "document");
    if (message) *message = t_last_error.message();
    return code;
  }
  if (message) *message = document->error.message();
  return document->error.code;
}

inkset_status inkset_document_set_layout(inkset_document* document, const inkset_layout_settings* settings) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!settings) return bad_arguments(fn, "settings is NULL");
    auto s = to_settings(fn, settings);
    if (!s) return std::move(s).take_error();
    return document->document->set_layout(*s);
  });
}

inkset_status inkset_document_get_layout(inkset_document* document, inkset_layout_settings* settings_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!settings_out) return bad_arguments(fn, "settings_out is NULL");
    const inkset::LayoutSettings& s = document->document->layout();
    inkset_layout_settings_init(settings_out);
    settings_out->page_width = s.page_width;
    settings_out->page_height = s.page_height;
    settings_out->dpi = s.dpi;
    settings_out->font_size_pt = s.font_size_pt;
    settings_out->theme = s.theme.c_str();
    settings_out->columns = s.columns;
    settings_out->margin_px = s.margin_px;
    settings_out->language = s.language.c_str();
    settings_out->optimal_breaking = s.optimal_breaking;
    settings_out->hyphenate = s.hyphenate;
    return inkset::ok_status();
  });
}

inkset_status inkset_document_title(inkset_document* document, const char** title_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!title_out) return bad_arguments(fn, "title_out is NULL");
    *title_out = document->document->title().c_str();
    return inkset::ok_status();
  });
}

inkset_status inkset_document_pages_so_far(inkset_document* document, int* pages_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!pages_out) return bad_arguments(fn, "pages_out is NULL");
    *pages_out = document->document->pages_so_far();
    return inkset::ok_status();
  });
}

inkset_status inkset_document_layout_complete(inkset_document* document, int* complete_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!complete_out) return bad_arguments(fn, "complete_out is NULL");
    *complete_out = document->document->layout_complete() ? 1 : 0;
    return inkset::ok_status();
  });
}

inkset_status inkset_document_ensure_page(inkset_document* document, int index, int* exists_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!exists_out) return bad_arguments(fn, "exists_out is NULL");
    if (index < 0) return bad_arguments(fn, "page index " + std::to_string(index) + " is negative");
    *exists_out = document->document->ensure_page(index) ? 1 : 0;
    return late_error_or_ok(*document->document, *exists_out == 0);
  });
}

inkset_status inkset_document_page_count(inkset_document* document, int* count_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!count_out) return bad_arguments(fn, "count_out is NULL");
    *count_out = document->document->page_count();
    return late_error_or_ok(*document->document, true);
  });
}

inkset_status inkset_document_page_size(inkset_document* document, int rotation, int* width_out, int* height_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!width_out || !height_out) return bad_arguments(fn, "width_out or height_out is NULL");
    INKSET_TRY(check_rotation(fn, rotation));
    const inkset::LayoutSettings& s = document->document->layout();
    const bool turned = rotation == 90 || rotation == 270;
    *width_out = turned ? s.page_height : s.page_width;
    *height_out = turned ? s.page_width : s.page_height;
    return inkset::ok_status();
  });
}

inkset_status inkset_document_render_page(inkset_document* document, int index, inkset_pixel_format format,
                                          int gray_levels, int rotation, uint8_t* buffer, size_t buffer_size,
                                          int stride) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!buffer) return bad_arguments(fn, "buffer is NULL");
    inkset::RenderSettings r;
    // A C caller may pass any value: read it as its underlying integer, since loading an
    // out-of-range value as the enum type is undefined behaviour.
    std::underlying_type_t<inkset_pixel_format> format_value;
    static_assert(sizeof format_value == sizeof format);
    std::memcpy(&format_value, &format, sizeof format_value);
    switch (format_value) {
      case INKSET_FORMAT_GRAY8: r.format = inkset::PixelFormat::kGray8; break;
      case INKSET_FORMAT_RGBA8888: r.format = inkset::PixelFormat::kRgba8888; break;
      case INKSET_FORMAT_BGRA8888: r.format = inkset::PixelFormat::kBgra8888; break;
      case INKSET_FORMAT_RGB565: r.format = inkset::PixelFormat::kRgb565; break;
      default: return bad_arguments(fn, "unknown pixel format " + std::to_string(format_value));
    }
    INKSET_TRY(check_rotation(fn, rotation));
    r.gray_levels = gray_levels;
    r.rotation = rotation;
    return document->document->render_page_into(index, r, buffer, buffer_size, stride);
  });
}

inkset_status inkset_document_position_of_page(inkset_document* document, int index, char* buffer, size_t buffer_size,
                                               size_t* needed_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (index < 0 || !document->document->ensure_page(index))
      return bad_arguments(fn, "page " + std::to_string(index) + " does not exist (the article has " +
                                         std::to_string(document->document->page_count()) + " pages, counted from 0)");
    const std::string position = document->document->position_of_page(index);
    const size_t needed = position.size() + 1;
    if (needed_out) *needed_out = needed;
    if (!buffer || buffer_size < needed)
      return bad_arguments(fn, "the buffer holds " + std::to_string(buffer_size) + " bytes, the position needs " +
                                         std::to_string(needed));
    std::memcpy(buffer, position.c_str(), needed);
    return inkset::ok_status();
  });
}

inkset_status inkset_document_page_of_position(inkset_document* document, const char* position, int* page_out) {
  const char* const fn = __func__;
  if (!document) return null_handle(fn, "document");
  return guarded(document->error, [&]() -> inkset::Status {
    if (!position || !page_out) return bad_arguments(fn, "position or page_out is NULL");
    const int page = document->document->page_of_position(position);
    if (page < 0) return bad_arguments(fn, "the position does not name a place in this article");
    *page_out = page;
    return inkset::ok_status();
  });
}

}  // extern "C"
