// A plugin whose code is in this process: its library, descriptor, registrar session (holding the
// live contributions) and host services. Shared by the registry and every worker made from it, so
// the library stays mapped until the last of them is gone.
#pragma once

#include <memory>
#include <string>

#include <seam/seam.h>

#include "dynlib.hpp"
#include "host_services.hpp"
#include "registrar.hpp"

namespace seam::detail {

struct LoadedPlugin {
  // Members are destroyed bottom-up: the plugin's cached clients first (their destroy functions are
  // plugin code), then the plugin library, then the dependency libraries the plugin may have used.
  std::shared_ptr<SharedServices> shared;
  DynLib library;  // empty for a builtin
  std::string name;
  std::string origin;  // "builtin" or the file's path
  const seam_plugin_descriptor* descriptor = nullptr;
  std::unique_ptr<RegistrarSession> registrar;
  std::unique_ptr<HostServices> host;

  // "plugin 'echo' (builtin)", for messages.
  std::string who() const { return "plugin '" + name + "' (" + origin + ")"; }
};

}  // namespace seam::detail
