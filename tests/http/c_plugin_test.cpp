// seam.http/1 from a plain C99 plugin (c_http_plugin.c): the table is usable with nothing but libc.
#include <doctest/doctest.h>

#include <seam/seam_http.h>
#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

#include <seam/http_service.hpp>
#include "loopback_server.hpp"

using namespace seam::test;
using nlohmann::json;

namespace {

std::string run_c_plugin(const seam::http::HttpService* http, const std::string& base_url,
                         std::string* error) {
  seam::LoaderOptions options;
  options.search_paths = {SEAM_C_HTTP_PLUGIN_DIR};
  if (http != nullptr) options.services[SEAM_HTTP_SERVICE_ID] = http->table();
  seam::Loader loader(options);
  seam::WorkerSpec spec;
  spec.backend_name = "c";
  spec.backend_config_json = json{{"sdk", "c-http"}, {"base_url", base_url}}.dump();
  std::string text;
  try {
    seam::Worker worker = loader.registry().lookup("llm", "c-http").make_worker(spec);
    worker.invoke(R"({"messages":[]})", [&](std::string_view event) {
      json parsed = json::parse(event);
      if (parsed["type"] == "delta") text += parsed["text"].get<std::string>();
      return true;
    });
  } catch (const seam::Error& e) {
    *error = e.what();
  }
  return text;
}

}  // namespace

TEST_CASE("c plugin: a C99 plugin performs a GET through seam.http/1") {
  LoopbackServer server;
  seam::http::HttpService http;
  std::string error;
  const std::string body = run_c_plugin(&http, server.url(), &error);
  INFO("error: ", error);
  REQUIRE(error.empty());
  const json echoed = json::parse(body);
  CHECK(echoed["method"] == "GET");
  CHECK(echoed["path"] == "/echo");
  CHECK(echoed["headers"]["Accept"] == "application/json");
}

TEST_CASE("c plugin: without the service the C plugin reports it cleanly") {
  LoopbackServer server;
  std::string error;
  CHECK(run_c_plugin(nullptr, server.url(), &error).empty());
  CHECK(error.find("no seam.http/1") != std::string::npos);
}
