// Text from a plugin made safe to show: valid UTF-8 with no control characters, so it can neither
// break a JSON document nor drive the terminal it is printed on.
#pragma once

#include <string>
#include <string_view>

namespace seam::detail {

// TEXT with each invalid UTF-8 sequence replaced by U+FFFD and each control character (C0, DEL,
// C1) other than tab written as \xNN; a tab becomes a space.
std::string printable_text(std::string_view text);

// TEXT with each invalid UTF-8 sequence replaced by U+FFFD and nothing else changed.
std::string valid_utf8(std::string_view text);

}  // namespace seam::detail
