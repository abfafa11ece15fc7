// inkset layout: the laid-out document as JSON (schema in the README), or just the page count.
#include <cstdio>

#include "cli.h"
#include "layout_options.h"

namespace inkset::cli {
namespace {

int run_layout(const Args& args) {
  auto opened = open_document(args.positional[0], args);
  if (!opened) return report(opened.error());
  Document& doc = *opened->document;
  if (args.has("count")) {
    const int pages = doc.page_count();
    opened->print_new_warnings();
    if (const Error* e = doc.late_error()) return report(*e);
    std::printf("%d\n", pages);
    return kExitOk;
  }
  const std::string json = doc.layout_json(!args.has("no-timing"));
  opened->print_new_warnings();
  if (const Error* e = doc.late_error()) return report(*e);
  std::fwrite(json.data(), 1, json.size(), stdout);
  return kExitOk;
}

const Registration kLayout({"layout", "lay out an article and print the pages as JSON", "ARTICLE.md [options]",
                            with_layout_options({{"json", false, "print the layout dump as JSON (the default)"},
                                                 {"count", false, "print only the number of pages"},
                                                 {"no-timing", false, "leave timing fields out of the JSON"}}),
                            run_layout, 1, 1});

}  // namespace
}  // namespace inkset::cli
