// The plugin report: one row per candidate, builtin or file, with what was decided and why.
#pragma once

#include <seam/loader/export.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seam {

enum class PluginState {
  registered,    // in the registry
  disabled,      // denied by configuration
  broken,        // could not be loaded, has no valid descriptor, or its register failed
  incompatible,  // API version or host version range refused
  duplicate,     // lost a (family, sdk) or lister conflict
  untrusted,     // its file or a folder above it may be changed by someone else: not loaded
  shadowed,      // every contribution lost to a pinned plugin ([plugins] prefer); not a problem
  filtered,      // removed by a select or disable glob (SEAM_PLUGINS_SELECT/_DISABLE, safe mode)
};

SEAM_LOADER_EXPORT std::string_view to_string(PluginState state);

// A declared optional library, as the report shows it.
struct DependencyInfo {
  std::string name;
  std::vector<std::string> candidates;
  std::string install_hint;
};

// One thing a plugin registered.
struct SEAM_LOADER_EXPORT Contribution {
  enum class Kind { backend, lister };
  Kind kind = Kind::backend;
  std::string family;  // empty for a lister
  std::string sdk;
  std::uint32_t flags = 0;
  std::vector<DependencyInfo> dependencies;

  // "llm:echo" for a backend, "lister:echo" for a lister.
  std::string label() const;
};

struct PluginRow {
  // The descriptor's name; the file stem while the descriptor could not be read.
  std::string name;
  std::string version;
  std::string description;
  std::string vendor;
  std::uint32_t api_version = 0;
  // "builtin", or the plugin file's path.
  std::string origin;
  bool builtin = false;
  bool core_unconditional = false;
  PluginState state = PluginState::registered;
  // Why the plugin is not registered (empty when it is), and the kind() of the matching error.
  std::string reason;
  std::string error_kind;
  std::vector<Contribution> contributions;
};

// How the loader came by a row, parallel to Loader::report() (`seam plugins list --explain`).
struct RowTrace {
  // "builtin", "cache hit", "scanned (cache miss: new file)", "scanned (no cache)",
  // "not scanned (filtered)" ...
  std::string source;
  // Whether a cache record was used.
  bool cache_hit = false;
  // Whether the file was scanned by this start, and how long its own scan took (loading and
  // registering, measured where it ran: in its scanner, or here when scanned in process; for a
  // file that crashed or timed out, until it did). Zero when it was not scanned.
  bool scanned = false;
  std::chrono::microseconds scan_time{0};
};

}  // namespace seam
