#include <seam/loader/errors.hpp>

#include <seam/seam.h>

namespace seam {

ConfigError::ConfigError(std::string file, std::uint32_t line, std::uint32_t column,
                         const std::string& what)
    : Error(line == 0 ? file + ": " + what
                      : file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                            what),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

std::string status_name(std::int32_t status) {
  switch (status) {
    case SEAM_OK:
      return "SEAM_OK";
    case SEAM_E_INVALID_ARGUMENT:
      return "SEAM_E_INVALID_ARGUMENT";
    case SEAM_E_NOT_FOUND:
      return "SEAM_E_NOT_FOUND";
    case SEAM_E_DUPLICATE:
      return "SEAM_E_DUPLICATE";
    case SEAM_E_MISSING_DEPENDENCY:
      return "SEAM_E_MISSING_DEPENDENCY";
    case SEAM_E_UNSUPPORTED:
      return "SEAM_E_UNSUPPORTED";
    case SEAM_E_CANCELLED:
      return "SEAM_E_CANCELLED";
    case SEAM_E_BACKEND:
      return "SEAM_E_BACKEND";
    case SEAM_E_INTERNAL:
      return "SEAM_E_INTERNAL";
    case SEAM_E_INVALID_STATE:
      return "SEAM_E_INVALID_STATE";
    case SEAM_E_NO_MEMORY:
      return "SEAM_E_NO_MEMORY";
    case SEAM_E_TIMEOUT:
      return "SEAM_E_TIMEOUT";
    default:
      return "unknown status " + std::to_string(status);
  }
}

}  // namespace seam
