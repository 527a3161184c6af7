// The lifecycle of plugins in one loader: each plugin's activation hook runs once, before its first
// use, and the teardown hooks of the activated plugins run when the loader goes, newest first.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <seam/loader/options.hpp>

namespace seam::detail {

struct LoadedPlugin;

class Activations {
 public:
  // Runs PLUGIN's activation hook, if it set one, then remembers PLUGIN for tear_down. Throws
  // BrokenPluginError carrying the plugin's message when the hook fails (PLUGIN is then not
  // remembered), which tells what to do in NAMES. Called once per plugin.
  void activate(const std::shared_ptr<const LoadedPlugin>& plugin, const OptionNames& names);

  // Calls the teardown hook of every remembered plugin, in the reverse order of activation, each
  // on its own: one that fails or throws is logged and the others still run. Forgets them all.
  void tear_down() noexcept;

 private:
  std::mutex mutex_;
  // Weak: the registry owns the plugins, and tear_down runs before it lets them go.
  std::vector<std::weak_ptr<const LoadedPlugin>> order_;
};

}  // namespace seam::detail
