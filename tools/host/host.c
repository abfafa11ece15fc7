/* A program embedding inkset through its C API only, as e-reader firmware would: it opens an article,
 * renders page 3 at 600x800 into a buffer it owns and writes that buffer as a binary PGM.
 * Usage: host ARTICLE.md OUT.pgm [FONT_DIR] */
#include <inkset/inkset.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kPageIndex = 2, kWidth = 600, kHeight = 800 };

static int fail(const char* what, inkset_status code, const char* message) {
  fprintf(stderr, "host: %s: %s (status %d)\n", what, message, (int)code);
  return 1;
}

static int write_pgm(const char* path, const uint8_t* pixels, int width, int height, int stride) {
  FILE* f = fopen(path, "wb");
  if (!f) return 0;
  int ok = fprintf(f, "P5\n%d %d\n255\n", width, height) > 0;
  for (int y = 0; ok && y < height; ++y) ok = fwrite(pixels + (size_t)y * stride, 1, (size_t)width, f) == (size_t)width;
  return fclose(f) == 0 && ok;
}

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: host ARTICLE.md OUT.pgm [FONT_DIR]\n");
    return 2;
  }
  if (strcmp(inkset_version(), INKSET_VERSION_STRING) != 0)
    fprintf(stderr, "host: built with inkset %s, running with %s\n", INKSET_VERSION_STRING, inkset_version());

  inkset_engine_config config;
  inkset_engine_config_init(&config);
  config.font_dir = argc == 4 ? argv[3] : NULL;
  inkset_engine* engine = NULL;
  inkset_status status = inkset_engine_new(&config, &engine);
  if (status != INKSET_OK) {
    const char* message;
    inkset_last_error(&message);
    return fail("cannot start the engine", status, message);
  }

  inkset_layout_settings settings;
  inkset_layout_settings_init(&settings);
  settings.page_width = kWidth;
  settings.page_height = kHeight;
  inkset_document* document = NULL;
  status = inkset_document_open_file(engine, argv[1], &settings, &document);
  if (status != INKSET_OK) {
    const char* message;
    inkset_engine_last_error(engine, &message);
    int code = fail(argv[1], status, message);
    inkset_engine_free(engine);
    return code;
  }

  int width = 0, height = 0;
  inkset_document_page_size(document, 0, &width, &height);
  const int stride = width;
  const size_t size = (size_t)stride * (size_t)height;
  uint8_t* pixels = malloc(size);
  int code = 0;
  if (!pixels) {
    code = fail("cannot allocate the page", INKSET_E_INTERNAL, "out of memory");
  } else if ((status = inkset_document_render_page(document, kPageIndex, INKSET_FORMAT_GRAY8, 256, 0, pixels, size,
                                                   stride)) != INKSET_OK) {
    const char* message;
    inkset_document_last_error(document, &message);
    code = fail("cannot render page 3", status, message);
  } else if (!write_pgm(argv[2], pixels, width, height, stride)) {
    code = fail(argv[2], INKSET_E_UNREADABLE_FILE, "cannot write the file");
  }
  free(pixels);
  inkset_document_free(document);
  inkset_engine_free(engine);
  return code;
}
