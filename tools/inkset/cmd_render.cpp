// inkset render: pages to PNG or PGM files, the main job.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "layout_options.h"

namespace inkset::cli {
namespace {

struct PageRange {
  int first = 1;
  int last = -1;  // -1: to the end
};

Result<PageRange> parse_pages(const std::string& spec) {
  PageRange r;
  int a = 0, b = 0;
  char dash = 0;
  char extra = 0;
  const int n = std::sscanf(spec.c_str(), "%d%c%d%c", &a, &dash, &b, &extra);
  if (n == 1 && a >= 1) {
    r.first = r.last = a;
  } else if (n == 3 && dash == '-' && a >= 1 && b >= a) {
    r.first = a;
    r.last = b;
  } else if (n == 2 && dash == '-' && a >= 1 && spec.back() == '-') {
    r.first = a;
  } else {
    return make_error(ErrorCode::kBadArguments, "--pages takes N, N-M or N- with 1 <= N <= M, not '" + spec + "'");
  }
  return r;
}

int run_render(const Args& args) {
  const std::string out_dir = args.get("out").value_or("out");
  PageRange range;
  if (auto p = args.get("pages")) {
    auto parsed = parse_pages(*p);
    if (!parsed) return report(parsed.error());
    range = *parsed;
  }
  const std::string format_name = args.get("format").value_or("png");
  if (format_name != "png" && format_name != "pgm")
    return report(make_error(ErrorCode::kBadArguments, "--format takes png or pgm, not '" + format_name + "'"));
  RenderSettings render;
  const std::string gray = args.get("gray").value_or("256");
  if (gray != "256" && gray != "16")
    return report(make_error(ErrorCode::kBadArguments, "--gray takes 256 or 16, not '" + gray + "'"));
  render.gray_levels = std::stoi(gray);
  const std::string rotate = args.get("rotate").value_or("0");
  if (rotate != "0" && rotate != "90" && rotate != "180" && rotate != "270")
    return report(make_error(ErrorCode::kBadArguments, "--rotate takes 0, 90, 180 or 270, not '" + rotate + "'"));
  render.rotation = std::stoi(rotate);
  // E-ink panels show anti-aliased text thin and gray; 16-level output is for them.
  render.text_gamma = render.gray_levels == 16 ? 1.45 : 1.0;

  auto opened = open_document(args.positional[0], args);
  if (!opened) return report(opened.error());
  Document& doc = *opened->document;

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return report(make_error(ErrorCode::kUnreadableFile, out_dir + ": cannot create the folder: " + ec.message()));

  if (!doc.ensure_page(0))
    return doc.late_error() ? report(*doc.late_error()) : report(make_error(ErrorCode::kBadArticle, args.positional[0] + ": the article is empty: nothing to render"));
  if (!doc.ensure_page(range.first - 1))
    return report(make_error(ErrorCode::kBadArguments, "--pages starts at page " + std::to_string(range.first) +
                                                           " but the article has " + std::to_string(doc.page_count()) +
                                                           " pages"));
  const bool progress = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  int written = 0;
  const ImageFileFormat format = format_name == "png" ? ImageFileFormat::kPng : ImageFileFormat::kPgm;
  for (int page = range.first - 1; (range.last < 0 || page < range.last) && doc.ensure_page(page); ++page) {
    auto bitmap = doc.render_page(page, render);
    opened->print_new_warnings();
    if (!bitmap) return report(bitmap.error());
    char name[64];
    std::snprintf(name, sizeof name, "/page-%04d.%s", page + 1, format_name.c_str());
    if (auto status = write_bitmap(*bitmap, out_dir + name, format); !status) return report(status.error());
    ++written;
    if (progress) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "\r%d pages, %.0f pages/s ", page + 1, s > 0 ? written / s : 0.0);
    }
  }
  if (progress) std::fprintf(stderr, "\n");
  // The pages before a problem found far into the article are written; the problem is still reported.
  if (const Error* e = doc.late_error()) return report(*e);
  // The count of all pages only when the layout is complete: rendering the first pages of a long
  // article does not lay out the rest.
  const std::string total = doc.layout_complete() ? std::to_string(doc.page_count())
                                                  : "at least " + std::to_string(doc.pages_so_far());
  std::printf("%d pages of %s written to %s/page-NNNN.%s\n", written, total.c_str(), out_dir.c_str(),
              format_name.c_str());
  return kExitOk;
}

const Registration kRender({"render", "render an article's pages to PNG or PGM files", "ARTICLE.md [options]",
                            with_layout_options({{"out", true, "output folder (default out)"},
                                                 {"pages", true, "pages to render: N, N-M or N- (default all)"},
                                                 {"format", true, "png (default) or pgm"},
                                                 {"gray", true, "gray levels: 256 (default) or 16 (e-ink)"},
                                                 {"rotate", true, "0, 90, 180 or 270 degrees clockwise"}}),
                            run_render, 1, 1});

}  // namespace
}  // namespace inkset::cli
