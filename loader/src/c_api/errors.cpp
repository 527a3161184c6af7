// The C API's error object, versions and names, and the translation of C++ exceptions.
#include <new>
#include <stdexcept>

#include "c_handles.hpp"

namespace seam::c_api {

std::int32_t succeed(seam_loader_error* error) noexcept {
  if (error != nullptr) {
    error->status = SEAM_OK;
    error->kind.clear();
    error->message.clear();
  }
  return SEAM_OK;
}

std::int32_t fail(seam_loader_error* error, std::int32_t status, const char* kind,
                  const std::string& message) noexcept {
  if (error != nullptr) {
    error->status = status;
    try {
      error->kind = kind;
      error->message = message;
    } catch (...) {
      // Out of memory while explaining: the status still tells.
      error->kind.clear();
      error->message.clear();
    }
  }
  return status;
}

namespace {

// The status a C caller gets for each class of the loader's errors.
std::int32_t status_of(const Error& e) {
  const std::string kind = e.kind();
  if (auto* worker = dynamic_cast<const WorkerError*>(&e)) return worker->status();
  if (kind == "InferenceBackendNotFoundError") return SEAM_E_NOT_FOUND;
  if (kind == "MissingDependencyError") return SEAM_E_MISSING_DEPENDENCY;
  if (kind == "ModelListingUnsupportedError") return SEAM_E_UNSUPPORTED;
  if (kind == "ConfigError") return SEAM_E_INVALID_ARGUMENT;
  return SEAM_LOADER_E_PLUGIN;
}

}  // namespace

std::int32_t fail_with_current_exception(seam_loader_error* error) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    return fail(error, status_of(e), e.kind(), e.what());
  } catch (const std::bad_alloc&) {
    return fail(error, SEAM_E_NO_MEMORY, "OutOfMemoryError", "out of memory");
  } catch (const std::invalid_argument& e) {
    return fail(error, SEAM_E_INVALID_ARGUMENT, "InvalidArgumentError", e.what());
  } catch (const std::exception& e) {
    return fail(error, SEAM_E_INTERNAL, "InternalError", e.what());
  } catch (...) {
    return fail(error, SEAM_E_INTERNAL, "InternalError", "an unknown exception");
  }
}

std::int32_t invalid_argument(seam_loader_error* error, const char* function, const char* what) {
  return fail(error, SEAM_E_INVALID_ARGUMENT, "InvalidArgumentError",
              std::string(function) + ": " + what);
}

}  // namespace seam::c_api

extern "C" {

SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_c_api_version(void) {
  return SEAM_LOADER_C_API_VERSION;
}

SEAM_LOADER_API void SEAM_CALL seam_loader_plugin_api_range(uint32_t* out_min, uint32_t* out_max) {
  if (out_min != nullptr) *out_min = SEAM_API_VERSION_MIN;
  if (out_max != nullptr) *out_max = SEAM_API_VERSION;
}

SEAM_LOADER_API seam_loader_error* SEAM_CALL seam_loader_error_create(void) {
  return new (std::nothrow) seam_loader_error();
}

SEAM_LOADER_API void SEAM_CALL seam_loader_error_destroy(seam_loader_error* error) {
  delete error;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_error_set(seam_loader_error* error, int32_t status,
                                                        const char* kind, const char* message) {
  return seam::c_api::fail(error, status, kind != nullptr ? kind : "",
                           message != nullptr ? message : "");
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_error_status(const seam_loader_error* error) {
  return error != nullptr ? error->status : SEAM_E_INVALID_ARGUMENT;
}

SEAM_LOADER_API const char* SEAM_CALL seam_loader_error_kind(const seam_loader_error* error) {
  return error != nullptr ? error->kind.c_str() : "";
}

SEAM_LOADER_API const char* SEAM_CALL seam_loader_error_message(const seam_loader_error* error) {
  return error != nullptr ? error->message.c_str() : "";
}

SEAM_LOADER_API const char* SEAM_CALL seam_loader_status_name(int32_t status) {
  // seam::status_name's words, kept in static storage so C may hold on to them.
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (std::int32_t s = SEAM_OK; s <= SEAM_E_TIMEOUT; ++s) all.push_back(seam::status_name(s));
    return all;
  }();
  if (status == SEAM_LOADER_E_PLUGIN) return "SEAM_LOADER_E_PLUGIN";
  if (status >= 0 && static_cast<std::size_t>(status) < names.size()) return names[status].c_str();
  return "unknown status";
}

}  // extern "C"
