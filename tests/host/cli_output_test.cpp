// Output is either right or an error: every event must be one JSON object (else a WorkerError
// naming the plugin), --json prints exactly one valid JSON object per line, invalid UTF-8 becomes
// U+FFFD, a bad model record never costs the good ones, control characters from plugins are
// escaped in tables, and a write error on stdout is a non-zero exit.
#include <doctest/doctest.h>

#include <sstream>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

struct OutputSetup {
  TempDir dir;
  std::filesystem::path config;

  OutputSetup() { config = write_fixture_model_config(dir.path(), "bad-output", "bad"); }

  ProcessResult run(const std::string& output, std::vector<std::string> args) {
    ProcessOptions options;
    options.env["SEAM_FIXTURE_OUTPUT"] = output;
    args.insert(args.begin(), {"--config", config.string()});
    return run_seam(args, dir.path(), options);
  }
};

// Every line of TEXT parsed as JSON; a line that is not an object fails the test.
std::vector<json> objects_per_line(const std::string& text) {
  std::vector<json> objects;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    json parsed = json::parse(line, nullptr, false);
    CHECK_MESSAGE(parsed.is_object(), "not one JSON object: ", line);
    objects.push_back(parsed);
  }
  return objects;
}

const std::vector<std::string> kRunJson = {"run", "--json", "--model", "bad", "hi"};

}  // namespace

TEST_CASE("cli output: an event that is not one JSON object is a WorkerError naming the plugin") {
  for (const char* output : {"not-json", "two-objects", "nul"}) {
    CAPTURE(output);
    OutputSetup setup;
    const ProcessResult r = setup.run(output, kRunJson);
    INFO("stdout: ", r.out, "\nstderr: ", r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "WorkerError"));
    CHECK(contains(r.err, "bad-output.so"));
    CHECK(contains(r.err, "not one JSON object"));
    objects_per_line(r.out);  // what was printed before is still one object per line
  }
}

TEST_CASE("cli output: --json prints one valid object per line, whatever the plugin's layout") {
  OutputSetup setup;
  const ProcessResult r = setup.run("newline", kRunJson);
  INFO("stderr: ", r.err);
  CHECK(r.exit_code == 0);
  const std::vector<json> events = objects_per_line(r.out);
  CHECK(delta_text(events) == "bad-output newline");
}

TEST_CASE("cli output: invalid UTF-8 in a delta becomes U+FFFD, never dropped") {
  OutputSetup setup;
  const ProcessResult json_run = setup.run("bad-utf8", kRunJson);
  INFO("stderr: ", json_run.err);
  CHECK(json_run.exit_code == 0);
  CHECK(delta_text(objects_per_line(json_run.out)) == "bad-output caf\xEF\xBF\xBD!");
  const ProcessResult text_run = setup.run("bad-utf8", {"run", "--model", "bad", "hi"});
  CHECK(text_run.exit_code == 0);
  CHECK(contains(text_run.out, "caf\xEF\xBF\xBD!"));
}

TEST_CASE("cli output: what a plugin prints at run time never mixes into seam's answer") {
  OutputSetup setup;
  // printf, and write(1) itself, land on stderr; --json stays one object per line.
  const ProcessResult r = setup.run("printf", kRunJson);
  INFO("stdout: ", r.out, "\nstderr: ", r.err);
  CHECK(r.exit_code == 0);
  CHECK(delta_text(objects_per_line(r.out)) == "bad-output");
  CHECK(contains(r.err, "plugin chatter on stdout"));
  CHECK(contains(r.err, "raw chatter"));
  // A plugin closing descriptor 1 closes only that: the answer still arrives whole.
  const ProcessResult closed = setup.run("close-stdout", {"run", "--model", "bad", "hi"});
  CHECK(closed.exit_code == 0);
  CHECK(contains(closed.out, "bad-output"));
}

