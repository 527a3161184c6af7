// The sqlite-fts model lister and what the loader reports about the plugin before any use.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

std::vector<ModelInfo> list_tables(const SearchPlugin& plugin, const std::string& config_json) {
  const ModelLister* lister = plugin.loader.registry().find_lister("sqlite-fts");
  REQUIRE(lister != nullptr);
  WorkerSpec spec;
  spec.backend_name = "docs";
  spec.backend_config_json = config_json;
  std::vector<ModelInfo> models;
  lister->list(spec, [&](const ModelInfo& model) {
    models.push_back(model);
    return true;
  });
  return models;
}

std::vector<std::string> ids_of(const std::vector<ModelInfo>& models) {
  std::vector<std::string> ids;
  for (const ModelInfo& model : models) ids.push_back(model.id);
  return ids;
}

}  // namespace

TEST_CASE("sqlite-search: the lister lists the index's FTS5 tables as search models") {
  SearchPlugin plugin;
  std::vector<ModelInfo> models = list_tables(plugin, search_backend_config(plugin.database));
  // Not the ordinary table "authors", not the fts5vocab table "docs_terms", not FTS5's shadow
  // tables (docs_data, docs_idx, docs_content ...), which all live in sqlite_master too.
  CHECK(ids_of(models) == std::vector<std::string>{"docs", "notes"});
  for (const ModelInfo& model : models) {
    CHECK(model.family == "search");
    CHECK(model.display_name == model.id);
  }
}

TEST_CASE("sqlite-search: the lister stops when the host has seen enough") {
  SearchPlugin plugin;
  const ModelLister* lister = plugin.loader.registry().find_lister("sqlite-fts");
  REQUIRE(lister != nullptr);
  WorkerSpec spec;
  spec.backend_config_json = search_backend_config(plugin.database);
  std::vector<std::string> seen;
  lister->list(spec, [&](const ModelInfo& model) {
    seen.push_back(model.id);
    return false;
  });
  CHECK(seen == std::vector<std::string>{"docs"});
}

TEST_CASE("sqlite-search: the lister explains a missing database option or file") {
  SearchPlugin plugin;
  try {
    list_tables(plugin, search_backend_config(""));
    FAIL("listing without a database should fail");
  } catch (const WorkerError& error) {
    CHECK(error.status() == SEAM_E_INVALID_ARGUMENT);
    CHECK(std::string(error.what()).find("database") != std::string::npos);
  }
  const std::filesystem::path missing = plugin.dir.path() / "missing.db";
  try {
    list_tables(plugin, search_backend_config(missing));
    FAIL("listing a missing file should fail");
  } catch (const WorkerError& error) {
    CHECK(error.status() == SEAM_E_BACKEND);
    CHECK(std::string(error.what()).find(missing.string()) != std::string::npos);
  }
}

TEST_CASE("sqlite-search: the report shows the backend, the lister and their sqlite3 dependency") {
  SearchPlugin plugin;
  REQUIRE(plugin.loader.ok());
  REQUIRE(plugin.loader.report().size() == 1);
  const PluginRow& row = plugin.loader.report().front();
  CHECK(row.name == "sqlite-search");
  CHECK(row.version == "0.1.0");
  CHECK(row.state == PluginState::registered);
  REQUIRE(row.contributions.size() == 2);

  std::vector<std::string> labels;
  for (const Contribution& contribution : row.contributions) {
    labels.push_back(contribution.label());
    REQUIRE(contribution.dependencies.size() == 1);
    const DependencyInfo& sqlite = contribution.dependencies.front();
    CHECK(sqlite.name == "sqlite3");
    CHECK(sqlite.candidates ==
          std::vector<std::string>{"libsqlite3.so.0", "libsqlite3.dylib", "sqlite3.dll"});
    CHECK(sqlite.install_hint == "apt-get install libsqlite3-0");
  }
  CHECK(labels == std::vector<std::string>{"search:sqlite-fts", "lister:sqlite-fts"});
}
