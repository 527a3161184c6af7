#include "log.hpp"

#include <seam/seam.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace seam::detail {

spdlog::logger& log() {
  // A host that registered its own "seam" logger (or set its level) keeps it.
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("seam")) return existing;
    auto created = spdlog::stderr_color_mt("seam");
    created->set_level(spdlog::get_level());
    return created;
  }();
  return *logger;
}

spdlog::level::level_enum to_spdlog_level(std::int32_t level) {
  switch (level) {
    case SEAM_LOG_TRACE:
      return spdlog::level::trace;
    case SEAM_LOG_DEBUG:
      return spdlog::level::debug;
    case SEAM_LOG_INFO:
      return spdlog::level::info;
    case SEAM_LOG_WARN:
      return spdlog::level::warn;
    default:
      return spdlog::level::err;
  }
}

}  // namespace seam::detail
