// Parallel isolated scanning (issue 15): several scanner processes scan at once, each file handed
// to whichever is free, and the report is what one scanner gives: the same rows in discovery
// order, each file's verdict its own. A crash, hang, fork or stolen request in one scanner touches
// no other scanner's files, and a scanner stopped from outside stores nothing for its file.
#include <doctest/doctest.h>

#include <sched.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <thread>

#include "../support/sanitizers.hpp"
#include "isolation_support.hpp"

using isolation::check_same_rows;
using isolation::copy_hostile;
using isolation::none_left;
using isolation::ProcessMark;
using isolation::processes_mapping;
using isolation::read_lines;
using isolation::row_for;
using isolation::scanner_pids;
using isolation::ScopedEnv;
using isolation::TempDir;

namespace {

// COUNT calm plugins, calm-01.so ..., each its own plugin named after its file.
void copy_calm(const std::filesystem::path& dir, int count) {
  for (int i = 1; i <= count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "calm-%02d.so", i);
    std::filesystem::copy_file(
        std::filesystem::path(SEAM_HOSTILE_DIR) / "calm-named" / "calm-named.so", dir / name);
  }
}

seam::LoaderOptions jobs_options(const std::filesystem::path& dir, unsigned jobs,
                                 const std::filesystem::path& cache = {}) {
  seam::LoaderOptions options = isolation::scanner_options(dir, cache);
  options.scan_jobs = jobs;
  return options;
}

std::size_t distinct(std::vector<long> values) {
  return std::set<long>(values.begin(), values.end()).size();
}

// Every calm-NN row registered under its own name.
void check_calm_registered(const seam::Loader& loader, int count) {
  int registered = 0;
  for (const seam::PluginRow& row : loader.report()) {
    const std::string stem = std::filesystem::path(row.origin).stem().string();
    if (stem.rfind("calm-", 0) != 0) continue;
    INFO(row.origin, ": ", row.reason);
    CHECK(row.state == seam::PluginState::registered);
    CHECK(row.name == stem);
    registered += row.state == seam::PluginState::registered;
  }
  CHECK(registered == count);
}

unsigned cpus_of_this_process() {
  cpu_set_t set;
  REQUIRE(::sched_getaffinity(0, sizeof set, &set) == 0);
  return static_cast<unsigned>(CPU_COUNT(&set));
}

}  // namespace

TEST_CASE("parallel scan: one, two and four scanners give the same rows in discovery order") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_calm(plugins, 40);
  // Verdicts of every kind among them: crashes, an exit, plugins that leave the scanner in doubt.
  for (const char* name : {"abort", "exit3", "fork", "thread", "chdir", "noisy_segv", "segv"})
    copy_hostile(name, plugins);
  seam::Loader one(jobs_options(plugins, 1));
  seam::Loader two(jobs_options(plugins, 2));
  seam::Loader four(jobs_options(plugins, 4));
  REQUIRE(one.report().size() == 47);
  check_same_rows(one, two);
  check_same_rows(one, four);
  std::vector<std::string> origins;
  for (const auto& row : two.report()) origins.push_back(row.origin);
  CHECK(std::is_sorted(origins.begin(), origins.end()));
  check_calm_registered(two, 40);
  CHECK(row_for(two, plugins / "segv.so").reason.find("SIGSEGV") != std::string::npos);
  CHECK(row_for(two, plugins / "abort.so").reason.find("SIGABRT") != std::string::npos);
}

TEST_CASE("parallel scan: scan_jobs sets how many scanners share the files, never more than files") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_calm(plugins, 20);
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  auto scanners_with = [&](unsigned jobs, const std::filesystem::path& folder) {
    std::filesystem::remove(log);
    seam::Loader loader(jobs_options(folder, jobs));
    for (const auto& row : loader.report()) CHECK(row.state == seam::PluginState::registered);
    const auto pids = scanner_pids(read_lines(log));
    CHECK(pids.size() == loader.report().size());  // each file scanned once
    return distinct(pids);
  };
  CHECK(scanners_with(1, plugins) == 1);
  CHECK(scanners_with(2, plugins) == 2);
  CHECK(scanners_with(4, plugins) == 4);
  // 0: one per CPU this process may run on.
  CHECK(scanners_with(0, plugins) == std::min(cpus_of_this_process(), 20u));
  // Three files and eight jobs: three scanners.
  const auto few = dir.make_dir("few");
  copy_calm(few, 3);
  CHECK(scanners_with(8, few) == 3);
}

TEST_CASE("parallel scan: a crash and a hang break only their own files, every other registers") {
  for (unsigned jobs : {2u, 3u}) {
    CAPTURE(jobs);
    TempDir dir;
    const auto plugins = dir.make_dir("plugins");
    copy_calm(plugins, 30);
    const auto segv = copy_hostile("segv", plugins);
    const auto hang = copy_hostile("hang", plugins);
    const auto abort = copy_hostile("abort", plugins);
    const auto log = dir.path() / "scans.log";
    ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
    seam::Loader loader(jobs_options(plugins, jobs));
    REQUIRE(loader.report().size() == 33);
    check_calm_registered(loader, 30);
    for (const auto& [file, what] : {std::pair{segv, "SIGSEGV"}, {hang, "(timeout)"},
                                     {abort, "SIGABRT"}}) {
      const seam::PluginRow& row = row_for(loader, file);
      INFO(row.reason);
      CHECK(row.state == seam::PluginState::broken);
      CHECK(row.reason.find(what) != std::string::npos);
      // Its own file is named, and no other plugin's.
      CHECK(row.reason.find(file.string()) != std::string::npos);
      CHECK(row.reason.find("calm-") == std::string::npos);
    }
    // The calm files were shared by more than one scanner while the hang held one.
    std::vector<std::string> calm_lines;
    for (const auto& line : read_lines(log)) {
      if (line.rfind("calm-", 0) == 0) calm_lines.push_back(line);
    }
    CHECK(calm_lines.size() == 30);
    CHECK(distinct(scanner_pids(calm_lines)) >= 2);
  }
}

