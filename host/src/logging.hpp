// Log levels for the `seam` command: warnings by default, -v info, -vv debug, -vvv trace; SEAM_LOG
// (trace/debug/info/warn/error/off) wins over both. Logs go to stderr.
#pragma once

namespace seam::host {

void configure_logging(int verbosity);

}  // namespace seam::host
