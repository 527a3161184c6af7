#include <seam/loader/inspect.hpp>

#include "plugin_loading.hpp"

namespace seam {

PluginInspection inspect_plugin_file(const std::filesystem::path& file, int register_runs,
                                     const std::string& host_version) {
  using namespace detail;
  auto shared = std::make_shared<SharedServices>();
  shared->host_version = host_version;
  Candidate candidate{path_text(file), nullptr, std::nullopt, {}};

  PluginInspection inspection;
  PluginInProgress p = open_plugin(candidate, shared);
  for (int run = 0; run < register_runs && p.plugin; ++run) {
    PluginInProgress attempt;
    attempt.row = p.row;
    attempt.row.contributions.clear();
    attempt.plugin = p.plugin;
    auto start = std::chrono::steady_clock::now();
    register_plugin(attempt);
    RegisterRun result;
    result.duration = std::chrono::steady_clock::now() - start;
    result.contributions = attempt.row.contributions;
    inspection.runs.push_back(std::move(result));
    if (run == 0 || attempt.problem) inspection.row = attempt.row;
    if (attempt.problem) break;
  }
  if (inspection.runs.empty()) inspection.row = p.row;
  return inspection;
}

}  // namespace seam
