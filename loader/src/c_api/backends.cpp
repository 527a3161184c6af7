// Lookups, workers and model listers. A backend or lister handle is the address of the registry's
// own seam::Backend / seam::ModelLister, which lives as long as the loader.
#include <new>
#include <string>

#include "c_handles.hpp"

using seam::c_api::fail;
using seam::c_api::fail_with_current_exception;
using seam::c_api::invalid_argument;
using seam::c_api::succeed;

namespace {

const seam::Backend& backend_of(const seam_loader_backend* handle) {
  return *reinterpret_cast<const seam::Backend*>(handle);
}

const seam::ModelLister& lister_of(const seam_loader_lister* handle) {
  return *reinterpret_cast<const seam::ModelLister*>(handle);
}

seam::WorkerSpec spec_of(const seam_loader_worker_spec* spec) {
  using S = seam_loader_worker_spec;
  seam::WorkerSpec out;
  if (const char* v = SEAM_C_FIELD(spec, S, backend_name, nullptr)) out.backend_name = v;
  if (const char* v = SEAM_C_FIELD(spec, S, model_json, nullptr)) out.model_json = v;
  if (const char* v = SEAM_C_FIELD(spec, S, backend_config_json, nullptr)) {
    out.backend_config_json = v;
  }
  return out;
}

}  // namespace

extern "C" {

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_find_backend(const seam_loader* loader,
                                                           const char* family, const char* sdk,
                                                           const seam_loader_backend** out_backend,
                                                           seam_loader_error* error) {
  if (out_backend != nullptr) *out_backend = nullptr;
  if (loader == nullptr || family == nullptr || sdk == nullptr || out_backend == nullptr) {
    return invalid_argument(error, "seam_loader_find_backend",
                            "loader, family, sdk and out_backend must not be NULL");
  }
  try {
    const seam::Backend& backend = loader->loader.registry().lookup(family, sdk);
    *out_backend = reinterpret_cast<const seam_loader_backend*>(&backend);
    return succeed(error);
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

SEAM_LOADER_API const char* SEAM_CALL
seam_loader_backend_family(const seam_loader_backend* backend) {
  return backend != nullptr ? backend_of(backend).family().c_str() : "";
}

SEAM_LOADER_API const char* SEAM_CALL seam_loader_backend_sdk(const seam_loader_backend* backend) {
  return backend != nullptr ? backend_of(backend).sdk().c_str() : "";
}

SEAM_LOADER_API const char* SEAM_CALL
seam_loader_backend_plugin(const seam_loader_backend* backend) {
  return backend != nullptr ? backend_of(backend).plugin_name().c_str() : "";
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_backend_make_worker(
    const seam_loader_backend* backend, const seam_loader_worker_spec* spec,
    seam_loader_worker** out_worker, seam_loader_error* error) {
  if (out_worker != nullptr) *out_worker = nullptr;
  if (backend == nullptr || out_worker == nullptr) {
    return invalid_argument(error, "seam_loader_backend_make_worker",
                            "backend and out_worker must not be NULL");
  }
  try {
    *out_worker = new seam_loader_worker(backend_of(backend).make_worker(spec_of(spec)));
    return succeed(error);
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_worker_invoke(seam_loader_worker* worker,
                                                            const char* request_json,
                                                            seam_loader_event_fn on_event,
                                                            void* ctx, seam_loader_error* error) {
  if (worker == nullptr || request_json == nullptr) {
    return invalid_argument(error, "seam_loader_worker_invoke",
                            "worker and request_json must not be NULL");
  }
  struct ClearCancel {
    std::atomic<bool>& flag;
    ~ClearCancel() { flag = false; }
  } clear_cancel{worker->cancel};
  try {
    std::string event;  // a NUL-terminated copy for C, reused across events
    const seam::InvokeOutcome outcome =
        worker->worker.invoke(request_json, [&](std::string_view json) {
          if (worker->cancel.load()) return false;
          if (on_event == nullptr) return true;
          event.assign(json.data(), json.size());
          return on_event(ctx, event.c_str(), event.size()) == 0 && !worker->cancel.load();
        });
    succeed(error);
    return outcome == seam::InvokeOutcome::cancelled ? SEAM_E_CANCELLED : SEAM_OK;
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

SEAM_LOADER_API void SEAM_CALL seam_loader_worker_cancel(seam_loader_worker* worker) {
  if (worker != nullptr) worker->cancel = true;
}

SEAM_LOADER_API void SEAM_CALL seam_loader_worker_destroy(seam_loader_worker* worker) {
  delete worker;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_find_lister(const seam_loader* loader,
                                                          const char* sdk,
                                                          const seam_loader_lister** out_lister,
                                                          seam_loader_error* error) {
  if (out_lister != nullptr) *out_lister = nullptr;
  if (loader == nullptr || sdk == nullptr || out_lister == nullptr) {
    return invalid_argument(error, "seam_loader_find_lister",
                            "loader, sdk and out_lister must not be NULL");
  }
  try {
    const seam::ModelLister* lister = loader->loader.registry().find_lister(sdk);
    if (lister == nullptr) {
      return fail(error, SEAM_E_UNSUPPORTED, "ModelListingUnsupportedError",
                  std::string("no plugin registered a model lister for sdk '") + sdk +
                      "'; `seam plugins list` shows what each plugin contributes");
    }
    *out_lister = reinterpret_cast<const seam_loader_lister*>(lister);
    return succeed(error);
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_lister_list(const seam_loader_lister* lister,
                                                          const seam_loader_worker_spec* spec,
                                                          seam_loader_model_fn on_model, void* ctx,
                                                          seam_loader_error* error) {
  if (lister == nullptr || on_model == nullptr) {
    return invalid_argument(error, "seam_loader_lister_list",
                            "lister and on_model must not be NULL");
  }
  try {
    lister_of(lister).list(spec_of(spec), [&](const seam::ModelInfo& info) {
      seam_loader_model model{};
      model.struct_size = sizeof model;
      model.id = info.id.c_str();
      model.family = info.family.c_str();
      model.display_name = info.display_name.empty() ? model.id : info.display_name.c_str();
      model.extra_json = info.extra_json.empty() ? "{}" : info.extra_json.c_str();
      return on_model(ctx, &model) == 0;
    });
    return succeed(error);
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

}  // extern "C"
