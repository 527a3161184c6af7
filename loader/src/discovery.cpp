#include "discovery.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "dynlib.hpp"
#include "log.hpp"

namespace seam::detail {

namespace {

bool has_plugin_suffix(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  const auto& suffixes = plugin_suffixes();
  return std::find(suffixes.begin(), suffixes.end(), ext) != suffixes.end();
}

std::vector<std::filesystem::path> plugin_files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    log().debug("plugin directory '{}' skipped: {}", dir.string(), ec.message());
    return files;
  }
  for (const auto& entry : it) {
    std::error_code type_ec;
    if (entry.is_regular_file(type_ec) && has_plugin_suffix(entry.path())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  return files;
}

}  // namespace

std::vector<Candidate> discover(const LoaderOptions& options) {
  std::vector<Candidate> candidates;
  std::set<std::filesystem::path> seen;
  auto add = [&](const std::filesystem::path& file) {
    std::error_code ec;
    auto key = std::filesystem::weakly_canonical(file, ec);
    if (!seen.insert(ec ? file : key).second) return;
    candidates.push_back(Candidate{file, nullptr});
  };
  for (const auto& dir : options.search_paths) {
    for (const auto& file : plugin_files_in(dir)) add(file);
  }
  for (const auto& file : options.plugin_files) add(file);
  return candidates;
}

}  // namespace seam::detail
