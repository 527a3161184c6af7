// The members API 1 step 1 appended to seam.h, through the real loader and real plugin files
// (fixtures/lifecycle_plugin.cpp): lifecycle hooks, explained registration failures and
// cancellation by the host. The fixtures log each hook to $SEAM_LIFECYCLE_LOG as "EVENT NAME PID".
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "../support/fixture_report.hpp"
#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

const std::string kPid = std::to_string(::getpid());

std::filesystem::path copy_lifecycle(std::string_view stem, const std::filesystem::path& dir) {
  return copy_into(fixture_file("lifecycle", std::string(stem) + ".so"), dir);
}

// The log lines of EVENT, as "EVENT NAME PID".
std::vector<std::string> events_of(const FixtureReport& log, std::string_view event) {
  std::vector<std::string> out;
  for (const std::string& line : log.lines()) {
    if (line.rfind(std::string(event) + " ", 0) == 0) out.push_back(line);
  }
  return out;
}

// Options for DIR that scan in the real scanner process (ISOLATE) or in this one.
LoaderOptions scanning_options(const std::filesystem::path& dir, bool isolate) {
  LoaderOptions options = options_for_dir(dir);
  options.isolate_scanning = isolate;
  options.scanner_path = SEAM_SCANNER;
  REQUIRE(std::filesystem::exists(options.scanner_path));
  return options;
}

std::string line(std::string_view event, std::string_view name) {
  return std::string(event) + " " + std::string(name) + " " + kPid;
}

InvokeOutcome run_waiter(const Loader& loader, std::string_view sdk, int wait_ms,
                         const std::atomic<bool>* cancel, std::vector<std::string>& events) {
  Worker worker = loader.registry().lookup("llm", sdk).make_worker({});
  return worker.invoke(
      "{\"wait_ms\":" + std::to_string(wait_ms) + "}",
      [&](std::string_view event) {
        events.emplace_back(event);
        return true;
      },
      cancel);
}

}  // namespace

TEST_CASE("lifecycle: activation runs once, in this process, before the first use and not before") {
  for (bool isolate : {true, false}) {
    CAPTURE(isolate);
    TempDir dir;
    const std::filesystem::path plugins = dir.make_dir("plugins");
    copy_lifecycle("lifecycle-a", plugins);
    FixtureReport log(dir, "SEAM_LIFECYCLE_LOG");
    LoaderOptions options = scanning_options(plugins, isolate);
    {
      Loader loader(std::move(options));
      (void)loader.registry();
      const std::vector<std::string> registered = events_of(log, "register");
      REQUIRE_FALSE(registered.empty());
      if (isolate) {
        // register ran in the scanner process, yet activate never runs there (nor here, yet).
        CHECK(registered.front() != line("register", "lifecycle-a"));
      }
      CHECK(events_of(log, "activate").empty());  // listed, scanned: never activated

      loader.registry().find_lister("lifecycle-a")->list({}, [](const ModelInfo&) { return true; });
      std::vector<std::string> events;
      CHECK(run_waiter(loader, "lifecycle-a", 0, nullptr, events) == InvokeOutcome::completed);
      CHECK(run_waiter(loader, "lifecycle-a", 0, nullptr, events) == InvokeOutcome::completed);
      // Once, in this process (not in a scanner), before the lister's first call.
      CHECK(events_of(log, "activate") ==
            std::vector<std::string>{line("activate", "lifecycle-a")});
      const std::vector<std::string> all = log.lines();
      const auto first_use = std::find(all.begin(), all.end(), line("list_models", "lifecycle-a"));
      const auto activated = std::find(all.begin(), all.end(), line("activate", "lifecycle-a"));
      CHECK(activated < first_use);
      CHECK(events_of(log, "teardown").empty());
    }
    CHECK(events_of(log, "teardown") == std::vector<std::string>{line("teardown", "lifecycle-a")});
  }
}

TEST_CASE(
    "lifecycle: teardown runs at loader teardown in reverse activation order, each isolated") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  for (const char* stem : {"lifecycle-a", "lifecycle-b", "lifecycle-c", "teardown-throws"}) {
    copy_lifecycle(stem, plugins);
  }
  FixtureReport log(dir, "SEAM_LIFECYCLE_LOG");
  {
    Loader loader(options_for_dir(plugins));
    std::vector<std::string> events;
    // Activation order c, teardown-throws, a; b is never used.
    for (const char* sdk : {"lifecycle-c", "teardown-throws", "lifecycle-a"}) {
      CHECK(run_waiter(loader, sdk, 0, nullptr, events) == InvokeOutcome::completed);
    }
  }
  // teardown-throws threw; lifecycle-c was still torn down after it, and b never was.
  CHECK(events_of(log, "teardown") == std::vector<std::string>{line("teardown", "lifecycle-a"),
                                                               line("teardown", "teardown-throws"),
                                                               line("teardown", "lifecycle-c")});
}

