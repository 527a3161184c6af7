// Lazy activation: a plugin's code is loaded on first use, once, even under concurrent first use,
// and must register what its record says.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "isolation_support.hpp"

using isolation::copy_hostile;
using isolation::read_lines;
using isolation::row_for;
using isolation::scanner_options;
using isolation::ScopedEnv;
using isolation::TempDir;

TEST_CASE("concurrent first use loads and registers a plugin once") {
  TempDir dir;
  copy_hostile("calm", dir.path());
  seam::Loader loader(scanner_options(dir.path()));
  const seam::Backend& backend = loader.registry().lookup("llm", "calm");

  std::vector<std::thread> threads;
  std::vector<std::string> events(8);
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      try {
        seam::Worker w = backend.make_worker({"b", "{}", "{}"});
        w.invoke("{}", [&](std::string_view e) {
          events[i] = std::string(e);
          return true;
        });
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  // The scan ran register in the scanner process; this process ran it exactly once.
  for (const auto& e : events) CHECK(e == R"({"register_runs":1})");
}

TEST_CASE("a plugin file that changed since its scan is a BrokenPluginError at first use") {
  TempDir dir;
  auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  auto changed = copy_hostile("changed", dir.path());
  auto cache = dir.path() / "registry.cache";
  seam::Loader loader(scanner_options(dir.path(), cache));
  const seam::Backend& backend = loader.registry().lookup("llm", "changed-a");

  ScopedEnv variant("SEAM_TEST_VARIANT", "b");  // what register now does differs from the record
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      backend.make_worker({"b", "{}", "{}"});
      FAIL("make_worker should refuse a plugin that changed");
    } catch (const seam::BrokenPluginError& e) {
      const std::string message = e.what();
      CHECK(std::string(e.kind()) == "BrokenPluginError");
      CHECK(message.find("changed since it was scanned") != std::string::npos);
      CHECK(message.find(changed.string()) != std::string::npos);
      CHECK(message.find("llm:changed-b") != std::string::npos);
    }
  }
  // The stale record was dropped: the next start scans the file again.
  const auto before = read_lines(log).size();
  seam::Loader next(scanner_options(dir.path(), cache));
  CHECK(read_lines(log).size() == before + 1);
  CHECK(next.registry().find("llm", "changed-b") != nullptr);
}

TEST_CASE("a plugin file unchanged since its scan activates fine") {
  TempDir dir;
  copy_hostile("changed", dir.path());
  seam::Loader loader(scanner_options(dir.path()));
  seam::Worker worker = loader.registry().lookup("llm", "changed-a").make_worker({"b", "{}", "{}"});
  CHECK(worker.invoke("{}", [](std::string_view) { return true; }) ==
        seam::InvokeOutcome::completed);
}
