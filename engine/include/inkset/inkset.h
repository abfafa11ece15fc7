/* The C API of inkset: a stable ABI over the C++ API of <inkset/document.h>, for firmware, other
 * languages and programs that link libinkset.so.
 *
 * Conventions, for every function below unless its comment says otherwise:
 * - Fallible calls return an inkset_status; INKSET_OK is 0. Results come back through out-parameters,
 *   which are written only on success.
 * - Errors are remembered per handle: inkset_engine_last_error / inkset_document_last_error give the
 *   code and a one-line message of the most recent status-returning call on that handle (INKSET_OK and
 *   "" after a success). A call that has no handle to record on (a null handle, a failed
 *   inkset_engine_new) records in the calling thread's error instead: inkset_last_error.
 * - Ownership: a handle belongs to the caller from the call that creates it until the matching _free.
 *   Strings and buffers passed in are borrowed for the duration of the call only. Strings handed out
 *   are owned by the library and valid until the next call on the same handle (or thread).
 * - Thread-safety: an engine and the documents opened on it are used by one thread at a time; use one
 *   engine per thread. Different engines are independent. inkset_version and the *_init functions
 *   may be called from any thread at any time.
 * - No C++ exception or type crosses this API; a failed allocation inside returns INKSET_E_INTERNAL.
 * - Settings structs start with struct_size; fill them with their _init function first, so a program
 *   built against this header keeps working with a later library that has added fields. */
#ifndef INKSET_INKSET_H
#define INKSET_INKSET_H

#include <stddef.h>
#include <stdint.h>

#include <inkset/version.h>

#if defined(__GNUC__)
#define INKSET_API __attribute__((visibility("default")))
#else
#define INKSET_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The values are those of inkset::ErrorCode, which are also the exit codes of the inkset CLI. */
typedef enum inkset_status {
  INKSET_OK = 0,
  INKSET_E_BAD_ARGUMENTS = 2,   /* null handle or pointer, bad page number, too-small buffer, bad setting */
  INKSET_E_UNREADABLE_FILE = 3, /* a file is missing or cannot be read */
  INKSET_E_BAD_ARTICLE = 4,     /* the article cannot be parsed (bad UTF-8, bad front matter) */
  INKSET_E_LIMIT_EXCEEDED = 5,  /* the input exceeds a hard limit (size, nesting) */
  INKSET_E_MISSING_FONT = 6,    /* no usable font in the font directory */
  INKSET_E_INTERNAL = 70        /* a bug or an exhausted resource (memory) */
} inkset_status;

typedef enum inkset_pixel_format {
  INKSET_FORMAT_GRAY8 = 0,    /* 1 byte per pixel, 0 black .. 255 white */
  INKSET_FORMAT_RGBA8888 = 1, /* bytes R, G, B, A */
  INKSET_FORMAT_BGRA8888 = 2, /* bytes B, G, R, A (XRGB8888 little-endian framebuffers) */
  INKSET_FORMAT_RGB565 = 3    /* 16-bit little-endian */
} inkset_pixel_format;

/* Fonts and caches shared by the documents opened on it. */
typedef struct inkset_engine inkset_engine;
/* One article laid out into pages, rendered on demand. */
typedef struct inkset_document inkset_document;

typedef struct inkset_engine_config {
  size_t struct_size;       /* sizeof(inkset_engine_config), set by inkset_engine_config_init */
  const char* font_dir;     /* the folder of the text fonts; NULL: $INKSET_FONT_DIR, else the bundled fonts */
  int no_system_fonts;      /* nonzero: no CJK or emoji fallback from the system font folders */
  size_t shape_cache_bytes; /* 0: the default (8 MiB) */
  size_t glyph_cache_bytes; /* 0: the default (4 MiB) */
  int no_helper_threads; /* nonzero: no helper threads (shaping ahead of the layout, drawing glyphs) */
} inkset_engine_config;

