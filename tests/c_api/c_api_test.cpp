// The loader's C API (seam/seam_loader.h) through libseam-loader, as a C host meets it: the report
// matches the C++ loader's row for row, lookups and workers fail with the C++ error kinds as kind
// strings, cancellation works from the sink and from another thread, caller structs are written
// only up to their struct_size. Each failure has its positive twin.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <echo.h>
#include <seam/seam_loader.h>
#include <seam/loader/loader.hpp>

#include "../http/loopback_server.hpp"
#include "../support/fixtures.hpp"
#include "../support/temp_dir.hpp"

using namespace seam::test;

namespace {

// A loader over FOLDER (and BUILTINS), destroyed with the test; problems fail lookups unless SKIP.
struct CLoader {
  explicit CLoader(const std::filesystem::path& folder, bool skip = false,
                   std::vector<seam_loader_builtin> builtins = {},
                   std::vector<const char*> disabled = {}) {
    const std::string dir = folder.string();
    const char* paths[] = {dir.c_str(), nullptr};
    disabled.push_back(nullptr);
    seam_loader_options options{};
    options.struct_size = sizeof options;
    options.on_error = skip ? SEAM_LOADER_ON_ERROR_SKIP : SEAM_LOADER_ON_ERROR_FAIL;
    options.search_paths = paths;
    options.disabled = disabled.data();
    options.builtins = builtins.data();
    options.builtin_count = static_cast<uint32_t>(builtins.size());
    REQUIRE(seam_loader_create(&options, &loader, error) == SEAM_OK);
  }
  ~CLoader() {
    seam_loader_destroy(loader);
    seam_loader_error_destroy(error);
  }
  std::string kind() const { return seam_loader_error_kind(error); }
  std::string message() const { return seam_loader_error_message(error); }

  seam_loader_error* error = seam_loader_error_create();
  seam_loader* loader = nullptr;
};

seam_loader_plugin_row row_of(const seam_loader* loader, uint32_t index) {
  seam_loader_plugin_row row{};
  row.struct_size = sizeof row;
  REQUIRE(seam_loader_report_row(loader, index, &row) == SEAM_OK);
  return row;
}

struct Events {
  std::vector<std::string> all;
  std::size_t stop_after = 0;  // 0: never stop
};

int32_t SEAM_CALL collect(void* ctx, const char* json, size_t len) {
  auto* events = static_cast<Events*>(ctx);
  CHECK(std::strlen(json) == len);
  events->all.emplace_back(json, len);
  return events->stop_after != 0 && events->all.size() >= events->stop_after ? 1 : 0;
}

const char* kRequest = R"({"messages":[{"role":"user","content":"one two three"}]})";

seam_loader_worker* make_worker(CLoader& c, const char* sdk) {
  const seam_loader_backend* backend = nullptr;
  REQUIRE_MESSAGE(seam_loader_find_backend(c.loader, "llm", sdk, &backend, c.error) == SEAM_OK,
                  c.message());
  seam_loader_worker_spec spec{};
  spec.struct_size = sizeof spec;
  spec.backend_name = sdk;
  seam_loader_worker* worker = nullptr;
  REQUIRE_MESSAGE(seam_loader_backend_make_worker(backend, &spec, &worker, c.error) == SEAM_OK,
                  c.message());
  return worker;
}

}  // namespace

