#include "option_names.hpp"

namespace seam::detail {

std::string denylist(const OptionNames& names) {
  return "the denylist (" + names.disabled + ")";
}

std::string with_names(std::string text, const OptionNames& names) {
  // Most reasons are empty (every registered row): nothing to reword, nothing to build.
  if (text.empty()) return text;
  const std::string from = denylist();
  const std::string to = denylist(names);
  if (from == to) return text;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace seam::detail
