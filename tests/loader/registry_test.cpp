// Registry reads: lookup, find, listers, and the message a user sees on a miss.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/loader_checks.hpp"
#include "../support/single_plugin.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE(
    "registry: a lookup miss throws InferenceBackendNotFoundError with the standard message") {
  SinglePlugin plugin("good");
  const Registry& registry = plugin.loader.registry();

  CHECK_THROWS_AS((void)registry.lookup("llm", "x"), InferenceBackendNotFoundError);
  try {
    (void)registry.lookup("llm", "x");
  } catch (const Error& error) {
    CHECK(std::string(error.kind()) == "InferenceBackendNotFoundError");
    CHECK(std::string(error.what()) ==
          "No inference backend registered for sdk 'x' in the llm family. Is its plugin installed "
          "and enabled?");
  }
  // The family is part of the key: the right sdk in another family is a miss too.
  CHECK_THROWS_AS((void)registry.lookup("img_gen", "good"), InferenceBackendNotFoundError);
  CHECK(registry.find("img_gen", "good") == nullptr);
}

// Twin: the same registry answers the key the plugin registered.
TEST_CASE("registry: a lookup hit returns the backend with its family sdk and plugin") {
  SinglePlugin plugin("good");
  const Backend& backend = plugin.loader.registry().lookup("llm", "good");
  CHECK(backend.family() == "llm");
  CHECK(backend.sdk() == "good");
  CHECK(backend.plugin_name() == "good");
  CHECK(plugin.loader.registry().find("llm", "good") == &backend);
}

TEST_CASE("registry: backends are sorted by family and sdk") {
  TempDir dir;
  copy_fixture("worker-fails", dir.path());
  copy_fixture("good", dir.path());
  Loader loader(options_for_dir(dir.path()));

  std::vector<std::string> keys;
  for (const Backend& backend : loader.registry().backends()) {
    keys.push_back(backend.family() + ":" + backend.sdk());
  }
  CHECK(keys == std::vector<std::string>{"llm:good", "llm:worker-fails", "llm:worker-missing-dep"});
}

TEST_CASE("registry: a lister streams the plugin's models") {
  SinglePlugin plugin("good");
  const ModelLister* lister = plugin.loader.registry().find_lister("good");
  REQUIRE(lister != nullptr);
  CHECK(lister->sdk() == "good");

  std::vector<ModelInfo> models;
  lister->list({}, [&](const ModelInfo& model) {
    models.push_back(model);
    return true;
  });
  REQUIRE(models.size() == 1);
  CHECK(models[0].id == "good-model");
  CHECK(models[0].family == "llm");
  CHECK(models[0].display_name == "Fixture model of good");
  CHECK(nlohmann::json::parse(models[0].extra_json) == nlohmann::json::object());
}

// Twin: an sdk nobody lists for has no lister.
TEST_CASE("registry: find_lister misses an sdk without a lister") {
  SinglePlugin plugin("worker-fails");
  CHECK(plugin.loader.registry().find("llm", "worker-fails") != nullptr);
  CHECK(plugin.loader.registry().find_lister("worker-fails") == nullptr);
}
