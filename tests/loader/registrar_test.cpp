// The registrar: each refused call makes the whole plugin broken, even when the plugin ignores the
// status it got, and a call after register returned is refused without effect.
#include <doctest/doctest.h>

#include <string>

#include "../support/fixture_report.hpp"
#include "../support/rejection.hpp"
#include "../support/single_plugin.hpp"

using namespace seam;
using namespace seam::test;

namespace {

// Every registrar fixture first registers a valid backend (llm, STEM), then makes one faulty call
// whose status it ignores. METHOD and DETAIL are what the message must say was wrong.
void check_refused_registration(const std::string& stem, const std::string& method,
                                const std::string& detail, std::int32_t expected_status) {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  const std::string file_name = copy_fixture(stem, plugins).filename().string();
  FixtureReport statuses(dir, "SEAM_FIXTURE_STATUS");

  Loader strict(options_for_dir(plugins));
  check_rejected<BrokenPluginError>(
      strict, file_name,
      {PluginState::broken, {stem, file_name, method, detail}, {method, detail}});
  // One line per run of register; the loader may run it more than once.
  const std::vector<std::string> answers = statuses.lines();
  CHECK_FALSE(answers.empty());
  for (const std::string& answer : answers) {
    CHECK(answer == "status " + std::to_string(expected_status));
  }

  // Atomic rejection: the valid contribution made before the fault is not served either.
  LoaderOptions lenient_options = options_for_dir(plugins);
  lenient_options.on_error = OnError::skip;
  Loader lenient(std::move(lenient_options));
  CHECK(lenient.registry().find("llm", stem) == nullptr);
}

}  // namespace

TEST_CASE("registrar: a NULL backend definition is refused and the plugin is broken") {
  check_refused_registration("registrar-null-def", "add_inference_backend", "NULL",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: a NULL family is refused and the plugin is broken") {
  check_refused_registration("registrar-null-family", "add_inference_backend", "family",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: an invalid family is refused and the message quotes it") {
  check_refused_registration("registrar-bad-family", "add_inference_backend",
                             "family 'Bad!' is not a valid identifier", SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: an empty sdk is refused and the plugin is broken") {
  check_refused_registration("registrar-empty-sdk", "add_inference_backend", "sdk",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: a NULL make_worker is refused and the plugin is broken") {
  check_refused_registration("registrar-null-make-worker", "add_inference_backend", "make_worker",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: a backend definition with a too small struct_size is refused") {
  check_refused_registration("registrar-small-def", "add_inference_backend", "struct_size",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: dependency_count above zero with NULL dependencies is refused") {
  check_refused_registration("registrar-null-dependencies", "add_inference_backend", "dependencies",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: a model lister without list_models is refused") {
  check_refused_registration("registrar-null-list-models", "add_model_lister", "list_models",
                             SEAM_E_INVALID_ARGUMENT);
}

TEST_CASE("registrar: the same backend key twice in one plugin is refused as a duplicate") {
  check_refused_registration("registrar-same-key-twice", "add_inference_backend",
                             "registrar-same-key-twice", SEAM_E_DUPLICATE);
}

// Twin of every refused registration: the good fixture runs the same registration code with
// nothing wrong, and everything it registered is served.
TEST_CASE("registrar: well-formed backend and lister definitions are accepted") {
  TempDir dir;
  const std::filesystem::path plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  FixtureReport statuses(dir, "SEAM_FIXTURE_STATUS");
  Loader loader(options_for_dir(plugins));

  CHECK(state_of(loader, "good.so") == "registered");
  CHECK(loader.ok());
  CHECK(statuses.lines().empty());  // good makes no faulty call
  CHECK(loader.registry().find("llm", "good") != nullptr);
  CHECK(loader.registry().find_lister("good") != nullptr);
}

TEST_CASE(
    "registrar: a call after register returned gets SEAM_E_INVALID_STATE and changes nothing") {
  SinglePlugin plugin("late-registrar");
  const Registry& registry = plugin.loader.registry();

  // The fixture's make_worker calls the registrar it stashed during register.
  Worker worker = registry.lookup("llm", "late").make_worker({});
  InvokeResult result = invoke_all(worker, llm_request("hi"));
  const nlohmann::json late = first_event(result.events, "late_status");
  REQUIRE(late.is_object());
  CHECK_MESSAGE(late["status"].get<int>() == SEAM_E_INVALID_STATE, "the late call got ",
                status_name(late["status"].get<int>()));

  CHECK(registry.find("llm", "late-extra") == nullptr);
  const PluginRow* row = row_for_file(plugin.loader, "late-registrar.so");
  REQUIRE(row != nullptr);
  CHECK(row->state == PluginState::registered);
  CHECK(labels(*row) == std::vector<std::string>{"llm:late"});
}

// Twin: the same plugin's calls made while register runs are accepted.
TEST_CASE("registrar: calls made while register runs are accepted for the same plugin") {
  SinglePlugin plugin("late-registrar");
  CHECK(state_of(plugin.loader, "late-registrar.so") == "registered");
  CHECK(plugin.loader.ok());
  CHECK(plugin.loader.registry().lookup("llm", "late").plugin_name() == "late-registrar");
}
