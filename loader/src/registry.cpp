#include <seam/loader/registry.hpp>

#include <algorithm>
#include <tuple>

#include <seam/loader/errors.hpp>

#include "abi_v1_sizes.hpp"
#include "error_slot.hpp"
#include "loaded_plugin.hpp"
#include "log.hpp"
#include "plugin_call.hpp"
#include "plugin_slot.hpp"
#include "printable_text.hpp"

namespace seam {

namespace {

using detail::ErrorSlot;

// FNV-1a over family, a separator no identifier contains, and sdk.
std::size_t key_hash(std::string_view family, std::string_view sdk) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;
  };
  for (char c : family) mix(static_cast<unsigned char>(c));
  mix(0);
  for (char c : sdk) mix(static_cast<unsigned char>(c));
  return static_cast<std::size_t>(h ^ (h >> 32));
}
using detail::LoadedPlugin;

std::string backend_label(const std::string& family, const std::string& sdk,
                          const LoadedPlugin& p) {
  return "Backend " + family + ":" + sdk + " of " + p.who();
}

// Probes the libraries a contribution declared; the first use of a backend is the only place a
// declared dependency is ever loaded.
void require_dependencies(const Contribution& contribution, const std::string& user,
                          const LoadedPlugin& plugin) {
  for (const DependencyInfo& dependency : contribution.dependencies) {
    std::string why;
    if (!plugin.shared->dependencies.require(dependency, why)) {
      throw MissingDependencyError(detail::missing_dependency_message(user, dependency, why));
    }
  }
}

}  // namespace

Backend::Backend(std::string family, std::string sdk,
                 std::shared_ptr<const detail::PluginSlot> plugin, std::size_t index)
    : family_(std::move(family)),
      sdk_(std::move(sdk)),
      plugin_name_(plugin->row().name),
      plugin_(std::move(plugin)),
      index_(index) {}

Worker Backend::make_worker(const WorkerSpec& spec) const {
  std::shared_ptr<const LoadedPlugin> plugin = plugin_->activate();
  const detail::LiveBackend& live = plugin->registrar->backends[index_];
  const std::string label = backend_label(family_, sdk_, *plugin);
  require_dependencies(live.info, label, *plugin);

  seam_make_worker_args args{};
  args.struct_size = sizeof(args);
  args.family = family_.c_str();
  args.sdk = sdk_.c_str();
  args.backend_name = spec.backend_name.c_str();
  args.model_json = spec.model_json.c_str();
  args.backend_config_json = spec.backend_config_json.c_str();
  args.host = plugin->host->get();
  args.user_data = live.user_data;

  seam_worker out{};
  out.struct_size = sizeof(out);
  ErrorSlot error;
  const std::int32_t status =
      detail::call_plugin(plugin->who(), "make_worker", "backend " + family_ + ":" + sdk_, label,
                          [&] { return live.make_worker(&args, &out, error.get()); });
  if (status == SEAM_E_MISSING_DEPENDENCY) {
    throw MissingDependencyError(label + ": " + error.describe(status));
  }
  if (status != SEAM_OK) {
    throw WorkerError(status, label + " could not make a worker: " + error.describe(status));
  }
  if (out.vtable != nullptr && out.vtable->struct_size < detail::kWorkerVtableV1Size) {
    // Nothing past struct_size is read, destroy included: the worker is leaked, not guessed at.
    throw WorkerError(SEAM_E_INTERNAL, label + " returned a worker vtable whose struct_size (" +
                                           std::to_string(out.vtable->struct_size) +
                                           ") is smaller than the v1 seam_worker_vtable (" +
                                           std::to_string(detail::kWorkerVtableV1Size) +
                                           " bytes); rebuild the plugin against seam.h");
  }
  if (out.vtable == nullptr || out.vtable->invoke == nullptr || out.vtable->destroy == nullptr) {
    throw WorkerError(
        SEAM_E_INTERNAL,
        label + " returned SEAM_OK from make_worker without a complete worker vtable");
  }
  return Worker(plugin, out, label);
}

ModelLister::ModelLister(std::string sdk, std::shared_ptr<const detail::PluginSlot> plugin,
                         std::size_t index)
    : sdk_(std::move(sdk)),
      plugin_name_(plugin->row().name),
      plugin_(std::move(plugin)),
      index_(index) {}

