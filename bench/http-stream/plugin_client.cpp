#include "plugin_client.hpp"

#include <chrono>
#include <stdexcept>

#include <seam/seam_http.h>
#include <nlohmann/json.hpp>

namespace seam::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

PluginClient::PluginClient(const std::string& plugin_dir, const std::string& base_url,
                           const std::string& model_id, bool reuse) {
  seam::http::HttpServiceOptions http_options;
  http_options.reuse_connections = reuse;
  http_ = std::make_unique<seam::http::HttpService>(http_options);
  LoaderOptions options;
  options.search_paths = {plugin_dir};
  options.services[SEAM_HTTP_SERVICE_ID] = http_->table();
  options.usage_sink = [](const std::string&, const std::string&) {};
  loader_ = std::make_unique<Loader>(std::move(options));
  WorkerSpec spec;
  spec.backend_name = "bench";
  spec.model_json = nlohmann::json{{"name", model_id}, {"model_id", model_id}}.dump();
  spec.backend_config_json = nlohmann::json{{"sdk", "openai"}, {"base_url", base_url}}.dump();
  worker_ = std::make_unique<Worker>(loader_->registry().lookup("llm", "openai").make_worker(spec));
}

StreamTiming PluginClient::run(const std::string& request_json) {
  const double cpu_before = process_cpu_ms();
  StreamTiming timing;
  bool done = false;
  const Clock::time_point start = Clock::now();
  worker_->invoke(request_json, [&](std::string_view event_json) {
    const nlohmann::json event = nlohmann::json::parse(event_json);
    const std::string& type = event.at("type").get_ref<const std::string&>();
    if (type == "delta") {
      if (timing.text.empty()) timing.first_token_ms = ms_since(start);
      timing.text += event.at("text").get_ref<const std::string&>();
    } else if (type == "done") {
      done = true;
    }
    return true;
  });
  if (!done) throw std::runtime_error("the plugin finished without a done event");
  timing.total_ms = ms_since(start);
  timing.cpu_ms = process_cpu_ms() - cpu_before;
  return timing;
}

}  // namespace seam::bench
