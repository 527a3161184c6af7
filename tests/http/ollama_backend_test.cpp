// The ollama plugin through seam::Loader and the host's HTTP service, against the loopback server:
// NDJSON streaming and not, awkward line splits, what it sends, usage, the failures (each with its
// kind, a message naming the backend and what to do, and a positive twin), two backends over one
// sdk, and the /api/tags lister.
#include <doctest/doctest.h>

#include <cstdlib>

#include "http_backends.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

BackendSpec ollama(const std::string& name = "llama", const std::string& path = "/ol") {
  return BackendSpec{"ollama", name, path};
}

void check_failure(const RunResult& run, std::int32_t status, const std::string& kind,
                   const std::string& backend = "llama") {
  REQUIRE_MESSAGE(run.failure.has_value(), "the run did not fail; text: ", run.text());
  INFO("message: ", run.failure->message);
  CHECK(run.failure->kind == "WorkerError");
  CHECK(run.failure->status == status);
  CHECK(contains(run.failure->message, "backend " + backend));
  CHECK(run.last()["type"] == "error");
  CHECK(run.last()["kind"] == kind);
}

void check_basic(const RunResult& run) {
  INFO("failure: ", run.failure ? run.failure->message : "none");
  REQUIRE_FALSE(run.failure.has_value());
  CHECK(run.text() == "Hello from the loopback server.");
  CHECK(run.event("usage") == json{{"type", "usage"}, {"input_tokens", 11}, {"output_tokens", 6}});
  CHECK(run.last() == json{{"type", "done"}, {"finish_reason", "stop"}});
}

}  // namespace

TEST_CASE("ollama: a streamed chat emits the NDJSON lines' text as deltas, usage, then done") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "basic", user_request());
  check_basic(run);
  CHECK(run.events.front() == json{{"type", "delta"}, {"text", "Hello"}});
  const auto usage = backends.usage();
  REQUIRE(usage.size() == 1);
  CHECK(usage[0].first == "ollama");
  CHECK(usage[0].second["backend"] == "llama");
}

TEST_CASE("ollama: stream = false makes one request answered by one object") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "basic", user_request(), {{"stream", false}});
  check_basic(run);
  CHECK(run.events.size() == 3);
}

TEST_CASE(
    "ollama: lines split mid-UTF-8, CRLF, a blank line and no final newline are read "
    "exactly") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "awkward", user_request());
  REQUIRE_FALSE(run.failure.has_value());
  CHECK(run.text() == "h\u00e9llo w\u00f6rld \U0001F30D");
  CHECK(run.last() == json{{"type", "done"}, {"finish_reason", "stop"}});
}

TEST_CASE("ollama: max_tokens, temperature and model options land in options, keep_alive on top") {
  HttpBackends backends;
  BackendSpec spec = ollama();
  spec.extra = {{"options", {{"keep_alive", "10m"}}}};
  json request = user_request();
  request["max_tokens"] = 64;
  request["temperature"] = 0.5;
  request["num_ctx"] = 4096;
  request["format"] = "json";
  const RunResult run = backends.run(spec, "echo-request", request);
  REQUIRE_FALSE(run.failure.has_value());
  const json sent = json::parse(run.text());
  CHECK(sent["model"] == "echo-request");
  CHECK(sent["messages"] == request["messages"]);
  CHECK(sent["stream"] == true);
  CHECK(sent["keep_alive"] == "10m");
  CHECK(sent["format"] == "json");
  CHECK(sent["options"] == json{{"num_predict", 64}, {"temperature", 0.5}, {"num_ctx", 4096}});
}

TEST_CASE("ollama: an error line mid-stream fails the run after the text before it") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "error-line", user_request());
  check_failure(run, SEAM_E_BACKEND, "stream");
  CHECK(run.text() == "Hello from");
  CHECK(contains(run.failure->message, "reported an error mid-stream: llama runner crashed"));
}

TEST_CASE("ollama: a model the server lacks (404) says to pull it") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "missing", user_request());
  check_failure(run, SEAM_E_BACKEND, "not_found");
  CHECK(contains(run.failure->message, "model \"missing\" not found"));
  CHECK(contains(run.failure->message, "ollama pull missing"));
  // Twin: a model it has.
  check_basic(backends.run(ollama(), "basic", user_request()));
}

TEST_CASE("ollama: HTTP 500 quotes the server's error string") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "server-error", user_request());
  check_failure(run, SEAM_E_BACKEND, "server");
  CHECK(contains(run.failure->message, "llama runner process has terminated"));
}

