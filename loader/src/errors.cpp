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
  const std::string name = seam_status_name(status);
  return name == "SEAM_E_UNKNOWN" ? "unknown status " + std::to_string(status) : name;
}

}  // namespace seam
