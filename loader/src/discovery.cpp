#include "discovery.hpp"

#include <algorithm>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "dynlib.hpp"
#include "log.hpp"

namespace seam::detail {

namespace {

// The plugin files directly in DIR, sorted by file name.
std::vector<DirectoryFile> plugin_files_in(const std::filesystem::path& dir, bool with_identity) {
  std::vector<DirectoryFile> files;
  std::string error;
  if (!list_plugin_files(dir, with_identity, files, error)) {
    log().debug("plugin directory '{}' skipped: {}", dir.string(), error);
    return files;
  }
  // Sorted through pointers: a comparison moves two words, not two files' worth of fields.
  std::vector<DirectoryFile*> order(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) order[i] = &files[i];
  std::sort(order.begin(), order.end(),
            [](const DirectoryFile* a, const DirectoryFile* b) { return a->name < b->name; });
  std::vector<DirectoryFile> sorted;
  sorted.reserve(files.size());
  for (DirectoryFile* file : order) sorted.push_back(std::move(*file));
  return sorted;
}

constexpr char kPreferredSeparator = static_cast<char>(std::filesystem::path::preferred_separator);

std::string canonical_or_given(const std::filesystem::path& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return path_text(ec ? path : canonical);
}

// Where the host got a folder from, in the words of the `seam` command's users.
const char* folder_source(FolderOrigin origin) {
  switch (origin) {
    case FolderOrigin::config: return "the configuration's [plugins] paths";
    case FolderOrigin::env: return "SEAM_PLUGIN_PATH";
    default: return "the host's options (--plugin-path)";
  }
}

}  // namespace

std::vector<Candidate> discover(const std::vector<SearchedFolder>& folders,
                                const LoaderOptions& options) {
  std::vector<Candidate> candidates;
  // The same file reached twice (a folder listed twice, a file also named explicitly) is one
  // candidate. Folders are canonicalized once each, not every file in them.
  std::unordered_set<std::string> seen;
  // The identity is read with the listing only when a registry cache will be checked against it.
  const bool with_identity = !options.registry_cache.empty() && !options.trust_registry_cache;
  // A single folder cannot list a file twice.
  const bool one_source = folders.size() == 1 && options.plugin_files.empty();
  for (const SearchedFolder& folder : folders) {
    if (!folder.exists) {
      // A folder the host was told about should be there; the default ones need not be.
      if (folder.origin == FolderOrigin::user || folder.origin == FolderOrigin::system) {
        log().debug("{} plugin folder '{}' does not exist", to_string(folder.origin),
                    path_text(folder.path));
      } else {
        log().warn("plugin folder '{}' (from {}) does not exist", path_text(folder.path),
                   folder_source(folder.origin));
      }
      continue;
    }
    const std::filesystem::path& dir = folder.path;
    const std::string canonical_dir = one_source ? std::string() : canonical_or_given(dir);
    std::string prefix = path_text(dir);
    if (!prefix.empty() && prefix.back() != '/' && prefix.back() != kPreferredSeparator) {
      prefix += kPreferredSeparator;
    }
    for (DirectoryFile& file : plugin_files_in(dir, with_identity)) {
      if (!one_source && !seen.insert(canonical_dir + '/' + file.name).second) continue;
      Candidate candidate{prefix + file.name, nullptr, std::nullopt};
      if (file.identified)
        candidate.fingerprint = Fingerprint{file.size, file.mtime_ns, file.inode};
      candidates.push_back(std::move(candidate));
    }
  }
  for (const auto& file : options.plugin_files) {
    const std::string key =
        canonical_or_given(file.parent_path().empty() ? "." : file.parent_path()) + '/' +
        path_text(file.filename());
    if (seen.insert(key).second) {
      candidates.push_back(Candidate{path_text(file), nullptr, std::nullopt});
    }
  }
  return candidates;
}

}  // namespace seam::detail
