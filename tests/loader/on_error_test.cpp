// The on_error policy: fail throws the first problem's typed error, skip serves what is left.
#include <doctest/doctest.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

namespace {

// good.so plus two different failures; by file name api-too-new.so comes before register-fails.so,
// so the first problem has a different class from the second.
std::filesystem::path mixed_folder(const TempDir& dir) {
  copy_fixture("good", dir.path());
  copy_fixture("api-too-new", dir.path());
  copy_fixture("register-fails", dir.path());
  return dir.path();
}

LoaderOptions with_policy(const std::filesystem::path& dir, OnError policy) {
  LoaderOptions options = options_for_dir(dir);
  options.on_error = policy;
  return options;
}

}  // namespace

TEST_CASE("on_error: fail makes registry throw the first problem's typed error") {
  TempDir dir;
  Loader loader(with_policy(mixed_folder(dir), OnError::fail));

  const auto problems = problems_of(loader);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].kind == "PluginApiVersionMismatchError");
  CHECK(problems[1].kind == "BrokenPluginError");

  const auto thrown = registry_error(loader);
  REQUIRE(thrown.has_value());
  CHECK(holds<PluginApiVersionMismatchError>(thrown->error));
  CHECK(contains(thrown->message, "api-too-new.so"));
}

TEST_CASE(
    "on_error: skip returns a registry that serves the good plugin without the rejected ones") {
  TempDir dir;
  Loader loader(with_policy(mixed_folder(dir), OnError::skip));

  CHECK(loader.problems().size() == 2);
  CHECK(state_of(loader, "api-too-new.so") == "incompatible");
  CHECK(state_of(loader, "register-fails.so") == "broken");
  CHECK(state_of(loader, "good.so") == "registered");

  REQUIRE_FALSE(registry_error(loader).has_value());
  const Registry& registry = loader.registry();
  CHECK(registry.find("llm", "api-too-new") == nullptr);
  CHECK(registry.find("llm", "register-fails") == nullptr);
  Worker worker = registry.lookup("llm", "good").make_worker({});
  CHECK(delta_text(invoke_all(worker, llm_request("hi")).events) == "good");
}

// Twin of the fail case: with nothing wrong, the strict policy hands out the registry.
TEST_CASE("on_error: fail returns the registry when no plugin has a problem") {
  TempDir dir;
  copy_fixture("good", dir.path());
  Loader loader(with_policy(dir.path(), OnError::fail));

  CHECK(loader.ok());
  REQUIRE_FALSE(registry_error(loader).has_value());
  CHECK(loader.registry().lookup("llm", "good").plugin_name() == "good");
}
