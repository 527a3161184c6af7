// The host's HTTP service (seam.http/1) on its own, through the C table a plugin gets, against the
// loopback server: streaming, headers, bodies, cancellation, timeouts, refused connections, TLS
// verification, proxies from the environment, and connection reuse.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_exchange.hpp"
#include <seam/http_service.hpp>
#include "loopback_server.hpp"

using namespace seam::test;
using nlohmann::json;
using seam::http::HttpService;
using seam::http::HttpServiceOptions;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

json body_json(const HttpExchange& x) {
  return json::parse(x.body, nullptr, false);
}

int connections(const seam_http_service* http, const LoopbackServer& server) {
  // /stats itself needs a connection: ask with a fresh service so it never reuses the tested one.
  (void)http;
  HttpServiceOptions options;
  options.reuse_connections = false;
  HttpService stats(options);
  HttpExchange x = perform(stats.table(), {"GET", server.url("/stats")});
  return body_json(x).value("connections", -1);
}

}  // namespace

TEST_CASE("http: a GET streams the body and delivers the status and headers once, first") {
  LoopbackServer server;
  HttpService http;
  HttpRequestSpec spec{"GET", server.url("/echo")};
  spec.headers = {"X-Seam-Test: hello there"};
  const HttpExchange x = perform(http.table(), spec);
  INFO("error: ", x.error);
  REQUIRE(x.status == SEAM_OK);
  CHECK(x.head_calls == 1);
  CHECK(x.http_status == 200);
  CHECK(x.header("content-type") == "application/json");
  const json echoed = body_json(x);
  CHECK(echoed["method"] == "GET");
  CHECK(echoed["headers"]["X-Seam-Test"] == "hello there");
  // No compression is asked for, so the plugin sees the bytes the server wrote.
  CHECK_FALSE(echoed["headers"].contains("Accept-Encoding"));
}

TEST_CASE("http: a POST body arrives byte for byte, without an Expect: 100-continue") {
  LoopbackServer server;
  HttpService http;
  HttpRequestSpec spec{"POST", server.url("/echo")};
  spec.headers = {"Content-Type: application/json"};
  spec.body = "{\"text\":\"" + std::string(5000, 'x') + "\u00e9\"}";
  const HttpExchange x = perform(http.table(), spec);
  REQUIRE(x.status == SEAM_OK);
  const json echoed = body_json(x);
  CHECK(echoed["method"] == "POST");
  CHECK(echoed["body"] == spec.body);
  CHECK_FALSE(echoed["headers"].contains("Expect"));
}

TEST_CASE("http: PUT, PATCH and DELETE go out under their own names") {
  LoopbackServer server;
  HttpService http;
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    HttpRequestSpec spec{method, server.url("/echo")};
    if (std::string(method) != "DELETE") spec.body = "{}";
    const HttpExchange x = perform(http.table(), spec);
    REQUIRE(x.status == SEAM_OK);
    CHECK(body_json(x)["method"] == method);
  }
}

TEST_CASE("http: the body arrives in pieces as the server writes them, not all at the end") {
  LoopbackServer server;
  HttpService http;
  const HttpExchange x = perform(http.table(), {"GET", server.url("/chunks?n=5&delay_ms=150")});
  REQUIRE(x.status == SEAM_OK);
  CHECK(x.body == "chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;");
  CHECK(x.pieces >= 3);
  // The first piece came long before the last (four 150 ms pauses).
  CHECK(x.first_piece_after.count() < x.took.count() - 300);
}

TEST_CASE("http: an error status is a response (SEAM_OK) whose status the plugin reads") {
  LoopbackServer server;
  HttpService http;
  for (int code : {401, 404, 500, 302}) {
    const HttpExchange x =
        perform(http.table(), {"GET", server.url("/status/" + std::to_string(code))});
    REQUIRE(x.status == SEAM_OK);
    CHECK(x.http_status == code);  // 302 included: redirects are not followed
    CHECK(contains(x.body, "on purpose"));
  }
}

TEST_CASE("http: a response without a body still reaches on_response once") {
  LoopbackServer server;
  HttpService http;
  const HttpExchange x = perform(http.table(), {"HEAD", server.url("/echo")});
  REQUIRE(x.status == SEAM_OK);
  CHECK(x.head_calls == 1);
  CHECK(x.http_status == 200);
  CHECK(x.pieces == 0);
}

