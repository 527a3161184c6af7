// Fail at use, not at boot: a backend whose declared library is missing boots, is listed, leaves
// its siblings working, and raises MissingDependencyError (library, backend, hint) on first use.
#include <doctest/doctest.h>

#include <seam/loader/dependencies.hpp>
#include <seam/loader/loader.hpp>

#include <string>

namespace {

seam::Loader load(const char* dir) {
  seam::LoaderOptions options;
  options.search_paths = {dir};
  return seam::Loader(options);
}

std::string first_event(seam::Worker& worker) {
  std::string event;
  worker.invoke("{}", [&](std::string_view e) {
    event = std::string(e);
    return true;
  });
  return event;
}

}  // namespace

TEST_CASE("a backend with a missing declared library still boots and is registered") {
  seam::Loader loader = load(SEAM_DEPS_ABSENT_DIR);
  REQUIRE(loader.ok());
  REQUIRE(loader.report().size() == 1);
  const seam::PluginRow& row = loader.report()[0];
  CHECK(row.state == seam::PluginState::registered);
  REQUIRE(row.contributions.size() == 2);
  REQUIRE(row.contributions[0].dependencies.size() == 1);
  CHECK(row.contributions[0].dependencies[0].name == "seam-absent");
  CHECK(row.contributions[0].dependencies[0].install_hint == "apt-get install libseam-absent7");
}

TEST_CASE("first make_worker of that backend raises MissingDependencyError with the hint") {
  seam::Loader loader = load(SEAM_DEPS_ABSENT_DIR);
  const seam::Backend& backend = loader.registry().lookup("llm", "needs-absent");
  try {
    backend.make_worker({"b", "{}", "{}"});
    FAIL("make_worker should have thrown");
  } catch (const seam::MissingDependencyError& e) {
    const std::string message = e.what();
    CHECK(std::string(e.kind()) == "MissingDependencyError");
    CHECK(message.find("seam-absent") != std::string::npos);
    CHECK(message.find("llm:needs-absent") != std::string::npos);
    CHECK(message.find("needs-absent.so") != std::string::npos);
    CHECK(message.find("apt-get install libseam-absent7") != std::string::npos);
  }
}

TEST_CASE("a sibling backend without dependencies in the same plugin works") {
  seam::Loader loader = load(SEAM_DEPS_ABSENT_DIR);
  seam::Worker worker = loader.registry().lookup("llm", "no-deps").make_worker({"b", "{}", "{}"});
  CHECK(first_event(worker).find("\"builds\"") != std::string::npos);
}

TEST_CASE("a backend whose declared library is installed makes a worker that uses it") {
  seam::Loader loader = load(SEAM_DEPS_PRESENT_DIR);
  seam::Worker worker =
      loader.registry().lookup("llm", "needs-sqlite").make_worker({"b", "{}", "{}"});
  // The worker called sqlite3_libversion through host->require and host->symbol.
  CHECK(first_event(worker).find("\"version\":\"3.") != std::string::npos);
}

TEST_CASE("probe_dependency reports a missing library with the loader's reason") {
  seam::DependencyInfo absent{"seam-absent", {"libseam-absent-fixture.so.7"}, "hint"};
  seam::DependencyProbe probe = seam::probe_dependency(absent);
  CHECK_FALSE(probe.found);
  CHECK(probe.why.find("libseam-absent-fixture.so.7") != std::string::npos);
}

TEST_CASE("probe_dependency finds an installed library by its first loadable candidate") {
  seam::DependencyInfo sqlite{"sqlite3", {"libseam-absent-fixture.so.7", "libsqlite3.so.0"}, ""};
  seam::DependencyProbe probe = seam::probe_dependency(sqlite);
  CHECK(probe.found);
  CHECK(probe.candidate == "libsqlite3.so.0");
}
