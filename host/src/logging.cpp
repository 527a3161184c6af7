#include "logging.hpp"

#include <cstdlib>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace seam::host {

void configure_logging(int verbosity) {
  spdlog::level::level_enum level = verbosity >= 3   ? spdlog::level::trace
                                    : verbosity == 2 ? spdlog::level::debug
                                    : verbosity == 1 ? spdlog::level::info
                                                     : spdlog::level::warn;
  if (const char* env = std::getenv("SEAM_LOG"); env && *env) level = spdlog::level::from_str(env);
  // The loader logs through the logger named "seam"; make sure it writes to stderr at our level.
  auto logger = spdlog::get("seam");
  if (!logger) logger = spdlog::stderr_color_mt("seam");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(level);
  spdlog::set_level(level);
}

}  // namespace seam::host