TEST_CASE("c api: the report of a good folder has every field, and no problems") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  CLoader c(plugins);
  REQUIRE(seam_loader_report_count(c.loader) == 1);
  CHECK(seam_loader_problem_count(c.loader) == 0);
  const seam_loader_plugin_row row = row_of(c.loader, 0);
  CHECK(std::string(row.name) == "good");
  CHECK(std::string(row.version) == "1.0.0");
  CHECK(std::string(row.vendor) == "seam-tests");
  CHECK(std::string(row.origin) == (plugins / "good.so").string());
  CHECK(row.state == SEAM_LOADER_STATE_REGISTERED);
  CHECK(std::string(row.state_name) == "registered");
  CHECK(std::string(row.reason).empty());
  CHECK(row.api_version == SEAM_API_VERSION);
  CHECK(row.builtin == 0);
  REQUIRE(row.contribution_count == 2);
  seam_loader_contribution con{};
  con.struct_size = sizeof con;
  REQUIRE(seam_loader_report_contribution(c.loader, 0, 0, &con) == SEAM_OK);
  CHECK(con.kind == SEAM_LOADER_CONTRIBUTION_BACKEND);
  CHECK(std::string(con.label) == "llm:good");
  REQUIRE(seam_loader_report_contribution(c.loader, 0, 1, &con) == SEAM_OK);
  CHECK(con.kind == SEAM_LOADER_CONTRIBUTION_LISTER);
  CHECK(std::string(con.label) == "lister:good");
  // Past the end is refused, not read.
  CHECK(seam_loader_report_contribution(c.loader, 0, 2, &con) == SEAM_E_INVALID_ARGUMENT);
  seam_loader_plugin_row past{};
  past.struct_size = sizeof past;
  CHECK(seam_loader_report_row(c.loader, 1, &past) == SEAM_E_INVALID_ARGUMENT);
  CHECK(past.name == nullptr);
}

// Negative twin: broken and duplicate plugins beside good.so are rows with the same states and
// kinds as the C++ loader gives them, and problems with their messages.
TEST_CASE("c api: broken and duplicate plugins are rows and problems exactly as in C++") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("register-fails", plugins);
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), plugins);
  CLoader c(plugins, true);
  seam::LoaderOptions options;
  options.search_paths = {plugins};
  options.on_error = seam::OnError::skip;
  seam::Loader cpp(options);

  REQUIRE(seam_loader_report_count(c.loader) == cpp.report().size());
  for (uint32_t i = 0; i < cpp.report().size(); ++i) {
    const seam_loader_plugin_row row = row_of(c.loader, i);
    const seam::PluginRow& expected = cpp.report()[i];
    INFO("row ", i, ": ", expected.name);
    CHECK(std::string(row.name) == expected.name);
    CHECK(std::string(row.state_name) == seam::to_string(expected.state));
    CHECK(std::string(row.error_kind) == expected.error_kind);
    CHECK(std::string(row.reason) == expected.reason);
  }
  std::vector<std::string> kinds;
  for (uint32_t i = 0; i < seam_loader_problem_count(c.loader); ++i) {
    seam_loader_problem problem{};
    problem.struct_size = sizeof problem;
    REQUIRE(seam_loader_report_problem(c.loader, i, &problem) == SEAM_OK);
    kinds.emplace_back(problem.kind);
    CHECK(std::string(problem.message).find(".so") != std::string::npos);
  }
  std::vector<std::string> expected_kinds;
  for (const auto& problem : cpp.problems()) {
    try {
      std::rethrow_exception(problem);
    } catch (const seam::Error& e) {
      expected_kinds.emplace_back(e.kind());
    }
  }
  CHECK(kinds == expected_kinds);
  std::sort(kinds.begin(), kinds.end());
  CHECK(kinds == std::vector<std::string>{"BrokenPluginError", "DuplicateInferenceBackendError"});
}

TEST_CASE("c api: a row is written only up to the struct_size the caller set") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  CLoader c(plugins);
  struct Old {
    seam_loader_plugin_row row;
    unsigned char guard[64];
  } old;
  std::memset(&old, 0xAB, sizeof old);
  old.row.struct_size = offsetof(seam_loader_plugin_row, version);  // knows state and name only
  REQUIRE(seam_loader_report_row(c.loader, 0, &old.row) == SEAM_OK);
  CHECK(std::string(old.row.name) == "good");
  const auto* bytes = reinterpret_cast<const unsigned char*>(&old.row);
  for (std::size_t i = offsetof(seam_loader_plugin_row, version); i < sizeof old; ++i) {
    REQUIRE(bytes[i] == 0xAB);
  }
}

