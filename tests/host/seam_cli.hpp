// Runs the built `seam` command in a clean environment: no SEAM_* variables from the caller and a
// working directory of the test's choosing, so only what the test arranges can influence it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/subprocess.hpp"

namespace seam::test {

ProcessResult run_seam(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                       ProcessOptions options = {});

// `seam plugins list --json --plugin-path DIR`, with its stdout parsed (null json when it is not
// JSON, so the caller's checks fail with the raw text in view).
struct PluginsListing {
  ProcessResult process;
  nlohmann::json json;
  // The row named NAME, or null json.
  nlohmann::json row(const std::string& name) const;
};
// Copies fixture FIXTURE into DIR/plugins and writes DIR/seam.toml with a backend and a model both
// named MODEL on the fixture's sdk (FIXTURE too); returns the config's path.
std::filesystem::path write_fixture_model_config(const std::filesystem::path& dir,
                                                 const std::string& fixture,
                                                 const std::string& model);

PluginsListing list_plugins_json(const std::filesystem::path& plugin_dir,
                                 const std::filesystem::path& cwd);

}  // namespace seam::test
