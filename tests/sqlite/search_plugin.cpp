#include "search_plugin.hpp"

#include "sample_index.hpp"

namespace seam::test {

namespace {

LoaderOptions only_the_sqlite_plugin() {
  LoaderOptions options;
  options.search_paths = {sqlite_plugin_dir()};
  return options;
}

}  // namespace

std::filesystem::path sqlite_plugin_dir() {
  return SEAM_SQLITE_PLUGIN_DIR;
}

std::string search_backend_config(const std::filesystem::path& database, const std::string& table) {
  nlohmann::json options = {{"table", table}};
  if (!database.empty()) options["database"] = database.string();
  return nlohmann::json{{"sdk", "sqlite-fts"}, {"options", options}}.dump();
}

std::string search_request(const std::string& query, int limit) {
  nlohmann::json request = {{"query", query}};
  if (limit > 0) request["limit"] = limit;
  return request.dump();
}

SearchPlugin::SearchPlugin() : database(dir.path() / "index.db"), loader(only_the_sqlite_plugin()) {
  write_sample_index(database);
}

const Backend& SearchPlugin::backend() const {
  return loader.registry().lookup("search", "sqlite-fts");
}

Worker SearchPlugin::make_worker(const std::string& config_json) const {
  WorkerSpec spec;
  spec.backend_name = "docs";
  spec.model_json = R"({"name":"docs","model_id":"docs","options":{}})";
  spec.backend_config_json = config_json;
  return backend().make_worker(spec);
}

Worker SearchPlugin::make_worker() const {
  return make_worker(search_backend_config(database));
}

std::vector<nlohmann::json> search_all(Worker& worker, const std::string& request) {
  std::vector<nlohmann::json> events;
  worker.invoke(request, [&](std::string_view event) {
    events.push_back(nlohmann::json::parse(event));
    return true;
  });
  return events;
}

std::vector<nlohmann::json> results_of(const std::vector<nlohmann::json>& events) {
  std::vector<nlohmann::json> results;
  for (const nlohmann::json& event : events) {
    if (event.value("type", "") == "result") results.push_back(event);
  }
  return results;
}

}  // namespace seam::test
