#include "logging.hpp"

#include <cstdlib>
#include <set>
#include <string>

#include <seam/loader/security.hpp>

#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "answer_stream.hpp"

namespace seam::host {

namespace {

class OwnLineSink : public spdlog::sinks::dist_sink_mt {
 public:
  using spdlog::sinks::dist_sink_mt::dist_sink_mt;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    on_own_line([&] { spdlog::sinks::dist_sink_mt::sink_it_(msg); });
  }
};

}  // namespace

std::shared_ptr<spdlog::sinks::sink> on_own_lines(
    std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks) {
  return std::make_shared<OwnLineSink>(std::move(sinks));
}

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
  // NO_COLOR (https://no-color.org): read directly, not through environment_value, because it can
  // only take colour away, so secure mode has no reason to ignore it.
  const char* no_color = std::getenv("NO_COLOR");
  const auto mode = no_color != nullptr && *no_color != '\0' ? spdlog::color_mode::never
                                                             : spdlog::color_mode::automatic;
  auto logger = spdlog::get("seam");
  if (!logger) logger = spdlog::stderr_color_mt("seam", mode);
  std::vector<spdlog::sink_ptr> sinks;
  for (auto& sink : logger->sinks()) {
    if (auto own = std::dynamic_pointer_cast<OwnLineSink>(sink)) {
      sinks.insert(sinks.end(), own->sinks().begin(), own->sinks().end());
    } else {
      sinks.push_back(sink);
    }
  }
  for (auto& sink : sinks) {
    if (auto colored = std::dynamic_pointer_cast<spdlog::sinks::stderr_color_sink_mt>(sink)) {
      colored->set_color_mode(mode);
    }
  }
  logger->sinks() = {on_own_lines(std::move(sinks))};
  // Without the colour range (%^ %$) no sink colours anything, whoever created it.
  logger->set_pattern(mode == spdlog::color_mode::never ? "%l: %v" : "%^%l%$: %v");
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
