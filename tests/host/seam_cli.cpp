#include "seam_cli.hpp"

#include <fstream>

#include "../support/fixtures.hpp"

namespace seam::test {

ProcessResult run_seam(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                       ProcessOptions options) {
  // Only the folders a test names: not the build's own plugins or the user's.
  std::vector<std::string> argv = {seam_executable().string(), "--no-default-folders"};
  argv.insert(argv.end(), args.begin(), args.end());
  options.cwd = cwd;
  for (const char* name : {"SEAM_PLUGIN_PATH", "SEAM_CONFIG", "SEAM_LOG", "SEAM_PLUGINS_DISABLE",
                           "SEAM_PLUGINS_SELECT"}) {
    options.env.emplace(name, std::nullopt);  // emplace keeps a value the test set on purpose
  }
  return run_process(argv, options);
}

nlohmann::json PluginsListing::row(const std::string& name) const {
  if (!json.is_object() || !json.contains("plugins")) return nullptr;
  for (const nlohmann::json& plugin : json["plugins"]) {
    if (plugin.value("name", "") == name) return plugin;
  }
  return nullptr;
}

PluginsListing list_plugins_json(const std::filesystem::path& plugin_dir,
                                 const std::filesystem::path& cwd) {
  PluginsListing listing;
  listing.process =
      run_seam({"plugins", "list", "--json", "--plugin-path", plugin_dir.string()}, cwd);
  listing.json = nlohmann::json::parse(listing.process.out, nullptr, /*allow_exceptions=*/false);
  if (listing.json.is_discarded()) listing.json = nullptr;
  return listing;
}

std::filesystem::path write_fixture_model_config(const std::filesystem::path& dir,
                                                 const std::string& fixture,
                                                 const std::string& model) {
  std::filesystem::create_directories(dir / "plugins");
  copy_fixture(fixture, dir / "plugins");
  const std::filesystem::path config = dir / "seam.toml";
  std::ofstream(config) << "[plugins]\npaths = [\"plugins\"]\n\n[backends." << model
                        << "]\nsdk = \"" << fixture << "\"\n\n[models." << model
                        << "]\nbackend = \"" << model << "\"\nmodel_id = \"m\"\n";
  return config;
}

}  // namespace seam::test