typedef struct inkset_layout_settings {
  size_t struct_size;  /* sizeof(inkset_layout_settings), set by inkset_layout_settings_init */
  int page_width;      /* pixels, 100..10000 (default 758) */
  int page_height;     /* pixels, 100..10000 (default 1024) */
  int dpi;             /* 50..1200 (default 212) */
  double font_size_pt; /* body size, 4..72; 0: the theme's */
  const char* theme;   /* "ereader", "kiosk" or a path to a .theme file; NULL: "ereader" */
  int columns;         /* 1..4; 0: the theme's choice */
  int margin_px;       /* all four margins; -1: the theme's */
  const char* language; /* BCP 47 tag for hyphenation and shaping; NULL or "": the article's */
  int optimal_breaking; /* nonzero (default): Knuth-Plass; 0: greedy first-fit */
  int hyphenate;        /* nonzero (default): as the theme says; 0: never */
} inkset_layout_settings;

/* The library's version as "MAJOR.MINOR.PATCH"; static storage. Compare with INKSET_VERSION_STRING to
 * detect a program running against another library than it was built with. */
INKSET_API const char* inkset_version(void);

/* The calling thread's last error (see the conventions above). Returns its code; *message (if
 * message is not NULL) is set to a string valid until the thread's next failing call. */
INKSET_API inkset_status inkset_last_error(const char** message);

/* Fill with the defaults. No effect if the pointer is NULL. */
INKSET_API void inkset_engine_config_init(inkset_engine_config* config);
INKSET_API void inkset_layout_settings_init(inkset_layout_settings* settings);

/* Loads the fonts and sets up the caches. config may be NULL for the defaults. On success *engine_out
 * is a new engine, freed with inkset_engine_free after every document opened on it. On failure
 * *engine_out is untouched and the error is in inkset_last_error.
 * Errors: BAD_ARGUMENTS (engine_out NULL, struct_size too small), MISSING_FONT, INTERNAL. */
INKSET_API inkset_status inkset_engine_new(const inkset_engine_config* config, inkset_engine** engine_out);
/* Frees the engine. NULL is allowed and does nothing. Its documents must already be freed. */
INKSET_API void inkset_engine_free(inkset_engine* engine);
/* The engine's last error (see the conventions above); message may be NULL. For a NULL engine returns
 * BAD_ARGUMENTS with a message saying so. */
INKSET_API inkset_status inkset_engine_last_error(const inkset_engine* engine, const char** message);

/* Opens an article file (Markdown with optional front matter) and prepares its layout; pages are laid
 * out on demand. Images are resolved inside the article's folder only. settings may be NULL for the
 * defaults. On success *document_out is a new document that borrows the engine (free it before the
 * engine) and is freed with inkset_document_free. Errors are recorded on the engine.
 * Errors: BAD_ARGUMENTS (NULL engine, path or document_out; bad settings), UNREADABLE_FILE,
 * BAD_ARTICLE, LIMIT_EXCEEDED, INTERNAL. */
INKSET_API inkset_status inkset_document_open_file(inkset_engine* engine, const char* path,
                                                   const inkset_layout_settings* settings,
                                                   inkset_document** document_out);
/* As inkset_document_open_file for `size` bytes of Markdown at `data` (copied; need not be
 * NUL-terminated). base_dir: the folder images are resolved in; NULL or "": images are not loaded. */
INKSET_API inkset_status inkset_document_open_memory(inkset_engine* engine, const char* data, size_t size,
                                                     const char* base_dir, const inkset_layout_settings* settings,
                                                     inkset_document** document_out);
/* Frees the document. NULL is allowed and does nothing. */
INKSET_API void inkset_document_free(inkset_document* document);
/* The document's last error (see the conventions above); message may be NULL. */
INKSET_API inkset_status inkset_document_last_error(const inkset_document* document, const char** message);

