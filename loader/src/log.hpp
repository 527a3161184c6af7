// The loader's logger: spdlog's logger named "seam", created on first use, writing to stderr.
#pragma once

#include <cstdint>
#include <memory>

#include <spdlog/logger.h>

namespace seam::detail {

spdlog::logger& log();

// The spdlog level of a SEAM_LOG_* level (error for any other value).
spdlog::level::level_enum to_spdlog_level(std::int32_t level);

}  // namespace seam::detail
