// What a host tells the loader: where plugins are, which are built in, which are denied, and what
// to do when one is broken.
#pragma once

#include <seam/loader/export.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <seam/seam.h>
#include <seam/version.h>

namespace seam {

// What building the registry does when a plugin is broken, incompatible or duplicated.
enum class OnError {
  fail,  // throw the first problem's typed error (the default: fail loud)
  skip,  // log a warning and leave the plugin out
};

// A plugin linked into the host. It rides the same registrar as a plugin file.
struct BuiltinPlugin {
  const seam_plugin_descriptor* descriptor = nullptr;
  // Denying a core-unconditional builtin is a configuration error, not a no-op.
  bool core_unconditional = false;
};

// Where a plugin folder came from, in the order folders are searched.
enum class FolderOrigin {
  config,  // the host's configuration file ([plugins] paths in seam.toml)
  option,  // the host's command line or code (--plugin-path; the default for search_paths)
  env,     // SEAM_PLUGIN_PATH
  user,    // the user folder: $XDG_DATA_HOME/seam/plugins (~/.local/share/seam/plugins)
  system,  // the installation's folder, <prefix>/lib/seam/plugins, found relative to the loader
};

// "config", "option", "env", "user" or "system".
SEAM_LOADER_EXPORT std::string_view to_string(FolderOrigin origin);

// A folder to search, with where it came from (for the report and for warnings).
struct SearchPath {
  std::filesystem::path path;
  FolderOrigin origin = FolderOrigin::option;

  SearchPath() = default;
  SearchPath(std::filesystem::path p, FolderOrigin o = FolderOrigin::option)
      : path(std::move(p)), origin(o) {}
  SearchPath(const char* p) : path(p) {}
  SearchPath(const std::string& p) : path(p) {}
};

// A folder the loader searched, in search order.
struct SearchedFolder {
  std::filesystem::path path;
  FolderOrigin origin = FolderOrigin::option;
  bool exists = false;
};

// A glob (* ? [a-z] [!a-z], as fnmatch) matched against plugin names and file stems, with where it
// came from ("SEAM_PLUGINS_DISABLE", "[plugins] disable_globs", "--safe-mode" ...) for the
// filtered row.
struct PluginFilter {
  std::string glob;
  std::string source;
};

// How the host's users set the options the loader's messages advise on ("add 'x' to the denylist
// (disabled)"). The defaults are the LoaderOptions members' names, which the C API and the Python
// package share; a host with a configuration file names its keys instead, as `seam` does
// ("[plugins] disabled").
struct OptionNames {
  std::string disabled = "disabled";
  std::string prefer = "prefer";
  std::string on_error = "on_error";
  std::string trusted_folders = "trusted_folders";
  std::string in_process_fallback = "in_process_fallback";
  // Where the search_paths of FolderOrigin::option and of FolderOrigin::config come from.
  std::string search_paths = "search_paths";
  std::string config_paths = "the host's configuration";
};

struct LoaderOptions {
  // Folders searched in this order for plugin files (.so/.dll/.dylib): the files directly in a
  // folder, and in each subfolder NAME the file NAME.so (a plugin with files of its own). The
  // current directory is never searched unless it is listed. A listed folder that does not exist
  // is a warning.
  std::vector<SearchPath> search_paths;
  // Also search, after search_paths, the user folder and the installation's system folder (see
  // FolderOrigin). Off by default: a loader alone searches nothing it was not told to; the `seam`
  // command turns it on.
  bool default_folders = false;
  // Folders (with everything below them) whose plugins are loaded whatever their owner and mode.
  // Every other plugin file is loaded only from a trusted location: the file and every folder
  // above it owned by the effective user or root and not writable by group or others (a
  // root-owned sticky folder such as /tmp is fine); otherwise it gets an `untrusted` row.
  std::vector<std::filesystem::path> trusted_folders;
  // Secure mode: ignore every environment variable Seam reads and the user plugin folder (see
  // seam/loader/environment.hpp). Always on in an elevated process; this turns it on for any.
  bool secure_mode = false;
  // Plugin files named explicitly; they come after the search paths.
  std::vector<std::filesystem::path> plugin_files;
  // Builtins; they come before every file.
  std::vector<BuiltinPlugin> builtins;
  // Denylist: each entry matches a plugin's file stem (before the file is opened, so a plugin too
  // broken to load can still be denied) or its descriptor name (after).
  std::vector<std::string> disabled;
  // Filters, as the Vulkan loader's driver filters: a plugin whose name or file stem matches a
  // disable glob is `filtered` (by file stem before the file is opened); then, when select is not
  // empty, so is every plugin matching none of its globs. Core-unconditional builtins are immune.
  // disable = {{"*", ...}} is safe mode: builtins only.
  std::vector<PluginFilter> disable_filters;
  std::vector<PluginFilter> select_filters;
  // Pins: "family:sdk" (or "lister:sdk") -> the plugin name that serves it when several plugins
  // contribute it. Every other candidate's contribution becomes shadowed (not a problem). A pin
  // naming a plugin that does not contribute its key is a ConfigError naming the candidates.
  std::map<std::string, std::string> prefer;
  OnError on_error = OnError::fail;
  // What a plugin's host_version_range is checked against; also handed to plugins as
  // seam_host.host_version. By default the Seam release this loader belongs to, so a host that
  // leaves it alone gates plugins on the Seam version they were written for. A host whose plugins
  // are written for the host program itself (as `seam`'s are: its version is the release's) sets
  // its own semantic version here.
  std::string host_version = SEAM_VERSION_STRING;
  // Optional services handed out by seam_host.get_service, keyed by versioned id ("seam.http/1").
  // The pointed-to tables must outlive the loader.
  std::map<std::string, const void*> services;
  // Receives seam_host.report_usage calls: the plugin's name and the usage JSON. Called from the
  // plugin's thread. When empty, usage is logged at debug level.
  std::function<void(const std::string& plugin, const std::string& usage_json)> usage_sink;

