// The openai plugin through seam::Loader and the host's HTTP service, against the loopback server:
// streaming and not, awkward SSE, what it sends, usage, every failure the issue lists (each with
// the error kind, a message naming the backend and what to do, and a positive twin), two backends
// over one sdk, cancellation, and the model lister.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "http_backends.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

const std::string kText = "Hello from the loopback server.";

// Checks a failed run: a WorkerError with STATUS whose message names the backend, the error event
// closing the stream with KIND.
void check_failure(const RunResult& run, std::int32_t status, const std::string& kind,
                   const std::string& backend = "local") {
  REQUIRE_MESSAGE(run.failure.has_value(), "the run did not fail; text: ", run.text());
  INFO("message: ", run.failure->message);
  CHECK(run.failure->kind == "WorkerError");
  CHECK(run.failure->status == status);
  CHECK(contains(run.failure->message, "backend " + backend));
  if (!kind.empty()) {
    CHECK(run.last()["type"] == "error");
    CHECK(run.last()["kind"] == kind);
  }
}

void check_basic(const RunResult& run) {
  INFO("failure: ", run.failure ? run.failure->message : "none");
  REQUIRE_FALSE(run.failure.has_value());
  CHECK(run.outcome == seam::InvokeOutcome::completed);
  CHECK(run.text() == kText);
  CHECK(run.last() == json{{"type", "done"}, {"finish_reason", "stop"}});
}

}  // namespace

TEST_CASE(
    "openai: a streamed chat emits its text as deltas, the first at once, then usage and "
    "done") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "basic", user_request());
  check_basic(run);
  CHECK(run.events.front() == json{{"type", "delta"}, {"text", "Hello"}});
  REQUIRE(run.events.size() >= 3);
  CHECK(run.events[run.events.size() - 2] ==
        json{{"type", "usage"}, {"input_tokens", 9}, {"output_tokens", 6}});
}

TEST_CASE("openai: tokens that arrive in one network read go out as one delta") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "tokens-2000", user_request());
  REQUIRE_FALSE(run.failure.has_value());
  std::string expected;
  for (int i = 0; i < 2000; ++i) expected += "tok ";
  CHECK(run.text() == expected);
  std::size_t deltas = 0;
  for (const json& e : run.events) deltas += e["type"] == "delta" ? 1 : 0;
  // The server writes them back to back, so reads carry many at a time.
  CHECK(deltas < 2000);
  MESSAGE("2000 tokens arrived as ", deltas, " delta events");
}

// Twin: tokens that arrive 50 ms apart each make their own delta.
TEST_CASE("openai: tokens that arrive apart go out as separate deltas") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "forever", user_request(), json::object(), 4);
  REQUIRE(run.events.size() == 4);
  for (const json& e : run.events) CHECK(e == json{{"type", "delta"}, {"text", "tick "}});
}

TEST_CASE("openai: the usage is reported through the host's usage reporting") {
  HttpBackends backends;
  check_basic(backends.run({}, "basic", user_request()));
  const auto usage = backends.usage();
  REQUIRE(usage.size() == 1);
  CHECK(usage[0].first == "openai");
  CHECK(usage[0].second ==
        json{{"backend", "local"}, {"model", "basic"}, {"input_tokens", 9}, {"output_tokens", 6}});
}

TEST_CASE("openai: stream = false in the model's options makes one non-streaming request") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "basic", user_request(), {{"stream", false}});
  check_basic(run);
  CHECK(run.events.size() == 3);  // the whole text in one delta, usage, done
  CHECK(run.event("usage")["output_tokens"] == 6);
}

TEST_CASE("openai: a server that answers JSON to a streaming request is still understood") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "json-always", user_request());
  check_basic(run);
}

TEST_CASE(
    "openai: SSE split mid-line and mid-UTF-8, with CRLF, CR, comments and multi-line "
    "data, gives the exact text") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "awkward", user_request());
  REQUIRE_FALSE(run.failure.has_value());
  CHECK(run.text() == "h\u00e9llo w\u00f6rld \U0001F30D!");
  CHECK(run.event("usage") == json{{"type", "usage"}, {"input_tokens", 7}, {"output_tokens", 4}});
  CHECK(run.last() == json{{"type", "done"}, {"finish_reason", "stop"}});
}