TEST_CASE("http: on_data returning non-zero cancels an endless stream promptly") {
  LoopbackServer server;
  HttpService http;
  HttpRequestSpec spec{"GET", server.url("/forever")};
  spec.stop_after_pieces = 3;
  const HttpExchange x = perform(http.table(), spec);
  CHECK(x.status == SEAM_E_CANCELLED);
  CHECK(contains(x.error, "cancelled by the handler"));
  CHECK(x.pieces == 3);
  CHECK(x.took.count() < 5000);
  // Twin: a finite stream whose handler never says stop completes.
  const HttpExchange whole = perform(http.table(), {"GET", server.url("/chunks?n=3")});
  CHECK(whole.status == SEAM_OK);
}

TEST_CASE("http: on_response returning non-zero cancels before any body") {
  LoopbackServer server;
  HttpService http;
  HttpRequestSpec spec{"GET", server.url("/chunks?n=3")};
  spec.stop_after_pieces = 0;
  const HttpExchange x = perform(http.table(), spec);
  CHECK(x.status == SEAM_E_CANCELLED);
  CHECK(x.pieces == 0);
}

TEST_CASE("http: the host's cancel flag (Ctrl-C) aborts a transfer that is waiting") {
  LoopbackServer server;
  std::atomic<bool> cancel{false};
  HttpServiceOptions options;
  options.cancel = &cancel;
  HttpService http(options);
  std::thread presser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel = true;
  });
  const HttpExchange x = perform(http.table(), {"GET", server.url("/slow?ms=8000")});
  presser.join();
  CHECK(x.status == SEAM_E_CANCELLED);
  CHECK(contains(x.error, "interrupted"));
  CHECK(x.took.count() < 4000);
  // Twin: with the flag down again the same service completes a request.
  cancel = false;
  CHECK(perform(http.table(), {"GET", server.url("/slow?ms=10")}).status == SEAM_OK);
}

TEST_CASE("http: the total timeout ends a slow request with SEAM_E_TIMEOUT naming the URL") {
  LoopbackServer server;
  HttpService http;
  HttpRequestSpec spec{"GET", server.url("/slow?ms=5000")};
  spec.timeout_ms = 300;
  const HttpExchange x = perform(http.table(), spec);
  CHECK(x.status == SEAM_E_TIMEOUT);
  CHECK(contains(x.error, "GET " + spec.url));
  CHECK(contains(x.error, "timeout of 300 ms"));
  CHECK(x.took.count() < 3000);
  // Twin: the same endpoint within a timeout it can meet.
  spec.url = server.url("/slow?ms=50");
  CHECK(perform(http.table(), spec).status == SEAM_OK);
}

TEST_CASE("http: a refused connection is SEAM_E_BACKEND naming the URL and the cause") {
  HttpService http;
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/echo";
  const HttpExchange x = perform(http.table(), {"GET", url});
  CHECK(x.status == SEAM_E_BACKEND);
  CHECK(contains(x.error, "GET " + url));
  CHECK(contains(x.error, "could not connect"));
  CHECK(x.head_calls == 0);
  // Twin: a listening server on the same host.
  LoopbackServer server;
  CHECK(perform(http.table(), {"GET", server.url("/echo")}).status == SEAM_OK);
}

TEST_CASE("http: a malformed request is SEAM_E_INVALID_ARGUMENT saying what is wrong") {
  LoopbackServer server;
  HttpService http;
  CHECK(perform(http.table(), {"FETCH", server.url("/echo")}).error.find("unknown method") !=
        std::string::npos);
  CHECK(perform(http.table(), {"GET", ""}).status == SEAM_E_INVALID_ARGUMENT);
  CHECK(perform(http.table(), {"GET", "file:///etc/passwd"}).status == SEAM_E_INVALID_ARGUMENT);
  HttpRequestSpec injected{"GET", server.url("/echo")};
  injected.headers = {"X-A: 1\r\nX-B: 2"};
  const HttpExchange x = perform(http.table(), injected);
  CHECK(x.status == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(x.error, "without CR or LF"));
  // Twin: the well-formed request.
  CHECK(perform(http.table(), {"GET", server.url("/echo")}).status == SEAM_OK);
}