TEST_CASE("c api: a missing backend is InferenceBackendNotFoundError naming family and sdk") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  CLoader c(plugins);
  const seam_loader_backend* backend = nullptr;
  CHECK(seam_loader_find_backend(c.loader, "llm", "nowhere", &backend, c.error) ==
        SEAM_E_NOT_FOUND);
  CHECK(backend == nullptr);
  CHECK(c.kind() == "InferenceBackendNotFoundError");
  CHECK(c.message().find("nowhere") != std::string::npos);
  CHECK(c.message().find("llm") != std::string::npos);
  // Twin: the one that is there, and the error object is cleared by the success.
  REQUIRE(seam_loader_find_backend(c.loader, "llm", "good", &backend, c.error) == SEAM_OK);
  CHECK(std::string(seam_loader_backend_plugin(backend)) == "good");
  CHECK(std::string(seam_loader_backend_sdk(backend)) == "good");
  CHECK(c.kind().empty());
  CHECK(seam_loader_error_status(c.error) == SEAM_OK);
}

TEST_CASE("c api: under on_error fail a lookup fails with the first problem's kind") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("register-fails", plugins);
  CLoader fail(plugins);
  const seam_loader_backend* backend = nullptr;
  CHECK(seam_loader_find_backend(fail.loader, "llm", "good", &backend, fail.error) ==
        SEAM_LOADER_E_PLUGIN);
  CHECK(fail.kind() == "BrokenPluginError");
  CHECK(fail.message().find("register-fails") != std::string::npos);
  // Twin: the same folder under skip serves good.
  CLoader skip(plugins, true);
  CHECK(seam_loader_find_backend(skip.loader, "llm", "good", &backend, skip.error) == SEAM_OK);
}

TEST_CASE("c api: a declared library that is missing is MissingDependencyError with its hint") {
  CLoader absent(SEAM_DEPS_ABSENT_DIR);
  const seam_loader_backend* backend = nullptr;
  REQUIRE(seam_loader_find_backend(absent.loader, "llm", "needs-absent", &backend, absent.error) ==
          SEAM_OK);
  seam_loader_worker* worker = nullptr;
  CHECK(seam_loader_backend_make_worker(backend, nullptr, &worker, absent.error) ==
        SEAM_E_MISSING_DEPENDENCY);
  CHECK(worker == nullptr);
  CHECK(absent.kind() == "MissingDependencyError");
  CHECK(absent.message().find("needs-absent") != std::string::npos);
  // Twin: the plugin whose library is installed makes its worker.
  CLoader present(SEAM_DEPS_PRESENT_DIR);
  seam_loader_worker_destroy(make_worker(present, "needs-sqlite"));
}

TEST_CASE("c api: echo streams its events, NUL-terminated, ending with done") {
  CLoader c(SEAM_ECHO_PLUGIN_DIR);
  seam_loader_worker* worker = make_worker(c, "echo");
  Events events;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &events, c.error) == SEAM_OK);
  REQUIRE(events.all.size() >= 3);
  CHECK(events.all.front().find("\"delta\"") != std::string::npos);
  CHECK(events.all.back().find("\"done\"") != std::string::npos);
  seam_loader_worker_destroy(worker);
}

TEST_CASE("c api: a sink that returns non-zero cancels, and cancel() cancels the next event") {
  CLoader c(SEAM_ECHO_PLUGIN_DIR);
  seam_loader_worker* worker = make_worker(c, "echo");
  Events first;
  first.stop_after = 1;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &first, c.error) == SEAM_E_CANCELLED);
  CHECK(first.all.size() == 1);
  CHECK(c.kind().empty());  // cancelling is not an error

  seam_loader_worker_cancel(worker);  // no invoke runs: the next one stops at its first event
  Events second;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &second, c.error) == SEAM_E_CANCELLED);
  CHECK(second.all.empty());

  // Twin: the cancel was used up; the worker runs to the end again.
  Events third;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &third, c.error) == SEAM_OK);
  CHECK(third.all.back().find("\"done\"") != std::string::npos);
  seam_loader_worker_destroy(worker);
}

TEST_CASE("c api: a plugin's failing invoke is WorkerError with the plugin's status") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("invoke-fails", plugins);
  copy_fixture("good", plugins);
  CLoader c(plugins);
  seam_loader_worker* worker = make_worker(c, "invoke-fails");
  Events events;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &events, c.error) == SEAM_E_BACKEND);
  CHECK(c.kind() == "WorkerError");
  CHECK(seam_loader_error_status(c.error) == SEAM_E_BACKEND);
  CHECK(c.message().find("invoke-fails") != std::string::npos);
  seam_loader_worker_destroy(worker);
  // Twin: good's worker completes.
  worker = make_worker(c, "good");
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &events, c.error) == SEAM_OK);
  seam_loader_worker_destroy(worker);
}

