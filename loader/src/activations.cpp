#include "activations.hpp"

#include <seam/loader/errors.hpp>

#include "error_slot.hpp"
#include "loaded_plugin.hpp"
#include "log.hpp"
#include "option_names.hpp"

namespace seam::detail {

void Activations::activate(const std::shared_ptr<const LoadedPlugin>& plugin,
                           const OptionNames& names) {
  const seam_lifecycle_def& hooks = plugin->registrar->lifecycle;
  if (hooks.activate != nullptr) {
    ErrorSlot error;
    std::int32_t status = SEAM_E_INTERNAL;
    try {
      status = hooks.activate(hooks.user_data, plugin->host->get(), error.get());
    } catch (...) {
      error.get()->set(error.get(), status, "its activation hook threw an exception");
    }
    if (status != SEAM_OK) {
      throw BrokenPluginError("Plugin '" + plugin->name + "' (" + plugin->origin +
                              ") failed to activate: " + error.describe(status) +
                              ". Fix what it reports, or add '" + plugin->name + "' to " +
                              denylist(names) + ".");
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  order_.push_back(plugin);
}

void Activations::tear_down() noexcept {
  std::vector<std::weak_ptr<const LoadedPlugin>> order;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    order.swap(order_);
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    std::shared_ptr<const LoadedPlugin> plugin = it->lock();
    if (!plugin || plugin->registrar->lifecycle.teardown == nullptr) continue;
    const seam_lifecycle_def& hooks = plugin->registrar->lifecycle;
    try {
      hooks.teardown(hooks.user_data, plugin->host->get());
      log().debug("tore down {}", plugin->who());
    } catch (...) {
      // A C++ plugin's exception that escaped its barrier: the others must still be torn down.
      log().warn("{}: its teardown hook threw an exception; the other plugins are torn down anyway",
                 plugin->who());
    }
  }
}

}  // namespace seam::detail
