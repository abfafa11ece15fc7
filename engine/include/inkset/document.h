#pragma once
// The C++ API of inkset: an Engine (fonts and caches, shared by documents) and Documents (one
// article laid out into pages, rendered on demand).
//
// Thread-safety: an Engine and the Documents opened on it are used from one thread at a time.
// Separate Engines are independent and may be used from different threads.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <inkset/result.h>

namespace inkset {

// Bounds on the work and memory one article can cause: content from feeds nobody reviewed must end
// in pages or in a clear error, never in a crash, a hang or exhausted memory. Each has a CLI option
// (inkset --help). "Refused" means the article fails with ErrorCode::kLimitExceeded (exit code 5);
// "placeholder" means the rest of the article is still shown and a warning says what was left out.
struct Limits {
  size_t max_article_bytes = 16u << 20;    // --max-article-mb: larger articles are refused
  int max_nesting = 64;                    // --max-nesting: deeper quotes and lists are shown at this depth
  size_t max_blocks = 1'000'000;           // --max-blocks: more blocks (paragraphs, items, cells) are refused
  size_t max_paragraph_bytes = 2u << 20;   // --max-paragraph-kb: a longer paragraph is refused
  // --greedy-paragraph-kb: longer paragraphs are broken first-fit (linear time) instead of Knuth-Plass.
  size_t greedy_paragraph_bytes = 64u << 10;
  size_t max_table_cells = 100'000;        // --max-table-cells: rows x columns of one table; more is refused
  size_t max_image_file_bytes = 32u << 20;  // --max-image-mb: larger image files are placeholders
  uint64_t max_image_pixels = 40'000'000;  // --max-image-megapixels: width x height from the header, before decoding
  int max_images = 256;                    // --max-images: further images of an article are placeholders
  size_t max_font_file_bytes = 64u << 20;  // --max-font-mb: larger font files are skipped with a warning
  // --layout-budget-ms: layout time per article; past it, the rest is broken first-fit (never dropped).
  double layout_budget_ms = 5000;
};

struct EngineConfig {
  // Font directories searched in order; empty means the bundled fonts folder. System fallback
  // directories (CJK, emoji) are added after them unless no_system_fonts is set.
  std::vector<std::string> font_directories;
  bool no_system_fonts = false;
  size_t shape_cache_bytes = 8u << 20;
  size_t glyph_cache_bytes = 4u << 20;
  // Use a second core, on machines with more than one: one helper thread shapes an article's words
  // ahead of its layout, another draws half of a page's new glyphs (each started on first need and
  // kept for the engine's life). The pages are the same without them. Turn them off where every core
  // is busy already, e.g. when documents are laid out in parallel.
  bool helper_threads = true;
  Limits limits;  // for every document opened on the engine
};

struct LayoutSettings {
  int page_width = 758;   // pixels
  int page_height = 1024;
  int dpi = 212;
  double font_size_pt = 0;    // 0: the theme's body size
  std::string theme = "ereader";  // a built-in theme name or a path to a .theme file
  int columns = 0;            // 0: the theme's choice
  int margin_px = -1;         // -1: the theme's margins
  std::string language;       // empty: the article's front matter
  bool optimal_breaking = true;   // false: greedy first-fit (cheapest)
  bool hyphenate = true;          // false: never hyphenate, whatever the theme says
  // Hanging punctuation: hyphens, stops, commas and quotes at the ends of lines stand partly in the
  // margin (optical margin alignment), so justified margins look straight.
  bool hanging_punctuation = false;
};

enum class PixelFormat : uint8_t {
  kGray8,     // 1 byte per pixel, 0 black .. 255 white
  kRgba8888,  // bytes R, G, B, A
  kBgra8888,  // bytes B, G, R, A (XRGB8888 little-endian framebuffers)
  kRgb565,    // 16-bit little-endian
};

int bytes_per_pixel(PixelFormat format);

struct RenderSettings {
  PixelFormat format = PixelFormat::kGray8;
  int gray_levels = 256;   // 256 or 16 (e-ink: 4-bit, photos dithered, text not)
  int rotation = 0;        // 0, 90, 180, 270 degrees clockwise
  enum class Hinting : uint8_t { kNone, kLight, kFull } hinting = Hinting::kLight;
  double text_gamma = 1.0;  // > 1 darkens anti-aliased text (e-ink)
};

// Pixels owned by the caller's buffer or by a Bitmap.
struct Bitmap {
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes per row
  PixelFormat format = PixelFormat::kGray8;
  std::vector<uint8_t> pixels;
};

struct DocumentStats {
  int pages = 0;
  int lines = 0;
  double layout_ms = 0;
  uint64_t shape_cache_hits = 0;
  uint64_t shape_cache_misses = 0;
  uint64_t glyph_cache_hits = 0;
  uint64_t glyph_cache_misses = 0;
  int widows_fixed_by_looseness = 0;
  int missing_glyphs = 0;
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> create(const EngineConfig& config = {});
  ~Engine();
  // Problems found while opening the fonts (e.g. a font file over Limits::max_font_file_bytes skipped).
  const std::vector<std::string>& warnings() const;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  struct Impl;
  Impl& impl() { return *m_impl; }

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

class Document {
 public:
  // The engine must outlive the document. Images are resolved inside the article's folder only.
  static Result<std::unique_ptr<Document>> open_file(Engine& engine, const std::string& path,
                                                     const LayoutSettings& settings = {});
  // base_dir: the folder image paths are resolved in; empty means images are not loaded.
  static Result<std::unique_ptr<Document>> open_memory(Engine& engine, std::string_view markdown,
                                                       const std::string& base_dir,
                                                       const LayoutSettings& settings = {});
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Changes the layout; the page that showed the current reading position is found again.
  Status set_layout(const LayoutSettings& settings);
  const LayoutSettings& layout() const;

