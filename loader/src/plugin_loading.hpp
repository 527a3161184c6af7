// Turning one candidate (a builtin or a file) into a loaded plugin and its report row: open the
// library, read and gate the descriptor, run register against a recording registrar.
#pragma once

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <seam/loader/options.hpp>
#include <seam/loader/report.hpp>

#include "dynlib.hpp"
#include "loaded_plugin.hpp"
#include "record.hpp"

namespace seam::detail {

// FILE's name without its directory and its last suffix, as std::filesystem::path::stem() gives it
// ("a/b.c.so" -> "b.c", "a/.so" -> ".so").
std::string file_stem(std::string_view file);

struct Candidate {
  // The plugin file, as rows and the cache name it (empty for a builtin). Text, not a path object:
  // a warm start never needs the path's parts, and building them cost more than listing the folder.
  std::string file;
  const BuiltinPlugin* builtin = nullptr;  // null for a file
  // The file's identity when discovery read it with the listing (saves a second stat).
  std::optional<Fingerprint> fingerprint;
  // Why the file is not loaded from where it is (an untrusted file or folder); empty when trusted.
  std::string untrusted;

  std::filesystem::path path() const { return text_path(file); }
  // The file name without its suffix: what the denylist matches before the file is opened.
  std::string stem() const { return file_stem(file); }
};

// A candidate on its way through the pipeline. While `problem` is null and `plugin` is set, it is
// still in the running.
struct PluginInProgress {
  PluginRow row;
  std::shared_ptr<LoadedPlugin> plugin;
  std::exception_ptr problem;

  // Marks the row STATE with the error's reason and kind, drops the plugin's code, records the
  // problem.
  template <class E>
  void reject(PluginState state, const std::string& message) {
    row.state = state;
    row.reason = message;
    row.error_kind = E(message).kind();
    problem = std::make_exception_ptr(E(message));
    plugin.reset();
  }
};

// Opens the candidate and reads its descriptor, gating it on the API version and on the host
// version in SHARED: the row gets the descriptor's fields, `plugin` the library and descriptor.
// Runs no plugin code but the entry point.
PluginInProgress open_plugin(const Candidate& candidate,
                             const std::shared_ptr<SharedServices>& shared);

// Runs the descriptor's register against a fresh registrar; fills the row's contributions.
void register_plugin(PluginInProgress& plugin);

// open_plugin then register_plugin, for a plugin file: what a scan and an activation both do.
PluginInProgress load_plugin_file(const std::filesystem::path& file,
                                  const std::shared_ptr<SharedServices>& shared);

}  // namespace seam::detail
