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
std::vector<DirectoryFile> plugin_files_in(const std::filesystem::path& dir, bool with_identity,
                                           bool with_trust) {
  std::vector<DirectoryFile> files;
  std::string error;
  if (!list_plugin_files(dir, with_identity, with_trust, files, error)) {
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

// Where the host got a folder from, in its users' words (LoaderOptions::names).
std::string folder_source(FolderOrigin origin, const OptionNames& names) {
  switch (origin) {
    case FolderOrigin::config:
      return names.config_paths;
    case FolderOrigin::env:
      return "SEAM_PLUGIN_PATH";
    default:
      return names.search_paths;
  }
}

// Whether the host listed DIR (or a folder above it) in trusted_folders.
bool trusted_explicitly(const std::filesystem::path& dir, const LoaderOptions& options) {
  if (options.trusted_folders.empty()) return false;
  const std::string canonical = canonical_or_given(dir);
  for (const auto& trusted : options.trusted_folders) {
    const std::string root = canonical_or_given(trusted);
    if (canonical.compare(0, root.size(), root) == 0 &&
        (canonical.size() == root.size() || canonical[root.size()] == '/' ||
         canonical[root.size()] == kPreferredSeparator)) {
      return true;
    }
  }
  return false;
}

// For a plugin file reached through a symbolic link: why the folders of its target are not
// trusted, or empty. Logged either way, so -v shows where the code really comes from.
std::string link_target_untrusted(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::path target = std::filesystem::canonical(file, ec);
  if (ec || target == std::filesystem::absolute(file, ec)) return {};
  log().info("plugin file '{}' is a symbolic link to '{}'", path_text(file), path_text(target));
  std::string why = untrusted_because(target, true);
  return why.empty() ? why : "its link target " + why;
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
                   folder_source(folder.origin, options.names));
      }
      continue;
    }
    const std::filesystem::path& dir = folder.path;
    // Trust is checked once per folder (with every folder above it) and per file from the stat
    // the listing makes anyway, unless the host trusts this folder explicitly.
    const bool check_trust = !trusted_explicitly(dir, options);
    std::string folder_untrusted = check_trust ? untrusted_because(dir, true) : std::string();
    if (!folder_untrusted.empty()) {
      log().warn("plugin folder '{}' is not used: {}", path_text(dir), folder_untrusted);
    }
    const std::string canonical_dir = one_source ? std::string() : canonical_or_given(dir);
    std::string prefix = path_text(dir);
    if (!prefix.empty() && prefix.back() != '/' && prefix.back() != kPreferredSeparator) {
      prefix += kPreferredSeparator;
    }
    std::vector<DirectoryFile> files = plugin_files_in(dir, with_identity, check_trust);
    candidates.reserve(candidates.size() + files.size());
    for (DirectoryFile& file : files) {
      if (!one_source && !seen.insert(canonical_dir + '/' + file.name).second) continue;
      Candidate candidate{prefix + file.name, nullptr, std::nullopt, {}};
      if (file.identified)
        candidate.fingerprint = Fingerprint{file.size, file.mtime_ns, file.inode};
      if (!folder_untrusted.empty()) {
        candidate.untrusted = folder_untrusted;
      } else if (!file.untrusted.empty()) {
        candidate.untrusted = "'" + candidate.file + "' " + file.untrusted;
      } else if (file.link && check_trust) {
        candidate.untrusted = link_target_untrusted(candidate.path());
      }
      candidates.push_back(std::move(candidate));
    }
  }
  for (const auto& file : options.plugin_files) {
    const std::string key =
        canonical_or_given(file.parent_path().empty() ? "." : file.parent_path()) + '/' +
        path_text(file.filename());
    if (seen.insert(key).second) {
      Candidate candidate{path_text(file), nullptr, std::nullopt, {}};
      const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
      if (!trusted_explicitly(folder, options)) {
        candidate.untrusted = untrusted_because(file, true);
        if (candidate.untrusted.empty()) candidate.untrusted = link_target_untrusted(file);
      }
      candidates.push_back(std::move(candidate));
    }
  }
  return candidates;
}

}  // namespace seam::detail
