// `--capture`: one JSON line per exchange with the credentials gone. The redactor on its own, then
// the HTTP service writing a capture file against the loopback server.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/temp_dir.hpp"
#include "http_exchange.hpp"
#include <seam/redactor.hpp>
#include <seam/http_service.hpp>
#include "loopback_server.hpp"

using namespace seam::test;
using nlohmann::json;
using seam::http::HttpService;
using seam::http::HttpServiceOptions;
using seam::http::Redactor;

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("redaction: credential headers are hidden whatever their case, others are kept") {
  Redactor redactor;
  CHECK(redactor.redact_header("Authorization: Bearer sk-1") == "Authorization: [REDACTED]");
  CHECK(redactor.redact_header("authorization: Basic abc") == "authorization: [REDACTED]");
  CHECK(redactor.redact_header("X-API-Key: k") == "X-API-Key: [REDACTED]");
  CHECK(redactor.redact_header("Proxy-Authorization: p") == "Proxy-Authorization: [REDACTED]");
  CHECK(redactor.redact_header("Content-Type: application/json") ==
        "Content-Type: application/json");
}

TEST_CASE("redaction: secret values go wherever they appear, longest first, every time") {
  Redactor redactor({"abc", "abcdef", ""});
  CHECK(redactor.redact("key=abcdef&again=abcdef&short=abc") ==
        "key=[REDACTED]&again=[REDACTED]&short=[REDACTED]");
  CHECK(redactor.redact("per request: zz9", {"zz9"}) == "per request: [REDACTED]");
  // Twin: text without a secret is untouched (the empty secret matches nothing).
  CHECK(redactor.redact("nothing to hide") == "nothing to hide");
}

TEST_CASE(
    "capture: each exchange is one JSON line with method, URL, status, timing, headers and "
    "bodies, and no secret anywhere") {
  LoopbackServer server;
  TempDir dir;
  const std::filesystem::path file = dir.path() / "capture.jsonl";
  HttpServiceOptions options;
  options.capture_file = file;
  options.secrets = {"sk-configured-secret"};
  HttpService http(options);

  HttpRequestSpec spec{"POST", server.url("/echo?api_key=per-request-secret")};
  spec.headers = {"Authorization: Bearer sk-header-secret", "x-api-key: sk-other-secret",
                  "X-Note: mentions sk-configured-secret inline", "Content-Type: application/json"};
  spec.body = R"({"prompt":"hi","key":"sk-configured-secret"})";
  // A plugin marks the keys it sends as secret; the echo server reflects them into its body.
  spec.secret_values = {"per-request-secret", "sk-header-secret", "sk-other-secret"};
  REQUIRE(perform(http.table(), spec).status == SEAM_OK);
  REQUIRE(perform(http.table(), {"GET", server.url("/status/500")}).status == SEAM_OK);

  const std::string text = read_file(file);
  for (const char* secret :
       {"sk-configured-secret", "per-request-secret", "sk-header-secret", "sk-other-secret"}) {
    CHECK_MESSAGE(!contains(text, secret), secret, " leaked into the capture");
  }
  const std::vector<json> lines = json_lines(text);
  REQUIRE(lines.size() == 2);
  const json& first = lines[0];
  CHECK(first["method"] == "POST");
  CHECK(first["url"] == server.url("/echo?api_key=[REDACTED]"));
  CHECK(first["status"] == 200);
  CHECK(first["outcome"] == "ok");
  CHECK(first["timing"]["total_ms"].get<double>() > 0);
  CHECK(first["timing"]["first_byte_ms"].get<double>() > 0);
  CHECK(first["started"].get<std::string>().back() == 'Z');
  const json& headers = first["request"]["headers"];
  CHECK(std::find(headers.begin(), headers.end(), "Authorization: [REDACTED]") != headers.end());
  CHECK(std::find(headers.begin(), headers.end(), "x-api-key: [REDACTED]") != headers.end());
  CHECK(std::find(headers.begin(), headers.end(), "X-Note: mentions [REDACTED] inline") !=
        headers.end());
  CHECK(first["request"]["body"] == R"({"prompt":"hi","key":"[REDACTED]"})");
  CHECK(contains(first["response"]["body"], "\"method\": \"POST\""));
  CHECK_FALSE(first["response"]["headers"].empty());
  CHECK(lines[1]["status"] == 500);
  CHECK(contains(lines[1]["response"]["body"], "status 500 on purpose"));
}

// Twin of the redaction: what is not a credential is captured as it was.
TEST_CASE("capture: ordinary headers and bodies are recorded verbatim") {
  LoopbackServer server;
  TempDir dir;
  HttpServiceOptions options;
  options.capture_file = dir.path() / "capture.jsonl";
  HttpService http(options);
  HttpRequestSpec spec{"POST", server.url("/echo")};
  spec.headers = {"X-Note: plain words"};
  spec.body = "visible body";
  REQUIRE(perform(http.table(), spec).status == SEAM_OK);
  const std::vector<json> lines = json_lines(read_file(*options.capture_file));
  REQUIRE(lines.size() == 1);
  const json& headers = lines[0]["request"]["headers"];
  CHECK(std::find(headers.begin(), headers.end(), "X-Note: plain words") != headers.end());
  CHECK(lines[0]["request"]["body"] == "visible body");
}

TEST_CASE("capture: a failed exchange is recorded with its outcome and error") {
  TempDir dir;
  HttpServiceOptions options;
  options.capture_file = dir.path() / "capture.jsonl";
  HttpService http(options);
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/x";
  REQUIRE(perform(http.table(), {"GET", url}).status == SEAM_E_BACKEND);
  const std::vector<json> lines = json_lines(read_file(*options.capture_file));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["outcome"] == "error");
  CHECK(lines[0]["status"] == 0);
  CHECK(contains(lines[0]["error"], "could not connect"));
}

TEST_CASE("capture: an unwritable capture file is an error naming it") {
  HttpServiceOptions options;
  options.capture_file = "/nonexistent-folder/capture.jsonl";
  CHECK_THROWS_WITH_AS(HttpService{options}, doctest::Contains("/nonexistent-folder/capture.jsonl"),
                       std::runtime_error);
}