/* Changes the page geometry, theme, font size, columns or language. Pages are laid out again from the
 * start on demand; page numbers from before are stale (keep a reading position instead). On failure
 * the previous settings stay in force. Errors: BAD_ARGUMENTS (NULL, bad value, unknown theme),
 * UNREADABLE_FILE (theme file). */
INKSET_API inkset_status inkset_document_set_layout(inkset_document* document, const inkset_layout_settings* settings);
/* The settings in force. The theme and language strings are owned by the document and valid until
 * the next call on it. */
INKSET_API inkset_status inkset_document_get_layout(inkset_document* document, inkset_layout_settings* settings_out);

/* The title from the article's front matter ("" if it has none), valid until the next call on the
 * document. */
INKSET_API inkset_status inkset_document_title(inkset_document* document, const char** title_out);

/* Incremental pagination: page k needs only the text before it, so a reader can show page 1 at once.
 * pages_so_far: pages laid out until now. layout_complete: nonzero once the article is fully laid out.
 * ensure_page: lays out until page `index` (0-based) exists or the article ends; *exists_out is 1 or 0.
 * page_count: finishes the layout and gives the final count.
 * A long article is parsed as its pages need it: a problem found far into it (a limit exceeded) ends
 * the article there. ensure_page, for a page past it, and page_count then return that error (with
 * the counts still set: the pages before it stand).
 * Errors: BAD_ARGUMENTS (NULL pointers, negative index); LIMIT_EXCEEDED, BAD_ARTICLE, INTERNAL as above. */
INKSET_API inkset_status inkset_document_pages_so_far(inkset_document* document, int* pages_out);
INKSET_API inkset_status inkset_document_layout_complete(inkset_document* document, int* complete_out);
INKSET_API inkset_status inkset_document_ensure_page(inkset_document* document, int index, int* exists_out);
INKSET_API inkset_status inkset_document_page_count(inkset_document* document, int* count_out);

/* The size in pixels of a rendered page at this rotation (0, 90, 180 or 270 degrees clockwise): the
 * buffer for inkset_document_render_page needs height rows of at least width * bytes per pixel. */
INKSET_API inkset_status inkset_document_page_size(inkset_document* document, int rotation, int* width_out,
                                                   int* height_out);

/* Renders page `index` (0-based) into the caller's buffer: `stride` bytes per row, at least
 * stride * (height - 1) + width * bytes per pixel bytes in all (see inkset_document_page_size).
 * gray_levels: 256, or 16 for 4-bit e-ink (photos dithered, text not). The buffer is borrowed for the
 * call. Errors: BAD_ARGUMENTS (NULL document or buffer, page does not exist, buffer or stride too
 * small, bad format, gray levels or rotation), INTERNAL. */
INKSET_API inkset_status inkset_document_render_page(inkset_document* document, int index, inkset_pixel_format format,
                                                     int gray_levels, int rotation, uint8_t* buffer,
                                                     size_t buffer_size, int stride);

/* Reading positions: an opaque NUL-terminated string naming a place in the article, valid across
 * layouts, font sizes and page sizes of the same article; save it to resume reading later.
 * position_of_page writes the position of the first thing on page `index` into buffer (buffer_size
 * bytes) and sets *needed_out (if not NULL) to the bytes it needs including the NUL, also when the
 * buffer is too small; call with buffer NULL and buffer_size 0 to ask for the size.
 * Errors: BAD_ARGUMENTS (NULL document, page does not exist, buffer too small). */
INKSET_API inkset_status inkset_document_position_of_page(inkset_document* document, int index, char* buffer,
                                                          size_t buffer_size, size_t* needed_out);
/* The page (0-based) that shows a saved position, laying out as far as needed.
 * Errors: BAD_ARGUMENTS (NULL pointers, a position that does not name a place in this article). */
INKSET_API inkset_status inkset_document_page_of_position(inkset_document* document, const char* position,
                                                          int* page_out);

#ifdef __cplusplus
}
#endif

#endif /* INKSET_INKSET_H */