TEST_CASE("cli output: a closed stdout makes seam exit non-zero") {
  TempDir dir;
  const ProcessResult r =
      run_process({"/bin/sh", "-c", "'" + seam_executable().string() + "' run --model echo hi >&-"},
                  ProcessOptions{{}, dir.path(), {}});
  INFO("stderr: ", r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "standard output"));
}

TEST_CASE("cli output: a full stdout makes seam exit non-zero") {
  TempDir dir;
  const ProcessResult r = run_process(
      {"/bin/sh", "-c", "'" + seam_executable().string() + "' run --model echo hi > /dev/full"},
      ProcessOptions{{}, dir.path(), {}});
  INFO("stderr: ", r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "standard output"));
}

TEST_CASE("cli output: models list keeps every record; bad text is repaired and escaped") {
  OutputSetup setup;
  const ProcessResult json_list = setup.run("none", {"models", "list", "--json"});
  INFO("stdout: ", json_list.out, "\nstderr: ", json_list.err);
  CHECK(json_list.exit_code == 0);
  const json listing = json::parse(json_list.out, nullptr, false);
  REQUIRE(listing.is_object());
  const std::string text = listing.dump();
  CHECK(contains(text, "bad-output-model"));
  CHECK(contains(text, "bad-utf8-\xEF\xBF\xBD-model"));

  const ProcessResult table = setup.run("none", {"models", "list"});
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "bad-output-model"));
  CHECK(contains(table.out, "Red \\x1b[31mcaf\xEF\xBF\xBD\\x1b[0m"));
  CHECK(table.out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli output: a plugin file name that is not UTF-8 gives valid JSON from check and list") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  const std::filesystem::path odd = plugins / "odd\xff-name.so";
  std::filesystem::copy_file(copy_fixture("good", dir.path()), odd);
  const ProcessResult check = run_seam({"plugins", "check", "--json", odd.string()}, dir.path());
  INFO("stdout: ", check.out, "\nstderr: ", check.err);
  CHECK(check.exit_code == 0);
  const json report = json::parse(check.out, nullptr, false);
  REQUIRE(report.is_object());
  CHECK(contains(report["file"].get<std::string>(), "odd\xEF\xBF\xBD-name.so"));

  const PluginsListing listing = list_plugins_json(plugins, dir.path());
  CHECK(listing.process.exit_code == 0);
  CHECK(listing.row("good").is_object());
  // The table escapes nothing that is printable and repairs the name.
  const ProcessResult table =
      run_seam({"plugins", "list", "--plugin-path", plugins.string()}, dir.path());
  CHECK(contains(table.out, "odd\xEF\xBF\xBD-name.so"));
}

TEST_CASE("cli output: plugins list escapes a plugin's control characters in its table") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("name-not-utf8", plugins);
  copy_fixture("good", plugins);
  const ProcessResult table =
      run_seam({"plugins", "list", "--plugin-path", plugins.string()}, dir.path());
  INFO("stdout: ", table.out);
  CHECK(table.exit_code == 3);
  CHECK(contains(table.out, "invalid plugin name"));
  CHECK(contains(table.out, "\\x1b[31mred"));
  CHECK(table.out.find('\x1b') == std::string::npos);
  CHECK(contains(table.out, "good"));  // twin: the calm row is there as usual
}

TEST_CASE("cli output: plugins check escapes a plugin's control characters in its text report") {
  TempDir dir;
  const std::filesystem::path file = copy_fixture("name-not-utf8", dir.path());
  const ProcessResult check = run_seam({"plugins", "check", file.string()}, dir.path());
  INFO("stdout: ", check.out);
  CHECK(check.exit_code == 3);
  CHECK(contains(check.out, "invalid plugin name"));
  CHECK(check.out.find('\x1b') == std::string::npos);
  // Twin: a good plugin passes.
  const ProcessResult good =
      run_seam({"plugins", "check", copy_fixture("good", dir.path()).string()}, dir.path());
  CHECK(good.exit_code == 0);
}
