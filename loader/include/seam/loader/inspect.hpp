// Inspecting one plugin file the way a validator needs: open it, read its descriptor, and run its
// register several times, recording each run's contributions and duration. It runs plugin code in
// this process; callers that must survive a crashing plugin run it in a child process.
#pragma once

#include <seam/loader/export.hpp>

#include <chrono>
#include <filesystem>
#include <vector>

#include <seam/loader/report.hpp>

namespace seam {

struct RegisterRun {
  std::vector<Contribution> contributions;
  std::chrono::nanoseconds duration{0};
};

struct PluginInspection {
  // The row as the loader would report it after the first run (state, reason, descriptor fields).
  PluginRow row;
  // One entry per register run that happened (none when the descriptor was refused).
  std::vector<RegisterRun> runs;
};

// Opens FILE and runs its register REGISTER_RUNS times against fresh registrars.
SEAM_LOADER_EXPORT PluginInspection inspect_plugin_file(const std::filesystem::path& file, int register_runs = 2,
                                     const std::string& host_version = "0.1.0");

}  // namespace seam
