// `seam run` and Ctrl-C: the interrupt reaches a worker that is silent (no emit to refuse) through
// seam_event_sink.is_cancelled. The fixture worker (fixtures/lifecycle_plugin.cpp) emits "started"
// and then waits, polling is_cancelled, for the wait_ms of its model's options.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/subprocess.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using namespace std::chrono_literals;

namespace {

// A folder with only the lifecycle-a fixture, and a seam.toml whose "waiter" model waits WAIT_MS.
std::filesystem::path waiter_config(const TempDir& dir, int wait_ms) {
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_into(fixture_file("lifecycle", "lifecycle-a.so"), plugins);
  return dir.write_file("seam.toml", "[plugins]\npaths = [\"" + plugins.string() +
                                         "\"]\n\n[backends.waiter]\nsdk = \"lifecycle-a\"\n\n"
                                         "[models.waiter]\nbackend = \"waiter\"\n"
                                         "model_id = \"waiter\"\noptions = { wait_ms = " +
                                         std::to_string(wait_ms) + " }\n");
}

}  // namespace

TEST_CASE("cli run: a silent worker finishes its wait when nobody presses Ctrl-C") {
  TempDir dir;
  const std::filesystem::path config = waiter_config(dir, 50);
  const ProcessResult result = run_seam(
      {"--config", config.string(), "run", "--json", "--model", "waiter", "hi"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"started\"") != std::string::npos);
  CHECK(result.out.find("\"done\"") != std::string::npos);
}

TEST_CASE("cli run: Ctrl-C reaches a silent worker through is_cancelled") {
  TempDir dir;
  const std::filesystem::path config = waiter_config(dir, 60000);
  // SIGINT once the worker said "started", i.e. while it waits without emitting.
  const InterruptedRun run = run_interrupted(
      {seam_executable().string(), "--config", config.string(), "run", "--json", "--model",
       "waiter", "hi"},
      dir.path(), [](const std::string& out) { return out.find("started") != std::string::npos; });
  INFO("stdout: ", run.result.out, "\nstderr: ", run.result.err);
  CHECK(run.result.exit_code == 130);
  CHECK(run.result.out.find("\"started\"") != std::string::npos);
  CHECK(run.result.out.find("\"done\"") == std::string::npos);
  CHECK(run.result.err.find("cancelled") != std::string::npos);
  CHECK(run.after_signal < 5000ms);  // not the minute the worker would have waited
}
