// The host's client cache (seam_host.get_or_create), driven through a real plugin: one client per
// key even under concurrent first calls, failures that poison nothing, and destruction in reverse
// creation order at teardown.
#include <doctest/doctest.h>

#include <seam/loader/loader.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Fixture {
  seam::Loader loader;
  std::filesystem::path log;

  Fixture() : loader(options()), log(log_path()) { std::filesystem::remove(log); }

  static seam::LoaderOptions options() {
    seam::LoaderOptions o;
    o.search_paths = {SEAM_DEPS_PRESENT_DIR};
    return o;
  }
  static std::filesystem::path log_path() {
    return std::filesystem::temp_directory_path() /
           ("seam-client-cache-" + std::to_string(::getpid()) + ".log");
  }
  seam::WorkerSpec spec(const std::string& key) const {
    return {"b", R"({"model_id":")" + key + R"("})", R"({"log":")" + log.string() + R"("})"};
  }
  // The worker's report: how many clients the plugin built so far.
  int builds_seen_by(const std::string& key) const {
    seam::Worker w = loader.registry().lookup("llm", "needs-sqlite").make_worker(spec(key));
    int builds = -1;
    w.invoke("{}", [&](std::string_view e) {
      std::sscanf(std::string(e).c_str(), "{\"builds\":%d", &builds);
      return true;
    });
    return builds;
  }
};

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("concurrent first calls for one key build one client") {
  Fixture f;
  const int before = f.builds_seen_by("warmup");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      try {
        f.loader.registry().lookup("llm", "needs-sqlite").make_worker(f.spec("shared"));
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  // warmup's client plus exactly one for "shared".
  CHECK(f.builds_seen_by("shared") == before + 1);
}

TEST_CASE("distinct keys build distinct clients") {
  Fixture f;
  const int before = f.builds_seen_by("k0");
  CHECK(f.builds_seen_by("k1") == before + 1);
  CHECK(f.builds_seen_by("k2") == before + 2);
  CHECK(f.builds_seen_by("k1") == before + 2);
}

TEST_CASE("a failing build caches nothing and does not poison other keys") {
  Fixture f;
  const auto& backend = f.loader.registry().lookup("llm", "needs-sqlite");
  const int before = f.builds_seen_by("good");
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      backend.make_worker(f.spec("refuse"));
      FAIL("the refused build should fail make_worker");
    } catch (const seam::WorkerError& e) {
      CHECK(e.status() == SEAM_E_BACKEND);
      CHECK(std::string(e.what()).find("cannot be built") != std::string::npos);
    }
  }
  CHECK(f.builds_seen_by("good") == before);
  CHECK(f.builds_seen_by("other") == before + 1);
}

TEST_CASE("clients are destroyed at loader teardown in reverse creation order") {
  std::filesystem::path log;
  {
    Fixture f;
    log = f.log;
    f.builds_seen_by("first");
    f.builds_seen_by("second");
    f.builds_seen_by("third");
    CHECK(read_lines(log).empty());  // nothing destroyed while the loader lives
  }
  CHECK(read_lines(log) == std::vector<std::string>{"third", "second", "first"});
  std::filesystem::remove(log);
}
