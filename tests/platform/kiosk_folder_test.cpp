#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "platform/kiosk/kiosk.h"

using namespace inkset;
using namespace inkset::platform;

namespace {

std::string make_temp_dir() {
  char name[] = "/tmp/inkset_kiosk_scan_XXXXXX";
  REQUIRE(mkdtemp(name));
  return name;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("kiosk: a folder scan lists matching regular files sorted by name", "[platform][kiosk]") {
  const std::string dir = make_temp_dir();
  write(dir + "/b.md", "bb");
  write(dir + "/a.md", "a");
  write(dir + "/notes.txt", "x");
  write(dir + "/.md", "hidden: no name before the extension");
  mkdir((dir + "/folder.md").c_str(), 0755);
  auto entries = scan_folder(dir, ".md");
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 2);
  CHECK((*entries)[0].name == "a.md");
  CHECK((*entries)[0].path == dir + "/a.md");
  CHECK((*entries)[0].size == 1);
  CHECK((*entries)[1].name == "b.md");
  CHECK((*entries)[1].size == 2);

  // A change in size shows as a different entry: that is how the kiosk notices edits.
  const FolderEntry before = (*entries)[0];
  write(dir + "/a.md", "changed");
  auto again = scan_folder(dir, ".md");
  REQUIRE(again.ok());
  CHECK_FALSE((*again)[0] == before);

  for (const char* f : {"a.md", "b.md", "notes.txt", ".md"}) std::remove((dir + "/" + f).c_str());
  rmdir((dir + "/folder.md").c_str());
  rmdir(dir.c_str());
}

TEST_CASE("kiosk: an unreadable folder is an error", "[platform][kiosk]") {
  auto entries = scan_folder("/nonexistent/inkset", ".md");
  REQUIRE_FALSE(entries.ok());
  CHECK(entries.error().code == ErrorCode::kUnreadableFile);
}
