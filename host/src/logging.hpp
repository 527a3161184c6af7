// Log levels for the `seam` command: warnings by default, -v info, -vv debug, -vvv trace; SEAM_LOG
// (trace/debug/info/warn/error/off) wins over both. Logs go to stderr, each line on a line of its
// own even while an answer streams to the same terminal (see on_own_line in answer_stream.hpp).
#pragma once

#include <memory>
#include <vector>

#include <spdlog/sinks/sink.h>

namespace seam::host {

void configure_logging(int verbosity);

// A sink that writes through SINKS, each line started on a line of its own.
std::shared_ptr<spdlog::sinks::sink> on_own_lines(
    std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks);

}  // namespace seam::host
