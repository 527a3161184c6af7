#include "plugin_filters.hpp"

#include <fnmatch.h>

namespace seam::detail {

namespace {

const PluginFilter* first_match(const std::vector<PluginFilter>& filters, const std::string& text) {
  if (text.empty()) return nullptr;
  for (const PluginFilter& f : filters) {
    if (::fnmatch(f.glob.c_str(), text.c_str(), 0) == 0) return &f;
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
