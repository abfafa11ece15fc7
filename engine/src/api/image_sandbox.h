#pragma once
// Images resolve only inside the article's folder: no absolute paths, no "..", no symlink that leads
// out, and never a URL (nothing is fetched). Content from unreviewed feeds cannot read the device.
#include <string>
#include <string_view>

#include "support/result.h"

namespace inkset {

// The file an article's image reference names, or an error saying why it is refused.
Result<std::string> resolve_image_path(const std::string& base_dir, std::string_view src);

}  // namespace inkset