TEST_CASE("c api: a C host links a plugin in as a builtin, and denying a core one is refused") {
  TempDir dir;
  const auto empty = dir.make_dir("plugins");
  seam_loader_builtin echo{sizeof(seam_loader_builtin), 1, &seam_echo_plugin};
  CLoader c(empty, true, {echo});
  const seam_loader_plugin_row row = row_of(c.loader, 0);
  CHECK(std::string(row.origin) == "builtin");
  CHECK(row.builtin == 1);
  CHECK(row.core_unconditional == 1);
  seam_loader_worker_destroy(make_worker(c, "echo"));

  CLoader denied(empty, true, {echo}, {"echo"});
  const seam_loader_backend* backend = nullptr;
  CHECK(seam_loader_find_backend(denied.loader, "llm", "echo", &backend, denied.error) ==
        SEAM_LOADER_E_PLUGIN);
  CHECK(denied.kind() == "CoreUnconditionalPluginDisabledError");
  CHECK(denied.message().find("echo") != std::string::npos);
}

TEST_CASE("c api: bad options are refused with InvalidArgumentError, good ones accepted") {
  seam_loader_error* error = seam_loader_error_create();
  seam_loader* loader = nullptr;
  seam_loader_options options{};
  options.struct_size = 4;  // not even on_error
  CHECK(seam_loader_create(&options, &loader, error) == SEAM_E_INVALID_ARGUMENT);
  CHECK(std::string(seam_loader_error_kind(error)) == "InvalidArgumentError");
  CHECK(std::string(seam_loader_error_message(error)).find("struct_size") != std::string::npos);

  seam_loader_builtin null_builtin{sizeof(seam_loader_builtin), 0, nullptr};
  options.struct_size = sizeof options;
  options.builtins = &null_builtin;
  options.builtin_count = 1;
  CHECK(seam_loader_create(&options, &loader, error) == SEAM_E_INVALID_ARGUMENT);
  CHECK(std::string(seam_loader_error_message(error)).find("builtins[0]") != std::string::npos);
  CHECK(loader == nullptr);

  options.builtin_count = 0;
  options.on_error = 7;
  CHECK(seam_loader_create(&options, &loader, error) == SEAM_E_INVALID_ARGUMENT);
  CHECK(std::string(seam_loader_error_message(error)).find("on_error") != std::string::npos);

  // Twin: the zeroed options (and NULL options) are the defaults; NULL error objects are allowed.
  options.on_error = SEAM_LOADER_ON_ERROR_FAIL;
  options.default_folders = SEAM_LOADER_NO;
  REQUIRE(seam_loader_create(&options, &loader, nullptr) == SEAM_OK);
  CHECK(seam_loader_report_count(loader) == 0);
  seam_loader_destroy(loader);
  REQUIRE(seam_loader_create(nullptr, &loader, error) == SEAM_OK);
  seam_loader_destroy(loader);
  seam_loader_error_destroy(error);
}

namespace {
int32_t SEAM_CALL collect_model(void* ctx, const seam_loader_model* model) {
  static_cast<std::vector<std::string>*>(ctx)->push_back(model->id);
  return 0;
}
void SEAM_CALL count_usage(void* ctx, const char* plugin, const char* usage) {
  CHECK(std::string(plugin) == "echo");
  CHECK(std::string(usage).find("output_tokens") != std::string::npos);
  ++*static_cast<int*>(ctx);
}
}  // namespace

TEST_CASE("c api: a lister streams its models, and an sdk without one is unsupported") {
  CLoader c(SEAM_ECHO_PLUGIN_DIR);
  const seam_loader_lister* lister = nullptr;
  CHECK(seam_loader_find_lister(c.loader, "nowhere", &lister, c.error) == SEAM_E_UNSUPPORTED);
  CHECK(c.kind() == "ModelListingUnsupportedError");
  CHECK(c.message().find("nowhere") != std::string::npos);
  REQUIRE(seam_loader_find_lister(c.loader, "echo", &lister, c.error) == SEAM_OK);
  std::vector<std::string> ids;
  CHECK(seam_loader_lister_list(lister, nullptr, collect_model, &ids, c.error) == SEAM_OK);
  CHECK_FALSE(ids.empty());
}

