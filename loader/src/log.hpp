// The loader's logger: spdlog's logger named "seam", created on first use, writing to stderr.
#pragma once

#include <memory>

#include <spdlog/logger.h>

namespace seam::detail {

spdlog::logger& log();

}  // namespace seam::detail