  // The names the loader's messages give the options above (see OptionNames).
  OptionNames names;

  // Where scan results are kept between runs (the registry cache); empty means no cache, so every
  // start scans every file.
  std::filesystem::path registry_cache;
  // Use cached records without checking the files' size, mtime and inode (SEAM_REGISTRY_UPDATE=no,
  // for embedded hosts whose plugins never change). Files missing from the cache are still scanned.
  bool trust_registry_cache = false;
  // Scan plugin files in the seam-plugin-scanner process, so one that crashes, exits or hangs while
  // loading or registering becomes a broken row instead of taking the host down.
  bool isolate_scanning = true;
  // When the scanner cannot be started: false (the default) makes each file a broken row that
  // says why, so no plugin code runs in the host unasked; true scans in the host process instead,
  // with a warning.
  bool in_process_fallback = false;
  // The scanner executable; empty means the installation's,
  // <prefix>/libexec/seam/seam-plugin-scanner, found relative to the loader's own file like the
  // system plugin folder (never through argv[0], PATH or the current directory). See
  // in_process_fallback for when it cannot be started.
  std::filesystem::path scanner_path;
  // How long one plugin may take to load and register in the scanner before it is killed.
  std::chrono::milliseconds scan_budget{5000};
  // How many scanner processes scan files at once on a cold start: 0 (the default) means one per
  // CPU this process may run on. At most kMaxScanJobs, and never more than there are files to
  // scan. Each file's verdict is its own whichever scanner takes it, and rows keep discovery order.
  unsigned scan_jobs = 0;
};

// The most scanner processes a loader runs at once.
inline constexpr unsigned kMaxScanJobs = 64;

// The user plugin folder: $XDG_DATA_HOME/seam/plugins, else ~/.local/share/seam/plugins; empty
// when neither variable is set.
SEAM_LOADER_EXPORT std::filesystem::path user_plugin_folder();

// The installation's system plugin folder, <prefix>/lib/seam/plugins, where <prefix> is found from
// the loader's own file (the shared library, or the executable it is linked into); so it follows
// the installation when it is moved. Empty when the loader cannot tell where it is.
SEAM_LOADER_EXPORT std::filesystem::path system_plugin_folder();

// The installation's HTTP service module, <prefix>/libexec/seam/seam-http-curl.so, found like the
// system plugin folder: the libcurl implementation of "seam.http/1" that the seam command and the
// C API's seam_loader_http_* load at the first request. Empty when the loader cannot tell where it
// is.
SEAM_LOADER_EXPORT std::filesystem::path http_module_file();

// Every folder OPTIONS makes the loader search, in order, with its origin and whether it exists.
SEAM_LOADER_EXPORT std::vector<SearchedFolder> search_folders(const LoaderOptions& options);

// Splits a SEAM_PLUGIN_PATH-style list (':' on POSIX, ';' on Windows); empty entries are dropped.
SEAM_LOADER_EXPORT std::vector<std::filesystem::path> split_path_list(const std::string& list);

// The directories listed in the SEAM_PLUGIN_PATH environment variable, if set.
SEAM_LOADER_EXPORT std::vector<std::filesystem::path> plugin_path_from_environment();

// Where a host keeps its registry cache by default: $SEAM_REGISTRY if set, else
// $XDG_CACHE_HOME/seam/registry.cache, else ~/.cache/seam/registry.cache; empty when none applies.
SEAM_LOADER_EXPORT std::filesystem::path registry_cache_from_environment();

// False when SEAM_REGISTRY_UPDATE is "no": trust the cache without checking the files.
SEAM_LOADER_EXPORT bool registry_update_from_environment();

// Appends the globs of SEAM_PLUGINS_DISABLE to OPTIONS.disable_filters and those of
// SEAM_PLUGINS_SELECT to OPTIONS.select_filters, each with its variable as source. A value is split
// at commas, blanks around each glob trimmed and empty entries dropped; nothing is read in secure
// mode.
SEAM_LOADER_EXPORT void add_filters_from_environment(LoaderOptions& options);

}  // namespace seam
