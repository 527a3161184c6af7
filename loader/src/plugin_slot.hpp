// One accepted plugin file or builtin in the registry. It starts as a record; its code is loaded
// on first use, once, even when many threads ask at the same moment, and must then register exactly
// what the record says.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <mutex>

#include "loaded_plugin.hpp"
#include "record.hpp"

namespace seam::detail {

class PluginSlot {
 public:
  // PRELOADED is the plugin's code when it is already in this process (a builtin, an in-process
  // scan); ON_STALE is told the path when activation finds that the file changed.
  PluginSlot(std::shared_ptr<const PluginRecord> record, std::shared_ptr<SharedServices> shared,
             std::shared_ptr<LoadedPlugin> preloaded,
             std::function<void(const std::string&)> on_stale);

  const PluginRow& row() const noexcept { return record_->row; }
  std::string who() const { return detail::who(record_->row); }

  // The plugin's code, loading it and running its activation hook on the first call. Throws
  // BrokenPluginError when it cannot be loaded, registers something other than its record or fails
  // to activate (every later call throws the same).
  std::shared_ptr<const LoadedPlugin> activate() const;

 private:
  void load() const;

  std::shared_ptr<const PluginRecord> record_;
  std::shared_ptr<SharedServices> shared_;
  std::function<void(const std::string&)> on_stale_;
  mutable std::once_flag once_;
  mutable std::shared_ptr<const LoadedPlugin> loaded_;
  mutable std::exception_ptr error_;
};

}  // namespace seam::detail
