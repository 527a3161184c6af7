// Many streams at once through one host: one seam::Loader, one HTTP service, the openai plugin,
// a thread and a worker per stream (a worker serves one thread at a time), against the loopback
// server, which numbers each stream's tokens ("numbered-S-N": "sS-0 ", "sS-1 ", ...) so that a
// token lost, repeated, reordered or crossed into another stream shows in the text; and the HTTP
// service's pool keeps every session such a burst needed. No timing: bench/concurrent-streams
// measures the speed.
#include <doctest/doctest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "http_backends.hpp"
#include "http_exchange.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

constexpr int kStreams = 32;
constexpr int kTokens = 200;

std::string numbered_model(int stream) {
  return "numbered-" + std::to_string(stream) + "-" + std::to_string(kTokens);
}

std::string numbered_text(int stream) {
  std::string text;
  for (int i = 0; i < kTokens; ++i) {
    text += "s" + std::to_string(stream) + "-" + std::to_string(i) + " ";
  }
  return text;
}

// What one stream came to.
struct StreamRun {
  std::string text;
  std::string last_event;
  std::string failure;
};

// The connections the loopback server has accepted so far, asked on a service of its own so that
// no tested connection is used (the question's own connection is counted).
int server_connections(const LoopbackServer& server) {
  seam::http::HttpServiceOptions options;
  options.reuse_connections = false;
  seam::http::HttpService stats(options);
  const HttpExchange x = perform(stats.table(), {"GET", server.url("/stats")});
  return json::parse(x.body, nullptr, false).value("connections", -1);
}

// Runs every worker's request at once, each on its own thread, released together.
std::vector<StreamRun> run_together(std::vector<seam::Worker>& workers) {
  std::vector<StreamRun> runs(workers.size());
  std::promise<void> go;
  std::shared_future<void> started = go.get_future().share();
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    threads.emplace_back([&, i] {
      started.wait();
      StreamRun& run = runs[i];
      try {
        workers[i].invoke(user_request("count").dump(), [&](std::string_view event_json) {
          const json event = json::parse(event_json);
          if (event["type"] == "delta") run.text += event["text"].get<std::string>();
          run.last_event = event["type"].get<std::string>();
          return true;
        });
      } catch (const std::exception& e) {
        run.failure = e.what();
      }
    });
  }
  go.set_value();
  for (std::thread& thread : threads) thread.join();
  return runs;
}

}  // namespace

TEST_CASE(
    "openai: 32 streams at once through one host each get their own text, whole and in order") {
  HttpBackends backends;
  const auto& openai = backends.loader().registry().lookup("llm", "openai");
  std::vector<seam::Worker> workers;
  for (int i = 0; i < kStreams; ++i) {
    seam::WorkerSpec spec;
    spec.backend_name = "local";
    spec.model_json = json{{"name", numbered_model(i)}, {"model_id", numbered_model(i)}}.dump();
    spec.backend_config_json = backends.config_json({});
    workers.push_back(openai.make_worker(spec));
  }
  const int connections_before = server_connections(backends.server);
  // Twice: the second time on the sessions the first one left in the service's pool.
  for (int round = 0; round < 2; ++round) {
    const std::vector<StreamRun> runs = run_together(workers);
    for (int i = 0; i < kStreams; ++i) {
      const StreamRun& run = runs[static_cast<std::size_t>(i)];
      INFO("round ", round, ", stream ", i, ": ", run.failure);
      CHECK(run.failure.empty());
      CHECK(run.last_event == "done");
      // Exact: every token of this stream, in order, and none of another's.
      CHECK(run.text == numbered_text(i));
    }
  }
  // The pool kept every session of the first round, so the second opened no connection: 32 in
  // all, plus the one that asked.
  CHECK(server_connections(backends.server) - connections_before == kStreams + 1);
}

// Twin: the check above tells streams apart; the texts of two streams differ from the first token.
TEST_CASE("openai: numbered streams differ, so a token crossed into another stream shows") {
  HttpBackends backends;
  const RunResult three = backends.run({}, numbered_model(3), user_request());
  const RunResult four = backends.run({}, numbered_model(4), user_request());
  REQUIRE_FALSE(three.failure.has_value());
  REQUIRE_FALSE(four.failure.has_value());
  CHECK(three.text() == numbered_text(3));
  CHECK(four.text() == numbered_text(4));
  CHECK(three.text().substr(0, 5) != four.text().substr(0, 5));
}
