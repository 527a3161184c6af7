// `seam run` against the loopback server through seam.toml backends of both sdks: streamed text,
// --json events, the request flags, stdin, failures on stderr without the key, --capture with
// redaction, and Ctrl-C.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "seam_world.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(json::parse(line, nullptr, false));
  }
  return lines;
}

const std::string kAnswer = "Hello from the loopback server.\n";

}  // namespace

TEST_CASE("cli http: seam run streams an openai backend's answer as text") {
  SeamWorld world;
  const ProcessResult result = world.seam({"run", "--model", "chat", "hi"});
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == kAnswer);
}

TEST_CASE("cli http: seam run streams an ollama backend's answer as text") {
  SeamWorld world;
  const ProcessResult result = world.seam({"run", "--model", "llama", "hi"});
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == kAnswer);
}

TEST_CASE("cli http: seam run --json prints every event of both sdks as a JSON line") {
  SeamWorld world;
  for (const char* model : {"chat", "llama"}) {
    const ProcessResult result = world.seam({"run", "--json", "--model", model, "hi"});
    INFO(model, " stderr: ", result.err);
    CHECK(result.exit_code == 0);
    const std::vector<json> events = json_lines(result.out);
    REQUIRE(events.size() >= 3);
    CHECK(events.front() == json{{"type", "delta"}, {"text", "Hello"}});
    std::string text;
    for (std::size_t i = 0; i + 2 < events.size(); ++i) {
      CHECK(events[i]["type"] == "delta");
      text += events[i].value("text", "");
    }
    CHECK(text == "Hello from the loopback server.");
    CHECK(events[events.size() - 2]["type"] == "usage");
    CHECK(events.back() == json{{"type", "done"}, {"finish_reason", "stop"}});
  }
}

TEST_CASE("cli http: --system, --max-tokens, --temperature and the model's options reach the API") {
  SeamWorld world;
  const ProcessResult result =
      world.seam({"run", "--model", "echo-request", "--system", "Be terse.", "--max-tokens", "12",
                  "--temperature", "0.3", "hello there"});
  INFO("stderr: ", result.err);
  REQUIRE(result.exit_code == 0);
  const json sent = json::parse(result.out);
  CHECK(sent["messages"] == json::parse(R"([{"role":"system","content":"Be terse."},
                                            {"role":"user","content":"hello there"}])"));
  CHECK(sent["max_tokens"] == 12);
  CHECK(sent["temperature"] == 0.3);
  CHECK(sent["top_p"] == 0.5);
  CHECK(sent["model"] == "echo-request");
}

TEST_CASE("cli http: the prompt is read from stdin for - and when it is left out") {
  SeamWorld world;
  ProcessOptions options;
  options.stdin_text = "from stdin\n";
  for (std::vector<std::string> args :
       {std::vector<std::string>{"run", "--model", "echo-request", "-"},
        std::vector<std::string>{"run", "--model", "echo-request"}}) {
    const ProcessResult result = world.seam(args, options);
    INFO("stderr: ", result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out)["messages"].back()["content"] == "from stdin");
  }
}

TEST_CASE("cli http: a wrong key exits 1 naming the backend and the variable, never the key") {
  SeamWorld world;
  ProcessOptions options;
  options.env["SEAM_TEST_KEY"] = "sk-wrong-key-123";
  const ProcessResult result = world.seam({"run", "--model", "chat-secure", "hi"}, options);
  CHECK(result.exit_code == 1);
  CHECK(result.out.empty());
  CHECK(contains(result.err, "error: WorkerError: "));
  CHECK(contains(result.err, "SEAM_E_BACKEND"));
  CHECK(contains(result.err,
                 "authentication failed for backend secure, check the API key variable "
                 "SEAM_TEST_KEY"));
  CHECK_FALSE(contains(result.err + result.out, "sk-wrong-key-123"));
  // Twin: the right key.
  options.env["SEAM_TEST_KEY"] = "sk-loopback-secret";
  const ProcessResult ok = world.seam({"run", "--model", "chat-secure", "hi"}, options);
  INFO("stderr: ", ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == kAnswer);
}

TEST_CASE("cli http: --capture writes one redacted JSON line per request") {
  SeamWorld world;
  ProcessOptions options;
  options.env["SEAM_TEST_KEY"] = "sk-loopback-secret";
  const std::filesystem::path capture = world.dir.path() / "capture.jsonl";
  const ProcessResult result =
      world.seam({"run", "--capture", capture.string(), "--model", "chat-secure", "hi"}, options);
  INFO("stderr: ", result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out == kAnswer);
  std::ifstream in(capture);
  std::stringstream text;
  text << in.rdbuf();
  CHECK_FALSE(contains(text.str(), "sk-loopback-secret"));
  const std::vector<json> lines = json_lines(text.str());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["method"] == "POST");
  CHECK(lines[0]["url"] == world.server.url("/secure/v1/chat/completions"));
  CHECK(lines[0]["status"] == 200);
  const json& headers = lines[0]["request"]["headers"];
  CHECK(std::find(headers.begin(), headers.end(), "Authorization: [REDACTED]") != headers.end());
  CHECK(contains(lines[0]["request"]["body"], "\"model\":\"basic\""));
  CHECK(contains(lines[0]["response"]["body"], "data: [DONE]"));
}

TEST_CASE("cli http: Ctrl-C while waiting for the server cancels cleanly") {
  SeamWorld world(R"(
[models.slow]
backend = "local"
model_id = "slow"
)");
  const auto run =
      world.seam_interrupted({"run", "--model", "slow", "hi"}, std::chrono::milliseconds(700));
  INFO("stderr: ", run.result.err);
  CHECK(run.result.exit_code == 130);
  CHECK(contains(run.result.err, "cancelled"));
  CHECK_FALSE(contains(run.result.err, "error:"));
  CHECK(run.after_signal < std::chrono::milliseconds(2000));
}

TEST_CASE("cli http: Ctrl-C while text streams stops the stream cleanly") {
  SeamWorld world(R"(
[models.forever]
backend = "local"
model_id = "forever"
)");
  const auto run =
      world.seam_interrupted({"run", "--model", "forever", "hi"}, std::chrono::milliseconds(700));
  INFO("stderr: ", run.result.err);
  CHECK(run.result.exit_code == 130);
  CHECK(contains(run.result.out, "tick "));
  CHECK(contains(run.result.err, "cancelled"));
  CHECK(run.after_signal < std::chrono::milliseconds(2000));
}
