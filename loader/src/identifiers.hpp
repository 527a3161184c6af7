// The naming rule shared by plugin names, families and sdks.
#pragma once

#include <string>
#include <string_view>

namespace seam::detail {

constexpr std::size_t kMaxIdentifierLength = 64;

// True when TEXT matches [a-z0-9][a-z0-9_-]* and is at most 64 bytes.
bool is_identifier(std::string_view text) noexcept;

// Why TEXT (which may be null) is not an identifier, or "" when it is one. WHAT names the field
// ("name", "family", "sdk") for the message.
std::string identifier_problem(const char* text, std::string_view what);

}  // namespace seam::detail
