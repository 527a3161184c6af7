#include "logging.hpp"

#include <set>
#include <string>

#include <seam/loader/security.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace seam::host {

void configure_logging(int verbosity) {
  spdlog::level::level_enum level = verbosity >= 3   ? spdlog::level::trace
                                    : verbosity == 2 ? spdlog::level::debug
                                    : verbosity == 1 ? spdlog::level::info
                                                     : spdlog::level::warn;
  // spdlog reads an unknown name as "off": a typo must not silence every warning.
  static const std::set<std::string> kLevels{"trace",   "debug", "info",     "warn",
                                             "warning", "error", "critical", "off"};
  std::string unknown;
  if (const char* env = environment_value("SEAM_LOG")) {
    if (kLevels.count(env)) {
      level = spdlog::level::from_str(env);
    } else {
      unknown = env;
    }
  }
  // The loader logs through the logger named "seam"; make sure it writes to stderr at our level.
  auto logger = spdlog::get("seam");
  if (!logger) logger = spdlog::stderr_color_mt("seam");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(level);
  spdlog::set_level(level);
  if (!unknown.empty()) {
    logger->warn(
        "SEAM_LOG='{}' is not a log level; it is ignored. Use one of trace, debug, info, "
        "warn, error, off",
        unknown);
  }
}

}  // namespace seam::host
