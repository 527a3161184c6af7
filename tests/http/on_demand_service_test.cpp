// The on-demand seam.http/1 (what the seam command and the C API offer): libcurl comes from the
// module at the first request. A module that is missing or is not Seam's is an error naming the
// file and what to do, at that request; the build's own module serves requests, capture included.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <seam/loader/options.hpp>

#include "../support/temp_dir.hpp"
#include "http_exchange.hpp"
#include "loopback_server.hpp"
#include "on_demand_http_service.hpp"

using namespace seam::test;
using seam::http::HttpServiceOptions;
using seam::http::OnDemandHttpService;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("http on demand: the installation's module serves requests, capture included") {
  const std::filesystem::path module = seam::http_module_file();
  REQUIRE(std::filesystem::is_regular_file(module));
  CHECK(module.filename() == "seam-http-curl.so");
  LoopbackServer server;
  TempDir dir;
  HttpServiceOptions options;
  options.capture_file = dir.path() / "capture.jsonl";
  OnDemandHttpService http(module, options);
  // Opened when the service is made, before any request, as HttpService does.
  CHECK(std::filesystem::exists(*options.capture_file));
  for (int i = 0; i < 2; ++i) {
    const HttpExchange x = perform(http.table(), {"GET", server.url("/chunks?n=3&delay_ms=0")});
    INFO("error: ", x.error);
    CHECK(x.status == SEAM_OK);
    CHECK(x.body == "chunk-0;chunk-1;chunk-2;");
  }
  std::ifstream in(*options.capture_file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string captured = text.str();
  CHECK(std::count(captured.begin(), captured.end(), '\n') == 2);
  CHECK(contains(captured, "/chunks?n=3"));
}

TEST_CASE("http on demand: a missing module fails each request, naming the file and the remedy") {
  TempDir dir;
  const std::filesystem::path module = dir.path() / "seam-http-curl.so";
  OnDemandHttpService http(module, {});
  LoopbackServer server;
  for (int i = 0; i < 2; ++i) {
    const HttpExchange x = perform(http.table(), {"GET", server.url("/echo")});
    CHECK(x.status == SEAM_E_MISSING_DEPENDENCY);
    CHECK(x.head_calls == 0);
    CHECK(contains(x.error, "cannot load " + module.string()));
    CHECK(contains(x.error, "No such file or directory"));
    CHECK(contains(x.error, "reinstall Seam"));
  }
}

TEST_CASE("http on demand: a library that is not the module is refused, naming it") {
  // A real shared library, but a plugin: it has no seam_http_module_start.
  const std::filesystem::path other = SEAM_OPENAI_PLUGIN_DIR "/seam-openai.so";
  REQUIRE(std::filesystem::is_regular_file(other));
  OnDemandHttpService http(other, {});
  LoopbackServer server;
  const HttpExchange x = perform(http.table(), {"GET", server.url("/echo")});
  CHECK(x.status == SEAM_E_MISSING_DEPENDENCY);
  CHECK(contains(x.error, other.string() + " is not Seam's HTTP service module"));
  CHECK(contains(x.error, "seam_http_module_start"));
  CHECK(contains(x.error, "reinstall Seam"));
}

TEST_CASE("http on demand: a capture file that cannot be opened fails at once, module or not") {
  TempDir dir;
  HttpServiceOptions options;
  options.capture_file = dir.path() / "no-such-folder" / "capture.jsonl";
  for (const std::filesystem::path& module :
       {seam::http_module_file(), dir.path() / "seam-http-curl.so"}) {
    try {
      OnDemandHttpService http(module, options);
      FAIL("no error for the capture file");
    } catch (const std::runtime_error& e) {
      CHECK(contains(e.what(), "cannot open the capture file " + options.capture_file->string()));
      CHECK(contains(e.what(), "check that its folder exists"));
    }
  }
  // The twin: its folder made, the same path is fine.
  std::filesystem::create_directory(dir.path() / "no-such-folder");
  OnDemandHttpService http(seam::http_module_file(), options);
  CHECK(std::filesystem::exists(*options.capture_file));
}
