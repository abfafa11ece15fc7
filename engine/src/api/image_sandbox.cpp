#include "api/image_sandbox.h"

#include <filesystem>

namespace inkset {

Result<std::string> resolve_image_path(const std::string& base_dir, std::string_view src) {
  namespace fs = std::filesystem;
  const std::string s(src);
  auto refuse = [&](const char* why) {
    return make_error(ErrorCode::kBadArticle, "image '" + s + "' " + why);
  };
  if (s.empty()) return refuse("has no path");
  if (s.find("://") != std::string::npos || s.rfind("data:", 0) == 0 || s.rfind("//", 0) == 0)
    return refuse("is remote: images are never fetched; shown as a placeholder");
  if (base_dir.empty()) return refuse("cannot be loaded: the article was opened from memory without a folder");
  const fs::path rel(s);
  if (rel.is_absolute()) return refuse("is an absolute path: only files inside the article's folder are shown");
  for (const auto& part : rel)
    if (part == "..") return refuse("leaves the article's folder ('..'): refused");
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::path(base_dir), ec);
  if (ec) return refuse("cannot be resolved: the article's folder is unreadable");
  const fs::path full = fs::weakly_canonical(base / rel, ec);
  if (ec) return refuse("cannot be resolved");
  // After resolving symlinks the file must still lie inside the folder.
  const auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) return refuse("is a link that leads out of the article's folder: refused");
  return full.string();
}

}  // namespace inkset