TEST_CASE(
    "lifecycle: a failing activation fails that use with the plugin's message, and later ones") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_lifecycle("activate-fails", plugins);
  copy_lifecycle("lifecycle-a", plugins);  // the positive twin, in the same loader
  FixtureReport log(dir, "SEAM_LIFECYCLE_LOG");
  {
    Loader loader(options_for_dir(plugins));
    const Backend& backend = loader.registry().lookup("llm", "activate-fails");
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        (void)backend.make_worker({});
        FAIL("make_worker should have thrown");
      } catch (const BrokenPluginError& e) {
        const std::string message = e.what();
        CHECK(message.find("'activate-fails'") != std::string::npos);
        CHECK(message.find("activate-fails.so") != std::string::npos);
        CHECK(message.find("failed to activate") != std::string::npos);
        CHECK(message.find("SEAM_E_BACKEND") != std::string::npos);
        CHECK(message.find("the model index /var/lib/lifecycle/index.bin is missing") !=
              std::string::npos);
        CHECK(message.find("the denylist (disabled)") != std::string::npos);
      }
    }
    CHECK(events_of(log, "activate") ==
          std::vector<std::string>{line("activate", "activate-fails")});  // once, not per call
    CHECK(events_of(log, "make_worker") == std::vector<std::string>{});
    std::vector<std::string> events;
    CHECK(run_waiter(loader, "lifecycle-a", 0, nullptr, events) == InvokeOutcome::completed);
  }
  // Only the plugin whose activation succeeded is torn down.
  CHECK(events_of(log, "teardown") == std::vector<std::string>{line("teardown", "lifecycle-a")});
}

TEST_CASE("registrar.fail: the plugin's own explanation reaches the broken row, scanned or not") {
  for (const char* stem : {"register-explains", "register-throws-hpp"}) {
    for (bool isolate : {true, false}) {
      CAPTURE(stem);
      CAPTURE(isolate);
      TempDir dir;
      const std::filesystem::path plugins = dir.make_dir("plugins");
      copy_lifecycle(stem, plugins);
      copy_lifecycle("lifecycle-a", plugins);  // positive twin: registers fine
      LoaderOptions options = scanning_options(plugins, isolate);
      options.on_error = OnError::skip;
      Loader loader(std::move(options));
      const PluginRow* row = row_for_file(loader, std::string(stem) + ".so");
      REQUIRE(row != nullptr);
      CHECK(row->state == PluginState::broken);
      CHECK(row->error_kind == "BrokenPluginError");
      CHECK(row->reason.find(std::string("'") + stem + "'") != std::string::npos);
      CHECK(row->reason.find("register failed") != std::string::npos);
      const std::string said = std::string(stem) == "register-explains"
                                   ? "no GPU found: this plugin needs CUDA 12 (set CUDA_HOME)"
                                   : "cannot read the license file /etc/lifecycle/license.key";
      CHECK(row->reason.find(said) != std::string::npos);
      const PluginRow* twin = row_for_file(loader, "lifecycle-a.so");
      REQUIRE(twin != nullptr);
      CHECK(twin->state == PluginState::registered);
    }
  }
}

TEST_CASE("cancellation: the host's flag reaches a worker that is not emitting") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_lifecycle("lifecycle-a", plugins);
  Loader loader(options_for_dir(plugins));

  // Positive twin: nobody cancels, the worker waits its 50 ms out and finishes.
  std::atomic<bool> cancel{false};
  std::vector<std::string> events;
  CHECK(run_waiter(loader, "lifecycle-a", 50, &cancel, events) == InvokeOutcome::completed);
  CHECK(events == std::vector<std::string>{"{\"type\":\"started\"}", "{\"type\":\"done\"}"});

  // The flag set from another thread while the worker waits (a minute, were it not for the flag).
  events.clear();
  Worker worker = loader.registry().lookup("llm", "lifecycle-a").make_worker({});
  std::thread setter;
  InvokeOutcome outcome = worker.invoke(
      "{\"wait_ms\":60000}",
      [&](std::string_view event) {
        events.emplace_back(event);
        setter = std::thread([&] { cancel.store(true); });
        return true;
      },
      &cancel);
  setter.join();
  CHECK(outcome == InvokeOutcome::cancelled);
  CHECK(events == std::vector<std::string>{"{\"type\":\"started\"}"});

  // A flag already set: the first emit is refused and the worker stops at once.
  events.clear();
  CHECK(run_waiter(loader, "lifecycle-a", 60000, &cancel, events) == InvokeOutcome::cancelled);
}
