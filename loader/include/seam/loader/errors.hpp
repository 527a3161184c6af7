// The loader's error hierarchy. Every class has a stable kind() string, used in `--json` output and
// in docs/errors.md; messages name the plugin, the file and what to do next.
#pragma once

#include <seam/loader/export.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace seam {

class SEAM_LOADER_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // A stable identifier of the error's class, e.g. "BrokenPluginError".
  virtual const char* kind() const noexcept = 0;
};

// A plugin's api_version lies outside [SEAM_API_VERSION_MIN, SEAM_API_VERSION], or it was built for
// a host version range this host is not in.
class SEAM_LOADER_EXPORT PluginApiVersionMismatchError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "PluginApiVersionMismatchError"; }
};

// Two plugins registered the same (family, sdk).
class SEAM_LOADER_EXPORT DuplicateInferenceBackendError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "DuplicateInferenceBackendError"; }
};

// Two plugins registered a model lister for the same sdk.
class SEAM_LOADER_EXPORT DuplicateModelListerError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "DuplicateModelListerError"; }
};

// The denylist names a builtin that the host marked core-unconditional.
class SEAM_LOADER_EXPORT CoreUnconditionalPluginDisabledError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "CoreUnconditionalPluginDisabledError"; }
};

// Two plugins declare the same name.
class SEAM_LOADER_EXPORT DuplicatePluginError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "DuplicatePluginError"; }
};

// A plugin file could not be loaded, has no valid entry or descriptor, or its register failed.
class SEAM_LOADER_EXPORT BrokenPluginError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "BrokenPluginError"; }
};

// No backend is registered for a (family, sdk).
class SEAM_LOADER_EXPORT InferenceBackendNotFoundError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "InferenceBackendNotFoundError"; }
};

// An optional library a backend needs is not installed.
class SEAM_LOADER_EXPORT MissingDependencyError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "MissingDependencyError"; }
};

// A backend has no model lister, or its lister reported SEAM_E_UNSUPPORTED. Soft: callers report it
// as a note, not a failure.
class SEAM_LOADER_EXPORT ModelListingUnsupportedError : public Error {
 public:
  using Error::Error;
  const char* kind() const noexcept override { return "ModelListingUnsupportedError"; }
};

// A configuration file is malformed or holds an unknown key or a wrong type.
class SEAM_LOADER_EXPORT ConfigError : public Error {
 public:
  // Line 0: the error is about the file as a whole ("file: what"), not a place in it.
  ConfigError(std::string file, std::uint32_t line, std::uint32_t column, const std::string& what);
  const char* kind() const noexcept override { return "ConfigError"; }
  const std::string& file() const noexcept { return file_; }
  std::uint32_t line() const noexcept { return line_; }
  std::uint32_t column() const noexcept { return column_; }

 private:
  std::string file_;
  std::uint32_t line_;
  std::uint32_t column_;
};

// A plugin's make_worker, invoke or list_models returned a failure status.
class SEAM_LOADER_EXPORT WorkerError : public Error {
 public:
  WorkerError(std::int32_t status, const std::string& what) : Error(what), status_(status) {}
  const char* kind() const noexcept override { return "WorkerError"; }
  // The SEAM_E_* status the plugin returned.
  std::int32_t status() const noexcept { return status_; }

 private:
  std::int32_t status_;
};

// The name of a SEAM_E_* status, e.g. "SEAM_E_BACKEND"; "unknown status N" for others.
SEAM_LOADER_EXPORT std::string status_name(std::int32_t status);

}  // namespace seam
