// Workers: what reaches the plugin, how failures come back, cancellation, lifetime and threads.
#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../support/library_probe.hpp"
#include "../support/loader_checks.hpp"
#include "../support/single_plugin.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE("worker: invoke streams the plugin's events with the request and spec it was given") {
  SinglePlugin plugin("good");
  WorkerSpec spec;
  spec.backend_name = "primary";
  spec.model_json = R"({"name":"m","model_id":"good-model","options":{"seed":7}})";
  spec.backend_config_json = R"({"endpoint":"local"})";
  Worker worker = plugin.loader.registry().lookup("llm", "good").make_worker(spec);
  CHECK(contains(worker.label(), "good"));
  CHECK(contains(worker.label(), "llm:good"));

  const std::string request = llm_request("hello there");
  InvokeResult result = invoke_all(worker, request);
  CHECK(result.outcome == InvokeOutcome::completed);
  REQUIRE(result.events.size() == 3);
  CHECK(delta_text(result.events) == "good");
  const nlohmann::json context = first_event(result.events, "context");
  REQUIRE(context.is_object());
  CHECK(context["model"] == nlohmann::json::parse(spec.model_json));
  CHECK(context["backend_config"] == nlohmann::json::parse(spec.backend_config_json));
  CHECK(context["request"] == nlohmann::json::parse(request));
  CHECK(result.events.back()["type"] == "done");
}

// Negative twin of the case above: the callback's false stops the stream at once.
TEST_CASE("worker: a callback returning false cancels the request") {
  SinglePlugin plugin("good");
  Worker worker = plugin.loader.registry().lookup("llm", "good").make_worker({});

  InvokeResult result = invoke_all(worker, llm_request("hello"), 1);
  CHECK(result.outcome == InvokeOutcome::cancelled);
  CHECK(result.events.size() == 1);

  // A cancelled worker stays usable.
  CHECK(invoke_all(worker, llm_request("again")).outcome == InvokeOutcome::completed);
}

TEST_CASE("worker: a failing make_worker throws WorkerError with the plugin's status and message") {
  SinglePlugin plugin("worker-fails");
  const Backend& backend = plugin.loader.registry().lookup("llm", "worker-fails");

  CHECK_THROWS_AS(backend.make_worker({}), WorkerError);
  try {
    (void)backend.make_worker({});
  } catch (const WorkerError& error) {
    CHECK(error.status() == SEAM_E_BACKEND);
    CHECK(std::string(error.kind()) == "WorkerError");
    CHECK(contains(error.what(), "upstream refused the model"));
  }
}

TEST_CASE("worker: make_worker answering SEAM_E_MISSING_DEPENDENCY throws MissingDependencyError") {
  SinglePlugin plugin("worker-fails");
  const Backend& backend = plugin.loader.registry().lookup("llm", "worker-missing-dep");

  CHECK_THROWS_AS(backend.make_worker({}), MissingDependencyError);
  try {
    (void)backend.make_worker({});
  } catch (const Error& error) {
    CHECK(std::string(error.kind()) == "MissingDependencyError");
    CHECK(contains(error.what(), "libfixture-missing.so.1"));
  }
}

// Twin of both make_worker failures: the same call on the good fixture returns a worker.
TEST_CASE("worker: a succeeding make_worker returns a worker") {
  SinglePlugin plugin("good");
  CHECK_NOTHROW((void)plugin.loader.registry().lookup("llm", "good").make_worker({}));
}

TEST_CASE("worker: a failing invoke throws WorkerError with the plugin's message") {
  SinglePlugin plugin("invoke-fails");
  Worker worker = plugin.loader.registry().lookup("llm", "invoke-fails").make_worker({});

  std::vector<std::string> seen;
  auto collect = [&](std::string_view event) {
    seen.emplace_back(event);
    return true;
  };
  CHECK_THROWS_AS(worker.invoke(llm_request("hi"), collect), WorkerError);
  try {
    worker.invoke(llm_request("hi"), collect);
  } catch (const WorkerError& error) {
    CHECK(error.status() == SEAM_E_BACKEND);
    CHECK(contains(error.what(), "the stream broke after one event"));
  }
  CHECK(seen.size() == 2);  // one delta per attempt arrived before each failure
}

TEST_CASE("worker: a worker keeps its plugin loaded after the loader is destroyed") {
  TempDir dir;
  copy_fixture("good", dir.path());
  std::optional<Worker> worker;
  {
    Loader loader(options_for_dir(dir.path()));
    worker.emplace(loader.registry().lookup("llm", "good").make_worker({}));
  }
  InvokeResult result = invoke_all(*worker, llm_request("still here"));
  CHECK(result.outcome == InvokeOutcome::completed);
  CHECK(delta_text(result.events) == "good");
  CHECK(first_event(result.events, "context")["request"] ==
        nlohmann::json::parse(llm_request("still here")));
}

TEST_CASE("worker: plugin code stays mapped after the loader and its last worker are gone") {
  TempDir dir;
  const std::filesystem::path file = copy_fixture("good", dir.path());
  auto loader = std::make_unique<Loader>(options_for_dir(dir.path()));
  std::optional<Worker> worker = loader->registry().lookup("llm", "good").make_worker({});
  REQUIRE(is_loaded(file));

  loader.reset();
  CHECK(is_loaded(file));  // the worker still needs it
  worker.reset();
  // Never unmapped: a plugin's exit handlers, destructors and leftover threads may still run its
  // code (cli crash tests show what unmapping did).
  CHECK(is_loaded(file));
}

TEST_CASE("worker: lookup make_worker and invoke from many threads at once") {
  SinglePlugin plugin("good");
  const Registry& registry = plugin.loader.registry();
  constexpr int thread_count = 8;
  constexpr int rounds = 25;

  // Each thread records what it saw; the checks run on this thread afterwards.
  std::vector<std::vector<std::string>> failures(thread_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < rounds; ++round) {
        try {
          const std::string request =
              llm_request("thread " + std::to_string(t) + " round " + std::to_string(round));
          Worker worker = registry.lookup("llm", "good").make_worker({});
          InvokeResult result = invoke_all(worker, request);
          if (first_event(result.events, "context")["request"] != nlohmann::json::parse(request)) {
            failures[t].push_back("request mixed up in round " + std::to_string(round));
          }
        } catch (const std::exception& error) {
          failures[t].push_back(error.what());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int t = 0; t < thread_count; ++t) {
    CAPTURE(t);
    CHECK(failures[t] == std::vector<std::string>{});
  }
}
