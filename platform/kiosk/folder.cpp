#include "folder.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <sys/stat.h>

namespace inkset::platform {

bool stat_entry(FolderEntry& e) {
  struct stat st {};
  if (::stat(e.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  e.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  e.size = static_cast<int64_t>(st.st_size);
  return true;
}

Result<std::vector<FolderEntry>> scan_folder(const std::string& dir, const std::string& extension) {
  DIR* d = opendir(dir.c_str());
  if (!d) return make_error(ErrorCode::kUnreadableFile, "cannot read folder '" + dir + "': " + std::strerror(errno));
  std::vector<FolderEntry> entries;
  // readdir reports an error only through errno, with the same null pointer as the folder's end.
  errno = 0;
  while (const dirent* de = readdir(d)) {
    const std::string name = de->d_name;
    if (name.size() <= extension.size() || name.compare(name.size() - extension.size(), extension.size(), extension) != 0)
      continue;
    FolderEntry e;
    e.name = name;
    e.path = dir + "/" + name;
    if (stat_entry(e)) entries.push_back(std::move(e));
    errno = 0;
  }
  const int read_error = errno;
  closedir(d);
  if (read_error != 0)
    return make_error(ErrorCode::kUnreadableFile, "cannot read folder '" + dir + "': " + std::strerror(read_error));
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

}  // namespace inkset::platform