TEST_CASE("ollama: 401 names the API key variable") {
  HttpBackends backends;
  setenv("SEAM_TEST_OLLAMA_KEY", "wrong", 1);
  BackendSpec spec = ollama("llama", "/secure/ol");
  spec.extra = {{"api_key_env", "SEAM_TEST_OLLAMA_KEY"}};
  const RunResult run = backends.run(spec, "basic", user_request());
  check_failure(run, SEAM_E_BACKEND, "authentication");
  CHECK(contains(run.failure->message,
                 "authentication failed for backend llama, check the API key variable "
                 "SEAM_TEST_OLLAMA_KEY"));
  setenv("SEAM_TEST_OLLAMA_KEY", "sk-loopback-secret", 1);
  check_basic(backends.run(spec, "basic", user_request()));
  unsetenv("SEAM_TEST_OLLAMA_KEY");
}

TEST_CASE("ollama: the timeout and a refused connection name the backend and the fix") {
  HttpBackends backends;
  BackendSpec slow = ollama();
  slow.extra = {{"timeout", 0.5}};
  const RunResult timed_out = backends.run(slow, "slow", user_request());
  check_failure(timed_out, SEAM_E_TIMEOUT, "timeout");
  CHECK(contains(timed_out.failure->message, "raise timeout"));

  BackendSpec nowhere = ollama();
  nowhere.extra = {{"base_url", "http://127.0.0.1:" + std::to_string(unused_port())}};
  const RunResult refused = backends.run(nowhere, "basic", user_request());
  check_failure(refused, SEAM_E_BACKEND, "connection");
  CHECK(contains(refused.failure->message, "check base_url in [backends.llama]"));
  // Twin: the same timeout against a quick answer.
  check_basic(backends.run(slow, "basic", user_request()));
}

TEST_CASE("ollama: a reply that ends without done:true is incomplete") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "truncated", user_request());
  check_failure(run, SEAM_E_BACKEND, "stream");
  CHECK(contains(run.failure->message, "before a line with \"done\": true"));
}

TEST_CASE("ollama: the event sink asking to stop cancels an endless stream") {
  HttpBackends backends;
  const RunResult run = backends.run(ollama(), "forever", user_request(), json::object(), 2);
  CHECK_FALSE(run.failure.has_value());
  CHECK(run.outcome == seam::InvokeOutcome::cancelled);
}

TEST_CASE("ollama: two backends over the one sdk reach their own base URLs") {
  HttpBackends backends;
  const RunResult a = backends.run(ollama("gpu-a", "/a"), "whoami", user_request());
  const RunResult b = backends.run(ollama("gpu-b", "/b"), "whoami", user_request());
  CHECK(a.text() == "/a");
  CHECK(b.text() == "/b");
}

TEST_CASE("ollama: the lister returns /api/tags with size and details as extra") {
  HttpBackends backends;
  auto [models, failure] = backends.list(ollama());
  REQUIRE_FALSE(failure.has_value());
  REQUIRE(models.size() == 2);
  CHECK(models[0].id == "llama3.2:latest");
  CHECK(models[0].family == "llm");
  const json extra = json::parse(models[0].extra_json);
  CHECK(extra["size"] == 2019393189);
  CHECK(extra["details"]["parameter_size"] == "3.2B");
  // Twin: a failing server is a WorkerError naming the backend.
  auto [none, broken] = backends.list(ollama("sick", "/broken"));
  REQUIRE(broken.has_value());
  CHECK(broken->kind == "WorkerError");
  CHECK(contains(broken->message, "backend sick failed on the server side"));
}

TEST_CASE("ollama: a lister answered in another API's shape says where base_url should point") {
  HttpBackends backends;
  auto [models, failure] = backends.list(ollama("astray", "/misfit"));
  REQUIRE(failure.has_value());
  CHECK(failure->kind == "WorkerError");
  CHECK(failure->status == SEAM_E_BACKEND);
  CHECK(contains(failure->message, "backend astray answered GET /api/tags without a models array"));
  CHECK(contains(failure->message, "base_url points at an Ollama server"));
  CHECK(models.empty());
  // Twin: the same backend name on an Ollama-shaped server lists.
  auto [listed, none] = backends.list(ollama("astray", "/ol"));
  CHECK_FALSE(none.has_value());
  CHECK(listed.size() == 2);
}

TEST_CASE("ollama: a model without a model_id and a request without messages are refused clearly") {
  HttpBackends backends;
  const RunResult nameless = backends.run(ollama(), "", user_request());
  REQUIRE(nameless.failure.has_value());
  CHECK(nameless.failure->kind == "WorkerError");
  CHECK(nameless.failure->status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(nameless.failure->message, "ollama: the model has no model_id"));
  CHECK(contains(nameless.failure->message, "model_id = \"llama3.2\""));

  const RunResult wordless = backends.run(ollama(), "basic", json{{"prompt", "hi"}});
  REQUIRE(wordless.failure.has_value());
  CHECK(wordless.failure->status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(wordless.failure->message, "backend llama: the request needs a messages array"));

  // Twin: the same backend with a model_id and messages answers.
  check_basic(backends.run(ollama(), "basic", user_request()));
}