TEST_CASE("c api: usage reported by a plugin reaches the host's usage callback") {
  int calls = 0;
  const std::string dir = SEAM_ECHO_PLUGIN_DIR;
  const char* paths[] = {dir.c_str(), nullptr};
  seam_loader_options options{};
  options.struct_size = sizeof options;
  options.search_paths = paths;
  options.usage = count_usage;
  options.usage_ctx = &calls;
  seam_loader* loader = nullptr;
  REQUIRE(seam_loader_create(&options, &loader, nullptr) == SEAM_OK);
  const seam_loader_backend* backend = nullptr;
  REQUIRE(seam_loader_find_backend(loader, "llm", "echo", &backend, nullptr) == SEAM_OK);
  seam_loader_worker* worker = nullptr;
  REQUIRE(seam_loader_backend_make_worker(backend, nullptr, &worker, nullptr) == SEAM_OK);
  Events events;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &events, nullptr) == SEAM_OK);
  CHECK(calls == 1);
  seam_loader_worker_destroy(worker);
  seam_loader_destroy(loader);
}

TEST_CASE("c api: the HTTP service starts, and a capture file it cannot open is an error") {
  seam_loader_error* error = seam_loader_error_create();
  seam_loader_http* http = nullptr;
  seam_loader_http_options options{};
  options.struct_size = sizeof options;
  options.capture_file = "/nonexistent-folder/capture.jsonl";
  CHECK(seam_loader_http_create(&options, &http, error) == SEAM_E_INTERNAL);
  CHECK(http == nullptr);
  CHECK(std::string(seam_loader_error_kind(error)) == "HttpServiceError");
  CHECK(std::string(seam_loader_error_message(error)).find("/nonexistent-folder/capture.jsonl") !=
        std::string::npos);
  // Twin: the defaults start, with a table to offer as seam.http/1.
  REQUIRE(seam_loader_http_create(nullptr, &http, error) == SEAM_OK);
  CHECK(seam_loader_http_table(http) != nullptr);
  seam_loader_http_cancel_all(http, 1);
  seam_loader_http_cancel_all(http, 0);
  seam_loader_http_destroy(http);
  seam_loader_error_destroy(error);
}

namespace {
void SEAM_CALL collect_log(void* ctx, int32_t level, const char* message) {
  if (level >= SEAM_LOG_WARN) static_cast<std::vector<std::string>*>(ctx)->emplace_back(message);
}
}  // namespace

TEST_CASE("c api: the loader's log goes to the host's callback, and back to stderr") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("register-fails", plugins);
  std::vector<std::string> lines;
  seam_loader_set_log(collect_log, &lines, SEAM_LOG_WARN);
  {
    CLoader c(plugins, true);
    const seam_loader_backend* backend = nullptr;
    // Under skip, the first lookup logs each problem once as a warning.
    CHECK(seam_loader_find_backend(c.loader, "llm", "good", &backend, c.error) == SEAM_OK);
  }
  seam_loader_set_log(nullptr, nullptr, SEAM_LOG_WARN);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("register-fails") != std::string::npos);
  // Twin: with the callback gone, nothing more reaches it.
  CLoader again(plugins, true);
  const seam_loader_backend* backend = nullptr;
  CHECK(seam_loader_find_backend(again.loader, "llm", "good", &backend, again.error) == SEAM_OK);
  CHECK(lines.size() == 1);
}

