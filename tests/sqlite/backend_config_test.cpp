// The backend config: where the index is and which table to search. Each mistake is a WorkerError
// from make_worker whose message says what to fix, with a positive twin differing only in it.
#include <doctest/doctest.h>

#include <string>

#include "search_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

struct Failure {
  std::int32_t status = SEAM_OK;
  std::string message;
};

// make_worker with CONFIG_JSON; status SEAM_OK when it worked.
Failure make_worker_failure(const SearchPlugin& plugin, const std::string& config_json) {
  try {
    Worker worker = plugin.make_worker(config_json);
  } catch (const WorkerError& error) {
    return {error.status(), error.what()};
  }
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("sqlite-search: a config without the database option is an invalid argument naming it") {
  SearchPlugin plugin;
  Failure failure = make_worker_failure(plugin, search_backend_config(""));
  CHECK(failure.status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(failure.message, "database"));

  Failure not_a_string = make_worker_failure(
      plugin, R"({"sdk":"sqlite-fts","options":{"database":42,"table":"docs"}})");
  CHECK(not_a_string.status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(not_a_string.message, "database"));

  // Positive twin: the same config with the option works.
  CHECK(make_worker_failure(plugin, search_backend_config(plugin.database)).status == SEAM_OK);
}

TEST_CASE("sqlite-search: a database path that does not exist fails naming the path") {
  SearchPlugin plugin;
  const std::filesystem::path missing = plugin.dir.path() / "no-such-folder" / "index.db";
  Failure failure = make_worker_failure(plugin, search_backend_config(missing));
  CHECK(failure.status == SEAM_E_BACKEND);
  CHECK(contains(failure.message, missing.string()));
  CHECK(contains(failure.message, "unable to open database file"));  // SQLite's own words
  // Opening read-only never creates the file.
  CHECK_FALSE(std::filesystem::exists(missing.parent_path()));
}

TEST_CASE("sqlite-search: a file that is not a database fails with SQLite's message") {
  SearchPlugin plugin;
  const std::filesystem::path text = plugin.dir.write_file("notes.txt", std::string(4096, 'x'));
  Failure failure = make_worker_failure(plugin, search_backend_config(text));
  CHECK(failure.status == SEAM_E_BACKEND);
  CHECK(contains(failure.message, text.string()));
  CHECK(contains(failure.message, "not a database"));
}

TEST_CASE("sqlite-search: a table name that is not a plain identifier never reaches SQL") {
  SearchPlugin plugin;
  for (const std::string table :
       {"docs; DROP TABLE docs", "docs\"", "", "1docs", "d\xc3\xa9j\xc3\xa0"}) {
    CAPTURE(table);
    Failure failure = make_worker_failure(plugin, search_backend_config(plugin.database, table));
    CHECK(failure.status == SEAM_E_INVALID_ARGUMENT);
    CHECK(contains(failure.message, "table"));
  }
  // Positive twin: identifier characters of every kind pass the check (then the table is missing).
  Failure failure = make_worker_failure(plugin, search_backend_config(plugin.database, "_Docs_2"));
  CHECK(failure.status == SEAM_E_BACKEND);
  CHECK(contains(failure.message, "no such table: _Docs_2"));
}

TEST_CASE(
    "sqlite-search: a table that is missing or not FTS5 fails at make_worker, not at search") {
  SearchPlugin plugin;
  Failure missing = make_worker_failure(plugin, search_backend_config(plugin.database, "nope"));
  CHECK(missing.status == SEAM_E_BACKEND);
  CHECK(contains(missing.message, "no such table: nope"));
  CHECK(contains(missing.message, plugin.database.string()));

  // "authors" is an ordinary table and "notes" an FTS5 table without the expected columns.
  CHECK(make_worker_failure(plugin, search_backend_config(plugin.database, "authors")).status ==
        SEAM_E_BACKEND);
  CHECK(make_worker_failure(plugin, search_backend_config(plugin.database, "notes")).status ==
        SEAM_E_BACKEND);
  // Positive twin: the table option is honoured, "docs" given explicitly works.
  CHECK(make_worker_failure(plugin, search_backend_config(plugin.database, "docs")).status ==
        SEAM_OK);
}

TEST_CASE("sqlite-search: the table option defaults to docs") {
  SearchPlugin plugin;
  const std::string config =
      nlohmann::json{{"sdk", "sqlite-fts"}, {"options", {{"database", plugin.database.string()}}}}
          .dump();
  Worker worker = plugin.make_worker(config);
  std::vector<nlohmann::json> results = results_of(search_all(worker, search_request("chess")));
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "chess");
}

TEST_CASE("sqlite-search: a database path with spaces, quotes and accents reaches SQLite intact") {
  SearchPlugin plugin;
  // JSON escapes the quote and the backslash; the plugin must decode them back.
  const std::filesystem::path awkward =
      plugin.dir.make_dir("my \"index\" \\ caf\xc3\xa9") / "search index.db";
  std::filesystem::copy_file(plugin.database, awkward);
  Worker worker = plugin.make_worker(search_backend_config(awkward));
  std::vector<nlohmann::json> results = results_of(search_all(worker, search_request("glacier")));
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "glaciers");
}

TEST_CASE("sqlite-search: the options are also understood when the host passes them alone") {
  SearchPlugin plugin;
  // The whole [backends.NAME] table is the documented form; the options table by itself is read
  // the same way, so the plugin does not depend on which of the two a host passes.
  const std::string bare =
      nlohmann::json{{"database", plugin.database.string()}, {"table", "docs"}}.dump();
  Worker worker = plugin.make_worker(bare);
  std::vector<nlohmann::json> results = results_of(search_all(worker, search_request("coffee")));
  REQUIRE_FALSE(results.empty());
  CHECK(results.front()["id"] == "coffee");
  // Negative twin: neither form names a database.
  CHECK(make_worker_failure(plugin, R"({"table":"docs"})").status == SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("sqlite-search: a relative database is found next to the configuration, not the cwd") {
  SearchPlugin plugin;
  const std::string name = plugin.database.filename().string();
  auto config = [&](const std::filesystem::path& config_dir) {
    return nlohmann::json{{"sdk", "sqlite-fts"},
                          {"options", {{"database", name}, {"table", "docs"}}},
                          {"config_dir", config_dir.string()}}
        .dump();
  };
  // The test runs elsewhere, so only config_dir can lead to the file.
  REQUIRE(std::filesystem::current_path() != plugin.database.parent_path());
  CHECK(make_worker_failure(plugin, config(plugin.database.parent_path())).status == SEAM_OK);

  // Twin: another config_dir, and the path the plugin tried is the one it names.
  const std::filesystem::path elsewhere = plugin.dir.path() / "elsewhere";
  Failure failure = make_worker_failure(plugin, config(elsewhere));
  CHECK(failure.status == SEAM_E_BACKEND);
  CHECK(contains(failure.message, (elsewhere / name).string()));
}