TEST_CASE("http: a request struct smaller than method and url is refused") {
  LoopbackServer server;
  HttpService http;
  const std::string url = server.url("/echo");
  seam_http_request request{};
  request.struct_size = 8;
  request.method = "GET";
  request.url = url.c_str();
  seam_http_handler handler{};
  handler.struct_size = sizeof(handler);
  std::string message;
  seam_error error{sizeof(seam_error), 0, &message,
                   [](seam_error* self, std::int32_t, const char* m) {
                     *static_cast<std::string*>(self->host_ctx) = m;
                   }};
  const seam_http_service* table = http.table();
  CHECK(table->perform(table, &request, &handler, &error) == SEAM_E_INVALID_ARGUMENT);
  CHECK(contains(message, "struct_size"));
  request.struct_size = sizeof(request);
  CHECK(table->perform(table, &request, &handler, &error) == SEAM_OK);
}

TEST_CASE("http: TLS verification refuses a certificate the system does not trust") {
  LoopbackServer::Options tls;
  tls.tls = true;
  LoopbackServer server(tls);
  HttpService http;
  const HttpExchange x = perform(http.table(), {"GET", server.url("/echo")});
  CHECK(x.status == SEAM_E_BACKEND);
  CHECK(contains(x.error, "TLS verification failed"));
  CHECK(x.head_calls == 0);
  // Twin: the same server is accepted once its certificate is the CA bundle.
  HttpServiceOptions trusting;
  trusting.ca_bundle = loopback_certificate();
  HttpService verified(trusting);
  const HttpExchange ok = perform(verified.table(), {"GET", server.url("/echo")});
  INFO("error: ", ok.error);
  CHECK(ok.status == SEAM_OK);
  CHECK(ok.http_status == 200);
}

TEST_CASE("http: TLS verification checks the host name, not only the CA") {
  LoopbackServer::Options tls;
  tls.tls = true;
  LoopbackServer server(tls);
  HttpServiceOptions trusting;
  trusting.ca_bundle = loopback_certificate();
  HttpService http(trusting);
  // The certificate names IP 127.0.0.1 only; "localhost" reaches the same server.
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/echo";
  const HttpExchange x = perform(http.table(), {"GET", url});
  CHECK(x.status == SEAM_E_BACKEND);
  CHECK(contains(x.error, "TLS verification failed"));
}

TEST_CASE("http: proxies come from the environment, as libcurl reads them") {
  LoopbackServer proxy;
  HttpService http;
  // The loopback server plays the proxy: it receives the absolute URL of a host that does not
  // exist, so nothing is resolved or reached beyond loopback.
  setenv("http_proxy", proxy.url().c_str(), 1);
  const HttpExchange via_proxy =
      perform(http.table(), {"GET", "http://seam-proxy-test.invalid/echo"});
  // Twin: an address in no_proxy goes direct even with the proxy set.
  const HttpExchange direct = perform(http.table(), {"GET", proxy.url("/echo")});
  unsetenv("http_proxy");
  INFO("error: ", via_proxy.error);
  REQUIRE(via_proxy.status == SEAM_OK);
  CHECK(body_json(via_proxy)["path"] == "http://seam-proxy-test.invalid/echo");
  REQUIRE(direct.status == SEAM_OK);
  CHECK(body_json(direct)["path"] == "/echo");
}

TEST_CASE("http: with reuse, sequential requests share one connection") {
  LoopbackServer server;
  HttpService http;  // reuse_connections defaults to true
  const int before = connections(http.table(), server);
  for (int i = 0; i < 3; ++i)
    REQUIRE(perform(http.table(), {"GET", server.url("/echo")}).status == SEAM_OK);
  CHECK(connections(http.table(), server) - before == 1 + 1);  // ours, plus the /stats probe
}

TEST_CASE("http: without reuse, every request opens its own connection") {
  LoopbackServer server;
  HttpServiceOptions options;
  options.reuse_connections = false;
  HttpService http(options);
  const int before = connections(http.table(), server);
  for (int i = 0; i < 3; ++i)
    REQUIRE(perform(http.table(), {"GET", server.url("/echo")}).status == SEAM_OK);
  CHECK(connections(http.table(), server) - before == 3 + 1);
}

TEST_CASE("http: requests from several threads at once all complete") {
  LoopbackServer server;
  HttpService http;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (perform(http.table(), {"GET", server.url("/chunks?n=2")}).body == "chunk-0;chunk-1;")
          ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(ok == 20);
}
