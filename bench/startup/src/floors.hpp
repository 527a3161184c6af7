// The two floors Seam's own figures are compared with, measured on the same files in the same run.
#pragma once

#include <filesystem>

#include "timing.hpp"

namespace seam::bench {

// (a) readdir + fstatat of the plugin files: the least any start that checks a cache must do.
// Throws unless it finds EXPECTED files.
Sample measure_file_floor(const std::filesystem::path& dir, int expected);

// (b) dlopen + dlsym + entry + register of every plugin, against a registrar that only counts: the
// least any eager loader must do. Runs in a fresh child process each time (a library already
// mapped would only have its reference count bumped), timed by the child around its loop.
// EXPECTED plugins must register BACKENDS_EACH backends and LISTERS_EACH listers each.
Sample measure_eager_floor(const std::filesystem::path& dir, int expected, int backends_each = 2,
                           int listers_each = 1);

// The child side of measure_eager_floor: prints "<wall> <cpu> <backends> <listers>" and returns the
// exit code.
int eager_floor_child(const char* dir);
inline constexpr const char* kEagerFloorChildFlag = "--eager-floor-child";

}  // namespace seam::bench
