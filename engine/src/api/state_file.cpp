#include <inkset/state_file.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "support/hash.h"

namespace inkset {
namespace {

constexpr const char* kMagic = "inkset-state";
constexpr int kVersion = 1;

void append_escaped(std::string& out, const std::string& s) {
  for (const char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

bool unescape(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out.push_back(in[i]);
      continue;
    }
    if (++i == in.size()) return false;
    switch (in[i]) {
      case '\\': out.push_back('\\'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      default: return false;
    }
  }
  return true;
}

Error system_error(const std::string& path, const char* what) {
  return make_error(ErrorCode::kUnreadableFile, path + ": cannot " + what + ": " + std::strerror(errno));
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

Status save_reading_positions(const std::string& path, const ReadingPositions& positions) {
  std::string body;
  for (const auto& [key, position] : positions) {
    append_escaped(body, key);
    body.push_back('\t');
    append_escaped(body, position);
    body.push_back('\n');
  }
  char header[96];
  std::snprintf(header, sizeof header, "%s %d %zu %016" PRIx64 "\n", kMagic, kVersion, positions.size(),
                hash_bytes(body));

  // The temporary file must be in the same folder: rename() is atomic only within one file system.
  std::string temp = path + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return system_error(path, "create a temporary file beside it");
  const bool written = write_all(fd, header) && write_all(fd, body) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  if (::close(fd) != 0 || !written) {
    errno = written ? errno : saved_errno;
    const Error e = system_error(path, "write");
    ::unlink(temp.c_str());
    return e;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const Error e = system_error(path, "replace");
    ::unlink(temp.c_str());
    return e;
  }
  // The rename is durable only once the folder's entry is on disk.
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return system_error(dir, "open the folder to flush it");
  const bool synced = ::fsync(dir_fd) == 0;
  ::close(dir_fd);
  if (!synced) return system_error(dir, "flush the folder");
  return ok_status();
}

Result<LoadedPositions> load_reading_positions(const std::string& path) {
  LoadedPositions out;
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    if (errno == ENOENT) return out;
    return system_error(path, "read the saved state");
  }
  std::string data;
  char buffer[16 * 1024];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) data.append(buffer, n);
  if (std::ferror(file.get())) return system_error(path, "read the saved state");

  auto ignore = [&](const std::string& why) {
    out.positions.clear();
    out.warning = path + ": saved reading positions ignored: " + why;
    return out;
  };
  const size_t eol = data.find('\n');
  if (eol == std::string::npos) return ignore("no header line (truncated?)");
  char magic[16] = {};
  int version = 0;
  size_t count = 0;
  uint64_t checksum = 0;
  int consumed = 0;
  const std::string header = data.substr(0, eol);
  if (std::sscanf(header.c_str(), "%15s %d %zu %16" SCNx64 "%n", magic, &version, &count, &checksum, &consumed) != 4 ||
      std::strcmp(magic, kMagic) != 0 || static_cast<size_t>(consumed) != header.size())
    return ignore("not an inkset state file");
  if (version != kVersion) return ignore("version " + std::to_string(version) + " is not understood");
  const std::string_view body = std::string_view(data).substr(eol + 1);
  if (hash_bytes(body) != checksum) return ignore("checksum mismatch (damaged or truncated)");
  std::string key, position;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) return ignore("last line unterminated");
    const std::string_view line = body.substr(pos, end - pos);
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || !unescape(line.substr(0, tab), key) || !unescape(line.substr(tab + 1), position))
      return ignore("malformed line " + std::to_string(out.positions.size() + 2));
    out.positions[key] = position;
    pos = end + 1;
  }
  if (out.positions.size() != count) return ignore("entry count does not match the header");
  return out;
}

}  // namespace inkset
