// `seam models list [BACKEND] [--json|--csv]` against the loopback server: every configured
// backend's lister, a backend that cannot list (a note), a failing one (an error that hides no
// other), and one backend alone.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "seam_world.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string kTroubled = R"(
[backends.nolist]
sdk = "openai"
base_url = "{BASE}/nolist/v1"

[backends.broken]
sdk = "openai"
base_url = "{BASE}/broken/v1"
)";

json backend(const json& listing, const std::string& name) {
  for (const json& b : listing["backends"]) {
    if (b["name"] == name) return b;
  }
  return nullptr;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("cli models: the table lists every backend's models, openai and ollama alike") {
  SeamWorld world;
  ProcessOptions options;
  options.env["SEAM_TEST_KEY"] = "sk-loopback-secret";
  const ProcessResult result = world.seam({"models", "list"}, options);
  INFO("stdout: ", result.out, "\nstderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK_FALSE(contains(result.err, "error:"));
  CHECK_FALSE(contains(result.err, "note:"));
  const std::vector<std::string> lines = lines_of(result.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0].rfind("BACKEND", 0) == 0);
  CHECK(contains(result.out, "local"));
  CHECK(contains(result.out, "whoami"));
  CHECK(contains(result.out, "llama3.2:latest"));
  CHECK(contains(result.out, "Echo (repeats the last user message)"));  // the builtin backend
}

TEST_CASE("cli models: a lister missing its key is an error naming the variable") {
  SeamWorld world;
  const ProcessResult result = world.seam({"models", "list", "secure"});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "error: WorkerError: backend 'secure':"));
  CHECK(contains(result.err, "SEAM_TEST_KEY, which is not set"));
}

TEST_CASE("cli models: --json gives each backend's status, models and error") {
  SeamWorld world(kTroubled);
  ProcessOptions options;
  options.env["SEAM_TEST_KEY"] = "sk-loopback-secret";
  const ProcessResult result = world.seam({"models", "list", "--json"}, options);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 1);  // "broken" failed
  const json listing = json::parse(result.out);
  const json local = backend(listing, "local");
  CHECK(local["status"] == "ok");
  CHECK(local["sdk"] == "openai");
  REQUIRE(local["models"].size() == 3);
  CHECK(local["models"][0] == json{{"id", "basic"},
                                   {"family", "llm"},
                                   {"display_name", "basic"},
                                   {"extra", {{"created", 1700000000}, {"owned_by", "loopback"}}}});
  CHECK(backend(listing, "secure")["status"] == "ok");
  CHECK(backend(listing, "llama")["models"][0]["id"] == "llama3.2:latest");
  const json nolist = backend(listing, "nolist");
  CHECK(nolist["status"] == "unsupported");
  CHECK(contains(nolist["note"], "does not offer GET /models"));
  const json broken = backend(listing, "broken");
  CHECK(broken["status"] == "error");
  CHECK(broken["error"]["kind"] == "WorkerError");
  CHECK(contains(broken["error"]["message"], "backend broken failed on the server side"));
  CHECK(backend(listing, "echo")["status"] == "ok");
}

TEST_CASE("cli models: --csv has a header and quotes fields that need it") {
  SeamWorld world;
  const ProcessResult result = world.seam({"models", "list", "llama", "--csv"});
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  const std::vector<std::string> lines = lines_of(result.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "backend,sdk,id,family,display_name,extra");
  CHECK(lines[1].rfind("llama,ollama,llama3.2:latest,llm,llama3.2:latest,\"{", 0) == 0);
  CHECK(contains(lines[1], "\"\"parameter_size\"\":\"\"3.2B\"\""));
}

TEST_CASE(
    "cli models: a backend that cannot list is a note; a failing one an error; the rest "
    "still print") {
  SeamWorld world(kTroubled);
  const ProcessResult result = world.seam({"models", "list"});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.out, "llama3.2:latest"));
  CHECK(contains(result.out, "whoami"));
  CHECK(contains(result.err, "note: backend 'nolist' cannot list its models"));
  CHECK(contains(result.err, "error: WorkerError: backend 'broken':"));
  CHECK_FALSE(contains(result.err, "error: WorkerError: backend 'local'"));
}

TEST_CASE("cli models: naming one backend lists only it, an unknown name lists the known ones") {
  SeamWorld world(kTroubled);
  const ProcessResult one = world.seam({"models", "list", "local"});
  INFO("stderr: ", one.err);
  CHECK(one.exit_code == 0);
  CHECK(contains(one.out, "whoami"));
  CHECK_FALSE(contains(one.out, "llama3.2"));
  CHECK_FALSE(contains(one.err, "error:"));

  const ProcessResult unknown = world.seam({"models", "list", "nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "Unknown backend 'nope'"));
  CHECK(contains(unknown.err, "broken, echo, llama, local, nolist, secure"));
}

TEST_CASE("cli models: --json and --csv together are refused") {
  SeamWorld world;
  const ProcessResult result = world.seam({"models", "list", "--json", "--csv"});
  CHECK(result.exit_code != 0);
  CHECK(contains(result.err, "excludes"));
}