TEST_CASE("openai: the request carries the model id, the messages and the options") {
  HttpBackends backends;
  json request = {
      {"messages",
       {{{"role", "system"}, {"content", "Be terse."}}, {{"role", "user"}, {"content", "hi"}}}},
      {"max_tokens", 42},
      {"temperature", 0.25},
      {"top_p", 0.9}};
  const RunResult run = backends.run({}, "echo-request", request);
  REQUIRE_FALSE(run.failure.has_value());
  const json sent = json::parse(run.text());
  CHECK(sent["model"] == "echo-request");
  CHECK(sent["messages"] == request["messages"]);
  CHECK(sent["max_tokens"] == 42);
  CHECK(sent["temperature"] == 0.25);
  CHECK(sent["top_p"] == 0.9);
  CHECK(sent["stream"] == true);
  CHECK(sent["stream_options"] == json{{"include_usage", true}});
}

TEST_CASE("openai: the backend option stream_usage = false leaves stream_options out") {
  HttpBackends backends;
  BackendSpec spec;
  spec.extra = {{"options", {{"stream_usage", false}}}};
  const RunResult run = backends.run(spec, "echo-request", user_request());
  REQUIRE_FALSE(run.failure.has_value());
  CHECK_FALSE(json::parse(run.text()).contains("stream_options"));
}

TEST_CASE("openai: requests carry JSON and SSE headers, the key and the headers option") {
  HttpBackends backends;
  setenv("SEAM_TEST_OPENAI_KEY", "sk-loopback-secret", 1);
  BackendSpec spec;
  spec.extra = {{"api_key_env", "SEAM_TEST_OPENAI_KEY"},
                {"options", {{"headers", {{"OpenAI-Organization", "org-loopback"}}}}}};
  const RunResult run = backends.run(spec, "echo-headers", user_request());
  unsetenv("SEAM_TEST_OPENAI_KEY");
  REQUIRE_FALSE(run.failure.has_value());
  const json headers = json::parse(run.text());
  CHECK(headers["OpenAI-Organization"] == "org-loopback");
  CHECK(headers["Authorization"] == "Bearer sk-loopback-secret");
  CHECK(headers["Content-Type"] == "application/json");
  CHECK(headers["Accept"] == "text/event-stream");
}

TEST_CASE("openai: an unknown backend option is refused, naming it and the known ones") {
  HttpBackends backends;
  BackendSpec spec;
  spec.extra = {{"options", {{"stream-usage", false}}}};  // a typo of stream_usage
  const RunResult run = backends.run(spec, "basic", user_request());
  REQUIRE(run.failure.has_value());
  CHECK(run.failure->kind == "WorkerError");
  CHECK(run.failure->status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(run.failure->message, "unknown option 'stream-usage'"));
  CHECK(contains(run.failure->message, "[backends.local]"));
  CHECK(contains(run.failure->message, "known: headers, stream_usage"));
}

TEST_CASE("openai: a mid-stream error payload fails the run after the deltas before it") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "mid-error", user_request());
  check_failure(run, SEAM_E_BACKEND, "stream");
  CHECK(run.text() == "Hello from");
  CHECK(contains(run.failure->message, "reported an error mid-stream: The model was overloaded"));
  CHECK(contains(run.failure->message, "retry the request"));
}

TEST_CASE("openai: 401 says authentication failed for the backend and names the key variable") {
  HttpBackends backends;
  setenv("SEAM_TEST_OPENAI_KEY", "sk-wrong-key", 1);
  BackendSpec spec;
  spec.path = "/secure/v1";
  spec.extra = {{"api_key_env", "SEAM_TEST_OPENAI_KEY"}};
  const RunResult run = backends.run(spec, "basic", user_request());
  check_failure(run, SEAM_E_BACKEND, "authentication");
  CHECK(contains(run.failure->message,
                 "authentication failed for backend local, check the API key variable "
                 "SEAM_TEST_OPENAI_KEY"));
  CHECK(contains(run.failure->message, "HTTP 401"));
  CHECK(contains(run.failure->message, "Incorrect API key provided"));
  CHECK_FALSE(contains(run.failure->message, "sk-wrong-key"));
  // Twin: the right key in the same variable.
  setenv("SEAM_TEST_OPENAI_KEY", "sk-loopback-secret", 1);
  check_basic(backends.run(spec, "basic", user_request()));
  unsetenv("SEAM_TEST_OPENAI_KEY");
}

TEST_CASE("openai: 401 without api_key_env says to set it") {
  HttpBackends backends;
  BackendSpec spec;
  spec.path = "/secure/v1";
  const RunResult run = backends.run(spec, "basic", user_request());
  check_failure(run, SEAM_E_BACKEND, "authentication");
  CHECK(contains(run.failure->message, "set api_key_env in [backends.local]"));
}

