#include "identifiers.hpp"

#include "printable_text.hpp"

namespace seam::detail {

namespace {
bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
}  // namespace

bool is_identifier(std::string_view text) noexcept {
  if (text.empty() || text.size() > kMaxIdentifierLength || !is_lower_alnum(text.front())) {
    return false;
  }
  for (char c : text) {
    if (!is_lower_alnum(c) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string identifier_problem(const char* text, std::string_view what) {
  std::string field(what);
  if (text == nullptr) return field + " is NULL";
  std::string_view view(text);
  if (view.empty()) return field + " is empty";
  if (is_identifier(view)) return {};
  if (view.size() > kMaxIdentifierLength) {
    return field + " '" + printable_text(view.substr(0, 16)) + "...' is longer than 64 bytes";
  }
  // Quoted escaped: the text is the plugin's, and may be anything but UTF-8 or harmless.
  return field + " '" + printable_text(view) + "' is not a valid identifier: it must match " +
         "[a-z0-9][a-z0-9_-]* (lowercase letters, digits, '_' and '-')";
}

}  // namespace seam::detail