TEST_CASE("c api: versions and names") {
  CHECK(seam_loader_c_api_version() == SEAM_LOADER_C_API_VERSION);
  uint32_t min = 0, max = 0;
  seam_loader_plugin_api_range(&min, &max);
  CHECK(min == SEAM_API_VERSION_MIN);
  CHECK(max == SEAM_API_VERSION);
  CHECK(std::string(seam_loader_status_name(SEAM_E_BACKEND)) == "SEAM_E_BACKEND");
  CHECK(std::string(seam_loader_status_name(SEAM_LOADER_E_PLUGIN)) == "SEAM_LOADER_E_PLUGIN");
  CHECK(std::string(seam_loader_status_name(999)) == "unknown status");
  CHECK(std::string(seam_loader_state_name(SEAM_LOADER_STATE_DUPLICATE)) == "duplicate");
  CHECK(std::string(seam_loader_state_name(SEAM_LOADER_STATE_SHADOWED)) == "shadowed");
  CHECK(std::string(seam_loader_state_name(SEAM_LOADER_STATE_FILTERED)) == "filtered");
  CHECK(std::string(seam_loader_state_name(99)) == "unknown");
}

namespace {

// The openai plugin over the C API's HTTP service, against the loopback server.
struct OpenAi {
  OpenAi() {
    REQUIRE(seam_loader_http_create(nullptr, &http, error) == SEAM_OK);
    seam_loader_service service{sizeof(seam_loader_service), 0, SEAM_LOADER_HTTP_SERVICE_ID,
                                seam_loader_http_table(http)};
    const char* paths[] = {SEAM_OPENAI_PLUGIN_DIR, nullptr};
    seam_loader_options options{};
    options.struct_size = sizeof options;
    options.search_paths = paths;
    options.services = &service;
    options.service_count = 1;
    REQUIRE(seam_loader_create(&options, &loader, error) == SEAM_OK);
  }
  ~OpenAi() {
    seam_loader_destroy(loader);
    seam_loader_http_destroy(http);
    seam_loader_error_destroy(error);
  }
  seam_loader_worker* worker(const std::string& model_id) {
    const seam_loader_backend* backend = nullptr;
    REQUIRE(seam_loader_find_backend(loader, "llm", "openai", &backend, error) == SEAM_OK);
    const std::string model =
        R"({"name":")" + model_id + R"(","model_id":")" + model_id + R"(","options":{}})";
    const std::string config = R"({"sdk":"openai","base_url":")" + server.url("/v1") + R"("})";
    seam_loader_worker_spec spec{sizeof(seam_loader_worker_spec), 0, "local", model.c_str(),
                                 config.c_str()};
    seam_loader_worker* out = nullptr;
    REQUIRE_MESSAGE(seam_loader_backend_make_worker(backend, &spec, &out, error) == SEAM_OK,
                    seam_loader_error_message(error));
    return out;
  }

  LoopbackServer server;
  seam_loader_error* error = seam_loader_error_create();
  seam_loader_http* http = nullptr;
  seam_loader* loader = nullptr;
};

struct Counted {
  std::atomic<int> events{0};
};

int32_t SEAM_CALL count_event(void* ctx, const char*, size_t) {
  ++static_cast<Counted*>(ctx)->events;
  return 0;
}

}  // namespace

TEST_CASE("c api: cancel from another thread stops a stream that would run on") {
  OpenAi openai;
  seam_loader_worker* worker = openai.worker("forever");  // a token every 50 ms for 20 s
  Counted counted;
  int32_t status = -1;
  seam_loader_error* error = seam_loader_error_create();
  std::thread invoking(
      [&] { status = seam_loader_worker_invoke(worker, kRequest, count_event, &counted, error); });
  while (counted.events.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  seam_loader_worker_cancel(worker);
  invoking.join();
  CHECK(status == SEAM_E_CANCELLED);
  CHECK(std::string(seam_loader_error_kind(error)).empty());
  CHECK(counted.events.load() < 10);
  seam_loader_error_destroy(error);
  seam_loader_worker_destroy(worker);
}

// Twin: the same plugin and service complete a request that ends by itself.
TEST_CASE("c api: the openai plugin streams through the C API's HTTP service") {
  OpenAi openai;
  seam_loader_worker* worker = openai.worker("basic");
  Events events;
  CHECK(seam_loader_worker_invoke(worker, kRequest, collect, &events, openai.error) == SEAM_OK);
  REQUIRE_FALSE(events.all.empty());
  CHECK(events.all.front() == R"({"type":"delta","text":"Hello"})");
  CHECK(events.all.back().find("\"done\"") != std::string::npos);
  seam_loader_worker_destroy(worker);
}
