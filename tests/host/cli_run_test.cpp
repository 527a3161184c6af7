// `seam run`: streaming the echo model's output, reading the prompt from stdin, and failures.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using nlohmann::json;

TEST_CASE("cli run: --model echo prints the prompt back") {
  TempDir dir;
  const ProcessResult result = run_seam({"run", "--model", "echo", "some text"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "some text\n");
}

TEST_CASE("cli run: a prompt of - is read from stdin") {
  TempDir dir;
  ProcessOptions options;
  options.stdin_text = "piped prompt words";
  const ProcessResult result = run_seam({"run", "--model", "echo", "-"}, dir.path(), options);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.rfind("piped prompt words", 0) == 0);
}

TEST_CASE("cli run: --json prints each event as one JSON line") {
  TempDir dir;
  const ProcessResult result =
      run_seam({"run", "--json", "--model", "echo", "one two three"}, dir.path());
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);

  std::vector<json> events;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    json event = json::parse(line, nullptr, false);
    REQUIRE_MESSAGE(!event.is_discarded(), "not JSON: ", line);
    events.push_back(event);
  }
  CHECK(delta_text(events) == "one two three");
  CHECK(first_event(events, "usage").is_object());
  REQUIRE_FALSE(events.empty());
  CHECK(events.back()["type"] == "done");
}

// Negative twin of the echo run: a model nobody configured.
TEST_CASE("cli run: an unknown model exits 1 with an error line on stderr") {
  TempDir dir;
  const ProcessResult result = run_seam({"run", "--model", "no-such-model", "hi"}, dir.path());
  CHECK(result.exit_code == 1);
  CHECK(result.out.empty());
  CHECK(result.err.find("error: ") != std::string::npos);
  CHECK(contains(result.err, "no-such-model"));
}

TEST_CASE("cli run: a broken plugin on the path fails the run under the default policy") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("register-fails", plugins);
  const ProcessResult result =
      run_seam({"run", "--model", "echo", "--plugin-path", plugins.string(), "hi"}, dir.path());
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "error: BrokenPluginError: "));
  CHECK(contains(result.err, "register-fails.so"));
}

// Twin: the same command with only good plugins on the path runs.
TEST_CASE("cli run: good plugins on the path leave the run working") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  const ProcessResult result =
      run_seam({"run", "--model", "echo", "--plugin-path", plugins.string(), "hi"}, dir.path());
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "hi\n");
}
