#include "plugin_filters.hpp"

namespace seam::detail {

namespace {

// Matches the bracket expression at PATTERN[P] ('[' ... ']', '!' or '^' negates, a-z ranges)
// against C; sets P past it. A '[' without its ']' is a literal '['.
bool bracket_matches(const std::string& pattern, std::size_t& p, char c) {
  std::size_t i = p + 1;
  const bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  const std::size_t first = i;
  for (; i < pattern.size() && (pattern[i] != ']' || i == first); ++i) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      matched = matched || (pattern[i] <= c && c <= pattern[i + 2]);
      i += 2;
    } else {
      matched = matched || pattern[i] == c;
    }
  }
  if (i >= pattern.size()) {  // no closing ']'
    ++p;
    return c == '[';
  }
  p = i + 1;
  return matched != negate;
}

}  // namespace

bool glob_matches(const std::string& pattern, const std::string& text) {
  // Iterative, with one backtrack point per '*': linear in practice, never exponential.
  std::size_t p = 0, t = 0, star = std::string::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = ++p;
      star_text = t;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t next = p;
      bool ok = false;
      if (pattern[p] == '[') {
        ok = bracket_matches(pattern, next, text[t]);
      } else {
        ok = pattern[p] == '?' || pattern[p] == text[t];
        next = p + 1;
      }
      if (ok) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star == std::string::npos) return false;
    p = star;
    t = ++star_text;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

const PluginFilter* first_match(const std::vector<PluginFilter>& filters, const std::string& text) {
  if (text.empty()) return nullptr;
  for (const PluginFilter& f : filters) {
    if (glob_matches(f.glob, text)) return &f;
  }
  return nullptr;
}

std::string globs_of(const std::vector<PluginFilter>& filters) {
  std::string text;
  for (const PluginFilter& f : filters) {
    text += (text.empty() ? "" : ", ") + f.source + " '" + f.glob + "'";
  }
  return text;
}

}  // namespace

std::optional<std::string> PluginFilters::by_stem(const std::string& stem) const {
  if (const PluginFilter* f = first_match(disable_, stem)) {
    return "filtered out by " + f->source + " ('" + f->glob + "' matches the file name '" + stem +
           "'; the file was not opened)";
  }
  return std::nullopt;
}

std::optional<std::string> PluginFilters::by_name(const std::string& name,
                                                  const std::string& stem) const {
  if (const PluginFilter* f = first_match(disable_, name)) {
    return "filtered out by " + f->source + " ('" + f->glob + "' matches the plugin name '" + name +
           "')";
  }
  if (!stem.empty()) {
    if (auto why = by_stem(stem)) return why;
  }
  if (select_.empty() || first_match(select_, name) || first_match(select_, stem)) {
    return std::nullopt;
  }
  return "filtered out: neither the plugin name '" + name + "'" +
         (stem.empty() ? std::string() : " nor the file name '" + stem + "'") +
         " matches the select list (" + globs_of(select_) + ")";
}

}  // namespace seam::detail
