// The sqlite-search plugin as the tests meet it: a Loader over the plugin's own output folder, its
// (search, sqlite-fts) backend, backend configs pointing at a database, and requests run to the
// end.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

#include "../support/temp_dir.hpp"

namespace seam::test {

// Where the build puts seam-sqlite-search.so (SEAM_SQLITE_PLUGIN_DIR).
std::filesystem::path sqlite_plugin_dir();

// The backend config JSON the host would pass for [backends.docs] with these options; an empty
// DATABASE leaves the option out.
std::string search_backend_config(const std::filesystem::path& database,
                                  const std::string& table = "docs");

// {"query":QUERY} plus "limit" when LIMIT > 0.
std::string search_request(const std::string& query, int limit = 0);

// A sample index in a fresh temp dir and a Loader that sees only the sqlite-search plugin.
struct SearchPlugin {
  TempDir dir;
  std::filesystem::path database;
  Loader loader;

  SearchPlugin();
  const Backend& backend() const;
  // A worker for the backend instance "docs" with CONFIG_JSON (default: the sample index).
  Worker make_worker(const std::string& config_json) const;
  Worker make_worker() const;
};

// Runs REQUEST to the end and returns its events, parsed.
std::vector<nlohmann::json> search_all(Worker& worker, const std::string& request);

// The "result" events of EVENTS, in order.
std::vector<nlohmann::json> results_of(const std::vector<nlohmann::json>& events);

}  // namespace seam::test
