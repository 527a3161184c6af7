#include "http_backends.hpp"

#include <seam/seam_http.h>

namespace seam::test {

namespace {

Failure failure_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const WorkerError& e) {
    return {e.kind(), e.status(), e.what()};
  } catch (const Error& e) {
    return {e.kind(), 0, e.what()};
  } catch (const std::exception& e) {
    return {"(not a seam::Error)", 0, e.what()};
  }
}

}  // namespace

std::string RunResult::text() const {
  std::string joined;
  for (const nlohmann::json& e : events) {
    if (e.value("type", "") == "delta") joined += e.value("text", "");
  }
  return joined;
}

nlohmann::json RunResult::event(const std::string& type) const {
  for (const nlohmann::json& e : events) {
    if (e.value("type", "") == type) return e;
  }
  return nullptr;
}

nlohmann::json RunResult::last() const {
  return events.empty() ? nlohmann::json() : events.back();
}

HttpBackends::HttpBackends(seam::http::HttpServiceOptions options, bool offer_http)
    : http_(std::make_unique<seam::http::HttpService>(std::move(options))) {
  LoaderOptions loader_options;
  loader_options.search_paths = {SEAM_OPENAI_PLUGIN_DIR, SEAM_OLLAMA_PLUGIN_DIR};
  if (offer_http) loader_options.services[SEAM_HTTP_SERVICE_ID] = http_->table();
  loader_options.usage_sink = [this](const std::string& plugin, const std::string& usage) {
    std::lock_guard<std::mutex> lock(usage_mutex_);
    usage_.emplace_back(plugin, nlohmann::json::parse(usage));
  };
  loader_ = std::make_unique<Loader>(std::move(loader_options));
}

std::string HttpBackends::config_json(const BackendSpec& spec) const {
  nlohmann::json config = spec.extra;
  config["sdk"] = spec.sdk;
  if (!config.contains("base_url")) config["base_url"] = server.url(spec.path);
  return config.dump();
}

RunResult HttpBackends::run(const BackendSpec& spec, const std::string& model_id,
                            const nlohmann::json& request, const nlohmann::json& model_options,
                            std::optional<std::size_t> stop_after) {
  RunResult result;
  try {
    WorkerSpec worker_spec;
    worker_spec.backend_name = spec.name;
    worker_spec.model_json =
        nlohmann::json{{"name", model_id}, {"model_id", model_id}, {"options", model_options}}
            .dump();
    worker_spec.backend_config_json = config_json(spec);
    Worker worker = loader_->registry().lookup("llm", spec.sdk).make_worker(worker_spec);
    result.outcome = worker.invoke(request.dump(), [&](std::string_view event) {
      result.events.push_back(nlohmann::json::parse(event));
      return !stop_after || result.events.size() < *stop_after;
    });
  } catch (...) {
    result.failure = failure_of(std::current_exception());
  }
  return result;
}

std::pair<std::vector<ModelInfo>, std::optional<Failure>> HttpBackends::list(
    const BackendSpec& spec) {
  std::vector<ModelInfo> models;
  try {
    WorkerSpec worker_spec;
    worker_spec.backend_name = spec.name;
    worker_spec.backend_config_json = config_json(spec);
    const ModelLister* lister = loader_->registry().find_lister(spec.sdk);
    if (lister == nullptr) return {models, Failure{"(no lister)", 0, spec.sdk}};
    lister->list(worker_spec, [&](const ModelInfo& model) {
      models.push_back(model);
      return true;
    });
  } catch (...) {
    return {models, failure_of(std::current_exception())};
  }
  return {models, std::nullopt};
}

std::vector<std::pair<std::string, nlohmann::json>> HttpBackends::usage() const {
  std::lock_guard<std::mutex> lock(usage_mutex_);
  return usage_;
}

nlohmann::json user_request(const std::string& prompt) {
  return {{"messages", {{{"role", "user"}, {"content", prompt}}}}};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace seam::test