TEST_CASE("openai: an api_key_env naming an unset variable is a configuration error") {
  HttpBackends backends;
  unsetenv("SEAM_TEST_UNSET_KEY");
  BackendSpec spec;
  spec.extra = {{"api_key_env", "SEAM_TEST_UNSET_KEY"}};
  const RunResult run = backends.run(spec, "basic", user_request());
  check_failure(run, SEAM_E_INVALID_ARGUMENT, "configuration");
  CHECK(contains(run.failure->message, "SEAM_TEST_UNSET_KEY, which is not set"));
  CHECK(contains(run.failure->message, "export SEAM_TEST_UNSET_KEY="));
  // Twin: once set, the same backend works.
  setenv("SEAM_TEST_UNSET_KEY", "anything", 1);
  check_basic(backends.run(spec, "basic", user_request()));
  unsetenv("SEAM_TEST_UNSET_KEY");
}

TEST_CASE("openai: HTTP 500 is a server-side failure quoting the API's message") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "server-error", user_request());
  check_failure(run, SEAM_E_BACKEND, "server");
  CHECK(contains(run.failure->message, "failed on the server side"));
  CHECK(contains(run.failure->message, "HTTP 500"));
  CHECK(contains(run.failure->message, "The server had an error while processing your request."));
  CHECK(contains(run.failure->message, "retry later"));
}

TEST_CASE(
    "openai: a slow server hits the configured timeout; the same timeout suffices for a "
    "quick one") {
  HttpBackends backends;
  BackendSpec spec;
  spec.extra = {{"timeout", 0.5}};
  const auto start = std::chrono::steady_clock::now();
  const RunResult run = backends.run(spec, "slow", user_request());
  const auto took = std::chrono::steady_clock::now() - start;
  check_failure(run, SEAM_E_TIMEOUT, "timeout");
  CHECK(contains(run.failure->message, "did not answer in time"));
  CHECK(contains(run.failure->message, "raise timeout"));
  CHECK(contains(run.failure->message, "[backends.local]"));
  CHECK(took < std::chrono::milliseconds(2500));
  check_basic(backends.run(spec, "basic", user_request()));
}

TEST_CASE("openai: a stream that stalls past the timeout fails with the timeout too") {
  HttpBackends backends;
  BackendSpec spec;
  spec.extra = {{"timeout", 0.5}};
  const RunResult run = backends.run(spec, "slow-stream", user_request());
  check_failure(run, SEAM_E_TIMEOUT, "timeout");
  CHECK(run.text() == "Hello");
}

TEST_CASE("openai: a refused connection says the backend cannot reach its server") {
  HttpBackends backends;
  BackendSpec spec;
  spec.extra = {{"base_url", "http://127.0.0.1:" + std::to_string(unused_port()) + "/v1"}};
  const RunResult run = backends.run(spec, "basic", user_request());
  check_failure(run, SEAM_E_BACKEND, "connection");
  CHECK(contains(run.failure->message, "cannot reach its server"));
  CHECK(contains(run.failure->message, "check base_url in [backends.local]"));
  // Twin: the default spec points at the live server.
  check_basic(backends.run({}, "basic", user_request()));
}

TEST_CASE("openai: a stream that ends before [DONE] and without a finish_reason is an error") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "truncated", user_request());
  check_failure(run, SEAM_E_BACKEND, "stream");
  CHECK(contains(run.failure->message, "ended the stream before [DONE]"));
  // Twin: a finish_reason without [DONE] is a complete answer.
  check_basic(backends.run({}, "finish-no-done", user_request()));
}

TEST_CASE("openai: an event that is not JSON names the problem and the fix") {
  HttpBackends backends;
  const RunResult run = backends.run({}, "not-json", user_request());
  check_failure(run, SEAM_E_BACKEND, "stream");
  CHECK(contains(run.failure->message, "not a JSON object: 'hello there'"));
  CHECK(contains(run.failure->message, "OpenAI-compatible API"));
}

