// seam_loader_set_log: the loader's logger (process-wide, spdlog's "seam") sends its lines to a C
// callback instead of its own sinks.
#include <mutex>

#include <spdlog/sinks/base_sink.h>

#include "../log.hpp"
#include "c_handles.hpp"

namespace {

// Forwards to the C callback when one is set, else to the logger's original sinks.
class SwitchSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit SwitchSink(std::vector<spdlog::sink_ptr> original) : original_(std::move(original)) {}

  void set(seam_loader_log_fn fn, void* ctx) {
    std::lock_guard<std::mutex> lock(mutex_);
    fn_ = fn;
    ctx_ = ctx;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (fn_ == nullptr) {
      for (auto& sink : original_) {
        if (sink->should_log(msg.level)) sink->log(msg);
      }
      return;
    }
    const std::string text(msg.payload.data(), msg.payload.size());
    fn_(ctx_, level_of(msg.level), text.c_str());
  }
  void flush_() override {
    for (auto& sink : original_) sink->flush();
  }

 private:
  static int32_t level_of(spdlog::level::level_enum level) {
    switch (level) {
      case spdlog::level::trace:
        return SEAM_LOG_TRACE;
      case spdlog::level::debug:
        return SEAM_LOG_DEBUG;
      case spdlog::level::info:
        return SEAM_LOG_INFO;
      case spdlog::level::warn:
        return SEAM_LOG_WARN;
      default:
        return SEAM_LOG_ERROR;
    }
  }

  std::vector<spdlog::sink_ptr> original_;
  seam_loader_log_fn fn_ = nullptr;
  void* ctx_ = nullptr;
};

}  // namespace

extern "C" {

SEAM_LOADER_API void SEAM_CALL seam_loader_set_log(seam_loader_log_fn fn, void* ctx,
                                                   int32_t level) {
  try {
    spdlog::logger& logger = seam::detail::log();
    static const std::shared_ptr<SwitchSink> sink = [&logger] {
      auto created = std::make_shared<SwitchSink>(logger.sinks());
      logger.sinks() = {created};
      return created;
    }();
    sink->set(fn, ctx);
    logger.set_level(level == SEAM_LOADER_LOG_OFF ? spdlog::level::off
                                                  : seam::detail::to_spdlog_level(level));
  } catch (...) {
    // Logging stays as it was; nothing a C caller could do about it.
  }
}

}  // extern "C"
