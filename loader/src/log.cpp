#include "log.hpp"

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

}  // namespace seam::detail
