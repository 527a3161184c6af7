// The immutable registry: (family, sdk) -> backend, sdk -> model lister. Built once by the Loader;
// lookups are lock-free reads and may run on many threads at once.
#pragma once

#include <seam/loader/export.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <seam/loader/report.hpp>
#include <seam/loader/worker.hpp>

namespace seam {

namespace detail {
class PluginSlot;
}

// What make_worker and list_models are told about the configured backend instance and model.
struct WorkerSpec {
  std::string backend_name;                // the configured instance name
  std::string model_json = "{}";           // {"name":..., "model_id":..., "options":{...}}
  std::string backend_config_json = "{}";  // the instance's parameters
};

struct ModelInfo {
  std::string id;
  std::string family;
  std::string display_name;
  std::string extra_json;  // a JSON object
};

class SEAM_LOADER_EXPORT Backend {
 public:
  Backend(std::string family, std::string sdk, std::shared_ptr<const detail::PluginSlot> plugin,
          std::size_t index);

  const std::string& family() const noexcept { return family_; }
  const std::string& sdk() const noexcept { return sdk_; }
  const std::string& plugin_name() const noexcept { return plugin_name_; }

  // Calls the plugin's make_worker, loading the plugin's code first if this is its first use.
  // Throws BrokenPluginError when the plugin cannot be loaded or changed since it was scanned,
  // MissingDependencyError when a declared library is missing (or the plugin reports
  // SEAM_E_MISSING_DEPENDENCY), WorkerError on other failures. Safe to call from many threads.
  Worker make_worker(const WorkerSpec& spec) const;

 private:
  std::string family_;
  std::string sdk_;
  std::string plugin_name_;
  std::shared_ptr<const detail::PluginSlot> plugin_;
  std::size_t index_;  // into the plugin's contributions of this kind
};

class SEAM_LOADER_EXPORT ModelLister {
 public:
  ModelLister(std::string sdk, std::shared_ptr<const detail::PluginSlot> plugin, std::size_t index);

  const std::string& sdk() const noexcept { return sdk_; }
  const std::string& plugin_name() const noexcept { return plugin_name_; }

  // Streams the models to ON_MODEL (return false to stop). Throws ModelListingUnsupportedError when
  // the lister answers SEAM_E_UNSUPPORTED, WorkerError on any other failure.
  void list(const WorkerSpec& spec, const std::function<bool(const ModelInfo&)>& on_model) const;

 private:
  std::string sdk_;
  std::string plugin_name_;
  std::shared_ptr<const detail::PluginSlot> plugin_;
  std::size_t index_;
};

class SEAM_LOADER_EXPORT Registry {
 public:
  Registry(std::vector<Backend> backends, std::vector<ModelLister> listers);
  Registry() = default;

  // The backend for (FAMILY, SDK). Throws InferenceBackendNotFoundError naming both.
  const Backend& lookup(std::string_view family, std::string_view sdk) const;
  // Same, without throwing: nullptr on a miss.
  const Backend* find(std::string_view family, std::string_view sdk) const noexcept;
  // The lister for SDK, nullptr when none is registered.
  const ModelLister* find_lister(std::string_view sdk) const noexcept;

  // In report order (builtins, then files in discovery order).
  const std::vector<Backend>& backends() const noexcept { return backends_; }
  const std::vector<ModelLister>& listers() const noexcept { return listers_; }

 private:
  // Open addressing over backends_: slot = (hash of family and sdk) & mask, holding index + 1 (0 is
  // empty), at most half full. Lookups hash two short strings and compare one or two entries, with
  // no allocation and no lock.
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;

  std::vector<Backend> backends_;
  std::vector<ModelLister> listers_;
};

}  // namespace seam
