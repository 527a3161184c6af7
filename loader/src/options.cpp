#include <seam/loader/options.hpp>

#include <seam/loader/security.hpp>

#include "dynlib.hpp"

namespace seam {

std::vector<std::filesystem::path> split_path_list(const std::string& list) {
  const char kSeparator = detail::path_list_separator();
  std::vector<std::filesystem::path> paths;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(kSeparator, start);
    if (end == std::string::npos) end = list.size();
    if (end > start) paths.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return paths;
}

std::vector<std::filesystem::path> plugin_path_from_environment() {
  const char* value = environment_value("SEAM_PLUGIN_PATH");
  return value ? split_path_list(value) : std::vector<std::filesystem::path>{};
}

}  // namespace seam

namespace seam {

std::filesystem::path registry_cache_from_environment() {
  if (const char* explicit_file = environment_value("SEAM_REGISTRY");
      explicit_file && *explicit_file) {
    return explicit_file;
  }
  if (const char* xdg = environment_value("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "seam" / "registry.cache";
  }
  if (const char* home = environment_value("HOME"); home && *home) {
    return std::filesystem::path(home) / ".cache" / "seam" / "registry.cache";
  }
  return {};
}

bool registry_update_from_environment() {
  const char* update = environment_value("SEAM_REGISTRY_UPDATE");
  return !(update && std::string(update) == "no");
}

namespace {

std::vector<std::string> split_globs(const std::string& list) {
  std::vector<std::string> globs;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string glob = list.substr(start, end - start);
    const auto first = glob.find_first_not_of(" \t");
    const auto last = glob.find_last_not_of(" \t");
    if (first != std::string::npos) globs.push_back(glob.substr(first, last - first + 1));
    start = end + 1;
  }
  return globs;
}

void add_filters(std::vector<PluginFilter>& out, const char* variable) {
  if (const char* list = environment_value(variable)) {
    for (auto& glob : split_globs(list)) out.push_back(PluginFilter{std::move(glob), variable});
  }
}

}  // namespace

void add_filters_from_environment(LoaderOptions& options) {
  add_filters(options.disable_filters, "SEAM_PLUGINS_DISABLE");
  add_filters(options.select_filters, "SEAM_PLUGINS_SELECT");
}

}  // namespace seam