TEST_CASE("parallel scan: forking plugins get a fresh scanner, no other file is touched") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_calm(plugins, 20);
  for (const char* name : {"fork", "forkstay", "spawn"}) copy_hostile(name, plugins);
  ProcessMark mark(plugins.string());
  {
    seam::Loader loader(jobs_options(plugins, 2));
    check_calm_registered(loader, 20);
    for (const char* name : {"fork", "forkstay", "spawn"}) {
      CHECK(row_for(loader, plugins / (std::string(name) + ".so")).state ==
            seam::PluginState::registered);
    }
  }
  // Nothing a plugin started outlives the scan, in any scanner's group.
  CHECK(none_left(plugins.string()));
}

TEST_CASE("parallel scan: a plugin that takes the scanner's next request delays no one's verdict") {
  for (unsigned jobs : {1u, 2u}) {
    CAPTURE(jobs);
    TempDir dir;
    const auto plugins = dir.make_dir("plugins");
    copy_calm(plugins, 10);
    // Scanned first, while the scanner holds the request for the next file.
    const auto thief = plugins / "a-steal.so";
    std::filesystem::copy_file(std::filesystem::path(SEAM_HOSTILE_DIR) / "steal" / "steal.so",
                               thief);
    const auto log = dir.path() / "scans.log";
    ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
    seam::Loader loader(jobs_options(plugins, jobs));
    CHECK(row_for(loader, thief).state == seam::PluginState::registered);
    check_calm_registered(loader, 10);
    std::size_t stolen = 0, calm_scans = 0;
    for (const auto& line : read_lines(log)) {
      stolen += line.rfind("stole: scan ", 0) == 0;
      calm_scans += line.rfind("calm-", 0) == 0;
    }
    // The theft happened, and the file it was meant for was still scanned, once.
    CHECK(stolen == 1);
    CHECK(calm_scans == 10);
  }
}

TEST_CASE("parallel scan: a scanner stopped from outside stores nothing, the others' files are" *
          doctest::skip(!seam::test::kSignalsReachSpinningPlugins)) {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_calm(plugins, 10);
  const auto hang = copy_hostile("hang", plugins);
  const auto cache = dir.path() / "cache" / "registry";
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  auto count_lines = [&](const std::string& prefix) {
    std::size_t n = 0;
    for (const auto& line : read_lines(log)) n += line.rfind(prefix, 0) == 0;
    return n;
  };
  // A start whose scanner of the hanging plugin, and only that one, is stopped with SIGTERM.
  auto start_and_stop = [&](std::size_t hang_scans_before) {
    std::atomic<bool> done{false};
    std::thread stopper([&] {
      while (!done && count_lines("hang") == hang_scans_before)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      for (pid_t pid : processes_mapping(hang)) ::kill(pid, SIGTERM);
    });
    seam::LoaderOptions options = jobs_options(plugins, 2, cache);
    options.scan_budget = std::chrono::seconds(30);
    auto loader = std::make_unique<seam::Loader>(options);
    done = true;
    stopper.join();
    const seam::PluginRow& row = row_for(*loader, hang);
    CHECK(row.state == seam::PluginState::broken);
    CHECK_MESSAGE(row.reason.find("another process") != std::string::npos, row.reason);
    check_calm_registered(*loader, 10);
    return loader;
  };
  start_and_stop(0);
  CHECK(count_lines("calm-") == 10);
  // The next start scans the hanging plugin again, and none of the calm ones: their verdicts were
  // stored by the scanners nobody stopped.
  auto again = start_and_stop(1);
  CHECK(count_lines("hang") == 2);
  CHECK(count_lines("calm-") == 10);
  for (std::size_t i = 0; i < again->report().size(); ++i) {
    const bool is_hang = again->report()[i].origin == hang.string();
    CHECK(again->traces()[i].cache_hit == !is_hang);
  }
}

TEST_CASE("scan time: each scanned file has its own, a cache hit has none") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_calm(plugins, 6);
  const auto hang = copy_hostile("hang", plugins);
  const auto cache = dir.path() / "cache" / "registry";
  seam::LoaderOptions options = jobs_options(plugins, 2, cache);
  options.scan_budget = std::chrono::milliseconds(1000);
  {
    seam::Loader loader(options);
    REQUIRE(loader.traces().size() == 7);
    for (std::size_t i = 0; i < loader.report().size(); ++i) {
      const seam::RowTrace& trace = loader.traces()[i];
      INFO(loader.report()[i].origin);
      CHECK(trace.scanned);
      if (loader.report()[i].origin == hang.string()) {
        // Its own time: until the budget ran out, not the batch's and not zero.
        CHECK(trace.scan_time >= options.scan_budget);
      } else {
        CHECK(trace.scan_time > std::chrono::microseconds(0));
        CHECK(trace.scan_time < options.scan_budget);
      }
    }
  }
  // Twin: a warm start scans nothing but the timed-out plugin, whose verdict was stored.
  seam::Loader warm(options);
  for (std::size_t i = 0; i < warm.report().size(); ++i) {
    CHECK_FALSE(warm.traces()[i].scanned);
    CHECK(warm.traces()[i].scan_time == std::chrono::microseconds(0));
  }
}
