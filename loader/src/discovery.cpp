#include "discovery.hpp"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "dynlib.hpp"
#include "log.hpp"

namespace seam::detail {

namespace {

bool has_plugin_suffix(const std::string& name) {
  for (const std::string& suffix : plugin_suffixes()) {
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

// The plugin files directly in DIR, sorted by file name. readdir's file type answers "regular
// file?" without a stat for most entries; a start is readdir plus one stat per file, no more.
std::vector<std::pair<std::string, std::filesystem::path>> plugin_files_in(
    const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, std::filesystem::path>> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    log().debug("plugin directory '{}' skipped: {}", dir.string(), ec.message());
    return files;
  }
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (has_plugin_suffix(name) && entry.is_regular_file(type_ec)) {
      files.emplace_back(std::move(name), entry.path());
    }
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return files;
}

std::string canonical_or_given(const std::filesystem::path& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return (ec ? path : canonical).string();
}

}  // namespace

std::vector<Candidate> discover(const LoaderOptions& options) {
  std::vector<Candidate> candidates;
  // The same file reached twice (a folder listed twice, a file also named explicitly) is one
  // candidate. Folders are canonicalized once each, not every file in them.
  std::set<std::string> seen;
  for (const auto& dir : options.search_paths) {
    const std::string canonical_dir = canonical_or_given(dir);
    for (auto& [name, path] : plugin_files_in(dir)) {
      if (seen.insert(canonical_dir + '/' + name).second) {
        candidates.push_back(Candidate{std::move(path), nullptr});
      }
    }
  }
  for (const auto& file : options.plugin_files) {
    const std::string key =
        canonical_or_given(file.parent_path().empty() ? "." : file.parent_path()) + '/' +
        file.filename().string();
    if (seen.insert(key).second) candidates.push_back(Candidate{file, nullptr});
  }
  return candidates;
}

}  // namespace seam::detail
