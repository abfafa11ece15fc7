#pragma once
// Saved reading positions: a map from an article key (a path, a feed id) to the opaque position
// string Document::position_of_page gives. Used by readers and kiosks to reopen where the reader was.
//
// Saving is atomic: the new content goes to a temporary file in the same folder, which is flushed
// (fsync), renamed over the old file and made durable by an fsync of the folder. A power cut or a
// kill at any moment leaves either the old or the new file, never a mix. A save that was killed may
// leave a temporary "<path>.XXXXXX" behind; it is never read.
//
// Format (UTF-8 text):
//   inkset-state 1 <entries> <FNV-1a 64 of the body, 16 hex digits>
//   <key>\t<position>\n   (one line per entry; '\\', '\t', '\n' and '\r' escaped as \\ \t \n \r)
#include <map>
#include <string>

#include <inkset/result.h>

namespace inkset {

using ReadingPositions = std::map<std::string, std::string>;

// Errors: kUnreadableFile naming the path and the system's reason (folder missing or read-only,
// disk full); the old file is then left as it was.
Status save_reading_positions(const std::string& path, const ReadingPositions& positions);

struct LoadedPositions {
  ReadingPositions positions;
  // Empty, or one line saying why the file was ignored (damaged, truncated, unknown version):
  // a damaged state file means "no saved state", never a failure to start.
  std::string warning;
};

// A missing file gives no positions and no warning. Errors: kUnreadableFile when the file exists
// but cannot be read (permissions, I/O error).
Result<LoadedPositions> load_reading_positions(const std::string& path);

}  // namespace inkset
