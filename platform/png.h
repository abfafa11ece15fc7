#pragma once
// Writes page bitmaps as PNG (screenshots of what a device would show).
#include <string>

#include <inkset/document.h>

namespace inkset::platform {

// Gray pages are written as 8-bit gray, the others as 8-bit RGB. Errors: kUnreadableFile when the
// file cannot be written.
Status write_png(const Bitmap& page, const std::string& path);

}  // namespace inkset::platform
