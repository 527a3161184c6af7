// The folders a loader searches, with their origins: what the host listed, then (when it asked for
// them) the user folder and the installation's system folder.
#include <system_error>

#include <seam/loader/options.hpp>
#include <seam/loader/security.hpp>

namespace seam {

std::string_view to_string(FolderOrigin origin) {
  switch (origin) {
    case FolderOrigin::config:
      return "config";
    case FolderOrigin::option:
      return "option";
    case FolderOrigin::env:
      return "env";
    case FolderOrigin::user:
      return "user";
    case FolderOrigin::system:
      return "system";
  }
  return "option";
}

std::filesystem::path user_plugin_folder() {
  if (const char* data = environment_value("XDG_DATA_HOME"); data && *data) {
    return std::filesystem::path(data) / "seam" / "plugins";
  }
  if (const char* home = environment_value("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "seam" / "plugins";
  }
  return {};
}

std::vector<SearchedFolder> search_folders(const LoaderOptions& options) {
  std::vector<SearchedFolder> folders;
  folders.reserve(options.search_paths.size() + 2);
  for (const SearchPath& entry : options.search_paths) {
    folders.push_back(SearchedFolder{entry.path, entry.origin, false});
  }
  if (options.default_folders) {
    // The user folder comes from the environment, which secure mode does not believe.
    if (auto user = user_plugin_folder(); !user.empty() && !secure_mode()) {
      folders.push_back(SearchedFolder{std::move(user), FolderOrigin::user, false});
    }
    if (auto system = system_plugin_folder(); !system.empty()) {
      folders.push_back(SearchedFolder{std::move(system), FolderOrigin::system, false});
    }
  }
  for (SearchedFolder& folder : folders) {
    std::error_code ec;
    folder.exists = std::filesystem::is_directory(folder.path, ec);
  }
  return folders;
}

}  // namespace seam