void ModelLister::list(const WorkerSpec& spec,
                       const std::function<bool(const ModelInfo&)>& on_model) const {
  std::shared_ptr<const LoadedPlugin> plugin = plugin_->activate();
  const detail::LiveLister& live = plugin->registrar->listers[index_];
  const std::string label = "Model lister for sdk '" + sdk_ + "' of " + plugin->who();
  require_dependencies(live.info, label, *plugin);

  struct Context {
    const std::function<bool(const ModelInfo&)>* on_model;
    const std::string* label;
    std::exception_ptr error;
  } context{&on_model, &label, nullptr};
  seam_model_sink sink{};
  sink.struct_size = sizeof(sink);
  sink.ctx = &context;
  sink.emit = [](void* ctx, const seam_model_record* record) -> std::int32_t {
    auto* c = static_cast<Context*>(ctx);
    try {
      // A bad record is named and skipped; the good ones around it are kept.
      if (record == nullptr || record->struct_size < detail::kModelRecordV1Size) {
        detail::log().warn("{} sent a model record {}; it is skipped", *c->label,
                           record == nullptr
                               ? std::string("that is NULL")
                               : "whose struct_size (" + std::to_string(record->struct_size) +
                                     ") is smaller than the v1 seam_model_record (" +
                                     std::to_string(detail::kModelRecordV1Size) + " bytes)");
        return 0;
      }
      if (record->id == nullptr || *record->id == '\0') {
        detail::log().warn("{} sent a model record without an id; it is skipped", *c->label);
        return 0;
      }
      const std::string id = detail::valid_utf8(record->id);
      ModelInfo info{id, detail::valid_utf8(record->family ? record->family : ""),
                     record->display_name ? detail::valid_utf8(record->display_name) : id,
                     record->extra_json ? detail::valid_utf8(record->extra_json) : "{}"};
      return (*c->on_model)(info) ? 0 : 1;
    } catch (...) {
      c->error = std::current_exception();
      return 1;
    }
  };

  seam_list_models_args args{};
  args.struct_size = sizeof(args);
  args.sdk = sdk_.c_str();
  args.backend_name = spec.backend_name.c_str();
  args.backend_config_json = spec.backend_config_json.c_str();
  args.host = plugin->host->get();
  args.user_data = live.user_data;

  ErrorSlot error;
  const std::int32_t status =
      detail::call_plugin(plugin->who(), "list_models", "model lister " + sdk_, label,
                          [&] { return live.list_models(&args, &sink, error.get()); });
  if (context.error) std::rethrow_exception(context.error);
  if (status == SEAM_OK || status == SEAM_E_CANCELLED) return;
  if (status == SEAM_E_UNSUPPORTED) {
    throw ModelListingUnsupportedError(label + " cannot list models for this backend" +
                                       (error.message().empty() ? "" : ": " + error.message()));
  }
  if (status == SEAM_E_MISSING_DEPENDENCY) {
    throw MissingDependencyError(label + ": " + error.describe(status));
  }
  throw WorkerError(status, label + " failed: " + error.describe(status));
}

Registry::Registry(std::vector<Backend> backends, std::vector<ModelLister> listers)
    : backends_(std::move(backends)), listers_(std::move(listers)) {
  std::size_t size = 16;
  while (size < backends_.size() * 2) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
  for (std::size_t i = 0; i < backends_.size(); ++i) {
    std::size_t slot = key_hash(backends_[i].family(), backends_[i].sdk()) & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

const Backend* Registry::find(std::string_view family, std::string_view sdk) const noexcept {
  if (slots_.empty()) return nullptr;
  for (std::size_t slot = key_hash(family, sdk) & mask_;; slot = (slot + 1) & mask_) {
    const std::uint32_t entry = slots_[slot];
    if (entry == 0) return nullptr;
    const Backend& b = backends_[entry - 1];
    if (b.sdk() == sdk && b.family() == family) return &b;
  }
}

const Backend& Registry::lookup(std::string_view family, std::string_view sdk) const {
  if (const Backend* backend = find(family, sdk)) return *backend;
  throw InferenceBackendNotFoundError("No inference backend registered for sdk '" +
                                      std::string(sdk) + "' in the " + std::string(family) +
                                      " family. Is its plugin installed and enabled?");
}

const ModelLister* Registry::find_lister(std::string_view sdk) const noexcept {
  // Listers are few and looked up once per `models list`: a scan is enough.
  for (const ModelLister& lister : listers_) {
    if (lister.sdk() == sdk) return &lister;
  }
  return nullptr;
}

}  // namespace seam
