// Text from a plugin made safe to show. Plugin strings (names, versions, reasons, deltas, model
// records, messages, file names) are bytes a third party chose: they may be invalid UTF-8 or carry
// terminal escape sequences.
#pragma once

#include <seam/loader/export.hpp>

#include <string>
#include <string_view>

namespace seam {

// TEXT with each invalid UTF-8 sequence replaced by U+FFFD and each control character (C0, DEL,
// C1) other than tab written as \xNN; a tab becomes a space. For table cells and one-line
// messages.
SEAM_LOADER_EXPORT std::string printable_text(std::string_view text);

// TEXT with each invalid UTF-8 sequence replaced by U+FFFD and nothing else changed.
SEAM_LOADER_EXPORT std::string valid_utf8(std::string_view text);

}  // namespace seam
