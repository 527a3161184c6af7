// The whole command: `seam --config FILE run --model NAME PROMPT` as a user types it, timed from
// the spawn to the first byte of output (time to first token, process start included) and to exit.
#pragma once

#include <filesystem>
#include <string>

#include "stream_timing.hpp"

namespace seam::bench {

StreamTiming run_seam_command(const std::filesystem::path& seam,
                              const std::filesystem::path& config, const std::string& model,
                              const std::string& prompt);

}  // namespace seam::bench
