// Log lines and the streamed answer. When stdout and stderr are one pipe (`2>&1`, or a terminal),
// a line seam writes to stderr while the answer's line is open starts on a line of its own; when
// they are apart, the answer is exactly what the plugin streamed.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The fixture's answer is "logs-mid-answer" + " and the rest of the line", with a warning logged
// between the two halves.
const std::string kWarning = "[logs-mid-answer] a warning in the middle of the answer";

// DIR/seam.toml serving model "chatty" from the logs-mid-answer fixture; with SECRET, a backend
// header value the command must redact, which makes its log lines pass through the redactor.
std::filesystem::path chatty_config(const TempDir& dir, bool secret) {
  const auto config = write_fixture_model_config(dir.path(), "logs-mid-answer", "chatty");
  if (secret) {
    std::ofstream(config, std::ios::app)
        << "\n[backends.chatty.options]\nheaders = { x-token = \"sekret-value\" }\n";
  }
  return config;
}

}  // namespace

TEST_CASE("cli answer lines: a warning mid-answer starts its own line when stderr is stdout") {
  for (const bool secret : {false, true}) {
    TempDir dir;
    const auto config = chatty_config(dir, secret);
    ProcessOptions merged;
    merged.merge_stderr = true;
    ProcessResult r = run_seam({"--config", config.string(), "run", "--model", "chatty", "hi"},
                               dir.path(), merged);
    INFO("secret configured: ", secret, "\n", r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(lines_of(r.out) == std::vector<std::string>{"logs-mid-answer", "warning: " + kWarning,
                                                      " and the rest of the line"});
  }
}

// Twin: stdout and stderr apart, the answer is one line and the warning is all of stderr.
TEST_CASE("cli answer lines: with stderr apart the answer gets no extra line break") {
  for (const bool secret : {false, true}) {
    TempDir dir;
    const auto config = chatty_config(dir, secret);
    ProcessResult r =
        run_seam({"--config", config.string(), "run", "--model", "chatty", "hi"}, dir.path());
    INFO("secret configured: ", secret, "\n", r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "logs-mid-answer and the rest of the line\n");
    CHECK(r.err == "warning: " + kWarning + "\n");
  }
}

TEST_CASE("cli answer lines: an error after half an answer starts its own line") {
  TempDir dir;
  const auto config = write_fixture_model_config(dir.path(), "invoke-fails", "broken");
  const std::vector<std::string> args{"--config", config.string(), "run",
                                      "--model",  "broken",        "hi"};
  ProcessOptions merged;
  merged.merge_stderr = true;
  ProcessResult r = run_seam(args, dir.path(), merged);
  INFO(r.out);
  CHECK(r.exit_code == 1);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "invoke-fails");
  CHECK(contains(lines[1], "error: WorkerError: "));
  CHECK(contains(lines[1], "the stream broke after one event"));

  // Twin: apart, the partial answer is left as the plugin sent it.
  ProcessResult apart = run_seam(args, dir.path());
  CHECK(apart.out == "invoke-fails");
  CHECK(apart.err.rfind("error: WorkerError: ", 0) == 0);
}
