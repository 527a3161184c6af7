// What a host tells the loader: where plugins are, which are built in, which are denied, and what
// to do when one is broken.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
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

struct LoaderOptions {
  // Directories searched, non-recursively and in this order, for plugin files (.so/.dll/.dylib).
  // The current directory is never searched unless it is listed.
  std::vector<std::filesystem::path> search_paths;
  // Plugin files named explicitly; they come after the search paths.
  std::vector<std::filesystem::path> plugin_files;
  // Builtins; they come before every file.
  std::vector<BuiltinPlugin> builtins;
  // Denylist: each entry matches a plugin's file stem (before the file is opened, so a plugin too
  // broken to load can still be denied) or its descriptor name (after).
  std::vector<std::string> disabled;
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

  // Where scan results are kept between runs (the registry cache); empty means no cache, so every
  // start scans every file.
  std::filesystem::path registry_cache;
  // Use cached records without checking the files' size, mtime and inode (SEAM_REGISTRY_UPDATE=no,
  // for embedded hosts whose plugins never change). Files missing from the cache are still scanned.
  bool trust_registry_cache = false;
  // Scan plugin files in the seam-plugin-scanner process, so one that crashes, exits or hangs while
  // loading or registering becomes a broken row instead of taking the host down.
  bool isolate_scanning = true;
  // The scanner executable; empty means seam-plugin-scanner beside the program or library the
  // loader is linked into. When it cannot be started, files are scanned in this process (warning).
  std::filesystem::path scanner_path;
  // How long one plugin may take to load and register in the scanner before it is killed.
  std::chrono::milliseconds scan_budget{5000};
};

// Splits a SEAM_PLUGIN_PATH-style list (':' on POSIX, ';' on Windows); empty entries are dropped.
std::vector<std::filesystem::path> split_path_list(const std::string& list);

// The directories listed in the SEAM_PLUGIN_PATH environment variable, if set.
std::vector<std::filesystem::path> plugin_path_from_environment();

// Where a host keeps its registry cache by default: $SEAM_REGISTRY if set, else
// $XDG_CACHE_HOME/seam/registry.cache, else ~/.cache/seam/registry.cache; empty when none applies.
std::filesystem::path registry_cache_from_environment();

// False when SEAM_REGISTRY_UPDATE is "no": trust the cache without checking the files.
bool registry_update_from_environment();

}  // namespace seam
