// The openai and ollama plugins as the tests meet them: a seam::Loader over their build folders
// with the host's HTTP service offered as seam.http/1, the loopback server, and one call that
// builds a worker for a backend instance and runs a request to the end, keeping every event and
// the failure, if any.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

#include <seam/http_service.hpp>
#include "loopback_server.hpp"

namespace seam::test {

// One [backends.NAME] instance, as its table would be written in seam.toml.
struct BackendSpec {
  BackendSpec() = default;
  BackendSpec(std::string sdk_, std::string name_, std::string path_)
      : sdk(std::move(sdk_)), name(std::move(name_)), path(std::move(path_)) {}

  std::string sdk = "openai";
  std::string name = "local";
  std::string path = "/v1";  // appended to the loopback server's URL to make base_url
  nlohmann::json extra = nlohmann::json::object();  // api_key_env, timeout, options ...
};

// What a run came to: the events, and the error it threw, if any.
struct Failure {
  std::string kind;         // seam::Error::kind()
  std::int32_t status = 0;  // for a WorkerError
  std::string message;
};
struct RunResult {
  InvokeOutcome outcome = InvokeOutcome::completed;
  std::vector<nlohmann::json> events;
  std::optional<Failure> failure;

  std::string text() const;                             // the deltas joined
  nlohmann::json event(const std::string& type) const;  // the first of TYPE, or null
  nlohmann::json last() const;
};

class HttpBackends {
 public:
  // OFFER_HTTP false builds a loader whose host has no seam.http/1.
  explicit HttpBackends(seam::http::HttpServiceOptions options = {}, bool offer_http = true);

  LoopbackServer server;

  // The backend_config_json of SPEC.
  std::string config_json(const BackendSpec& spec) const;
  // Builds a worker for SPEC and MODEL_ID (with MODEL_OPTIONS) and runs REQUEST; with STOP_AFTER
  // the sink asks to stop after that many events.
  RunResult run(const BackendSpec& spec, const std::string& model_id, const nlohmann::json& request,
                const nlohmann::json& model_options = nlohmann::json::object(),
                std::optional<std::size_t> stop_after = std::nullopt);
  // Lists SPEC's models; the failure, if any, in the result.
  std::pair<std::vector<ModelInfo>, std::optional<Failure>> list(const BackendSpec& spec);

  // Every report_usage call so far: (plugin name, usage JSON).
  std::vector<std::pair<std::string, nlohmann::json>> usage() const;

  const Loader& loader() const { return *loader_; }

 private:
  std::unique_ptr<seam::http::HttpService> http_;
  mutable std::mutex usage_mutex_;
  std::vector<std::pair<std::string, nlohmann::json>> usage_;
  std::unique_ptr<Loader> loader_;
};

// {"messages":[{"role":"user","content":PROMPT}]}
nlohmann::json user_request(const std::string& prompt = "hi");

bool contains(const std::string& haystack, const std::string& needle);

}  // namespace seam::test