  // Lays out until page `index` (0-based) exists or the article ends; true if it exists.
  // Pages are produced incrementally: page k needs only what comes before it (plus a few lines).
  bool ensure_page(int index);
  int pages_so_far() const;
  bool layout_complete() const;
  int page_count();  // finishes the layout

  Result<Bitmap> render_page(int index, const RenderSettings& settings = {});
  // Renders into the caller's buffer (stride bytes per row, at least width*bytes_per_pixel of the
  // rotated page). Errors: bad page index, buffer too small (kBadArguments).
  Status render_page_into(int index, const RenderSettings& settings, uint8_t* pixels, size_t size, int stride);

  // Reading positions: an opaque, stable string naming a place in the article (block path and text
  // offset), valid across layouts, font sizes and page sizes of the same article.
  std::string position_of_page(int index);
  // The page that shows the position (finishing layout as far as needed); -1 if unknown.
  int page_of_position(std::string_view position);

  // The layout dump documented in the README ("inkset layout --json"). Without timing it leaves out
  // everything that varies from run to run (the time, the shaping cache's counts).
  std::string layout_json(bool include_timing = true);
  // The article's text in reading order, one block per line.
  std::string text() const;

  DocumentStats stats() const;
  // An article is parsed as its pages need it, so opening a long one is quick. A problem found in a
  // part parsed after the open (a limit exceeded far into a long article) ends the article there: the
  // pages before it stand, and this is the error (null while there is none). Check it once the layout
  // is complete (page_count()) or when a page unexpectedly does not exist.
  const Error* late_error() const;
  const std::vector<std::string>& warnings() const;
  const std::string& title() const;

  struct Impl;
  Impl& impl() { return *m_impl; }

 private:
  explicit Document(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace inkset

namespace inkset {

enum class ImageFileFormat : uint8_t { kPng, kPgm };

// Writes a gray bitmap (as render_page gives it with PixelFormat::kGray8 and 256 or 16 levels) to a
// PNG or binary PGM file. Errors: kBadArguments for a non-gray bitmap, kUnreadableFile when writing fails.
Status write_bitmap(const Bitmap& bitmap, const std::string& path, ImageFileFormat format);

}  // namespace inkset