TEST_CASE("openai: the event sink asking to stop cancels an endless stream promptly") {
  HttpBackends backends;
  const auto start = std::chrono::steady_clock::now();
  const RunResult run = backends.run({}, "forever", user_request(), json::object(), 3);
  CHECK_FALSE(run.failure.has_value());
  CHECK(run.outcome == seam::InvokeOutcome::cancelled);
  CHECK(run.events.size() == 3);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("openai: the host's cancel flag stops a stream that carries no token (is_cancelled)") {
  // This host's HTTP service has no cancel flag of its own, and the server sends only SSE
  // comments: no event is emitted, so only the plugin polling is_cancelled can end the run early
  // (the stream would otherwise last 20 s).
  HttpBackends backends;
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.store(true);
  });
  const auto start = std::chrono::steady_clock::now();
  const RunResult run =
      backends.run({}, "keepalive", user_request(), json::object(), std::nullopt, &cancel);
  canceller.join();
  CHECK_FALSE(run.failure.has_value());
  CHECK(run.outcome == seam::InvokeOutcome::cancelled);
  CHECK(run.events.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("openai: two backends over the one sdk reach their own base URLs") {
  HttpBackends backends;
  BackendSpec alpha{"openai", "alpha", "/alpha/v1"};
  BackendSpec beta{"openai", "beta", "/beta/v1"};
  const RunResult a = backends.run(alpha, "whoami", user_request());
  const RunResult b = backends.run(beta, "whoami", user_request());
  REQUIRE_FALSE(a.failure.has_value());
  REQUIRE_FALSE(b.failure.has_value());
  CHECK(a.text() == "/alpha/v1");
  CHECK(b.text() == "/beta/v1");
}

TEST_CASE("openai: a host without seam.http/1 gets a clear refusal naming the service") {
  HttpBackends without({}, false);
  const RunResult run = without.run({}, "basic", user_request());
  REQUIRE(run.failure.has_value());
  CHECK(run.failure->status == SEAM_E_UNSUPPORTED);
  CHECK(contains(run.failure->message, "seam.http/1"));
  // Twin: the same plugin with the service.
  HttpBackends with;
  check_basic(with.run({}, "basic", user_request()));
}

TEST_CASE("openai: the lister returns GET /models as llm records with their extra fields") {
  HttpBackends backends;
  auto [models, failure] = backends.list({});
  REQUIRE_FALSE(failure.has_value());
  REQUIRE(models.size() == 3);
  CHECK(models[0].id == "basic");
  CHECK(models[0].family == "llm");
  CHECK(json::parse(models[0].extra_json) ==
        json{{"created", 1700000000}, {"owned_by", "loopback"}});
}

TEST_CASE("openai: a server without /models is 'cannot list', not a failure") {
  HttpBackends backends;
  auto [models, failure] = backends.list({"openai", "nolist", "/nolist/v1"});
  REQUIRE(failure.has_value());
  CHECK(failure->kind == "ModelListingUnsupportedError");
  CHECK(contains(failure->message, "does not offer GET /models"));
  CHECK(models.empty());
}

TEST_CASE("openai: a lister whose server fails is a WorkerError naming the backend") {
  HttpBackends backends;
  auto [models, failure] = backends.list({"openai", "broken", "/broken/v1"});
  REQUIRE(failure.has_value());
  CHECK(failure->kind == "WorkerError");
  CHECK(failure->status == SEAM_E_BACKEND);
  CHECK(contains(failure->message, "backend broken failed on the server side"));
  CHECK(contains(failure->message, "model registry unavailable"));
}

TEST_CASE("openai: a lister answered in another API's shape says where base_url should point") {
  HttpBackends backends;
  auto [models, failure] = backends.list({"openai", "astray", "/misfit/v1"});
  REQUIRE(failure.has_value());
  CHECK(failure->kind == "WorkerError");
  CHECK(failure->status == SEAM_E_BACKEND);
  CHECK(contains(failure->message, "backend astray answered GET /models without a data array"));
  CHECK(contains(failure->message, "base_url points at an OpenAI-compatible API"));
  CHECK(models.empty());
  // Twin: the same backend name on a well-shaped server lists.
  auto [listed, none] = backends.list({"openai", "astray", "/v1"});
  CHECK_FALSE(none.has_value());
  CHECK(listed.size() == 3);
}

TEST_CASE("openai: a model without a model_id and a request without messages are refused clearly") {
  HttpBackends backends;
  const RunResult nameless = backends.run({}, "", user_request());
  REQUIRE(nameless.failure.has_value());
  CHECK(nameless.failure->kind == "WorkerError");
  CHECK(nameless.failure->status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(nameless.failure->message, "openai: the model has no model_id"));
  CHECK(contains(nameless.failure->message, "[models.NAME]"));

  const RunResult wordless = backends.run({}, "basic", json{{"prompt", "hi"}});
  REQUIRE(wordless.failure.has_value());
  CHECK(wordless.failure->status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(wordless.failure->message, "backend local: the request needs a messages array"));

  // Twin: the same backend with a model_id and messages answers.
  check_basic(backends.run({}, "basic", user_request()));
}
