#pragma once
// The articles of a kiosk folder and how to tell that one changed.
#include <cstdint>
#include <string>
#include <vector>

#include <inkset/result.h>

namespace inkset::platform {

struct FolderEntry {
  std::string path;
  std::string name;  // file name inside the folder
  int64_t mtime_ns = 0;
  int64_t size = 0;

  bool operator==(const FolderEntry&) const = default;
};

// Regular files of dir whose names end in extension (e.g. ".md"), sorted by name (bytewise).
// Errors: kUnreadableFile if the folder cannot be read.
Result<std::vector<FolderEntry>> scan_folder(const std::string& dir, const std::string& extension);

// Refreshes e's time and size from the file system; false if it is gone or not a regular file.
bool stat_entry(FolderEntry& e);

}  // namespace inkset::platform
