// The scanner protocol from the outside: what plugins print stays out of the host's output (and
// its last lines explain a broken row), no pipeline waits for a child a plugin left behind, no
// scanner or plugin child outlives the scan or the host, and a scanner stopped from outside stores
// no verdict while one a plugin stopped does.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "../support/sanitizers.hpp"
#include "isolation_support.hpp"

using isolation::copy_hostile;
using isolation::none_left;
using isolation::ProcessMark;
using isolation::processes_mentioning;
using isolation::read_lines;
using isolation::row_for;
using isolation::scanner_options;
using isolation::ScopedEnv;
using isolation::TempDir;

namespace {

struct CommandResult {
  int status = -1;
  std::string out;
};

// Runs COMMAND through the shell and reads its stdout to the end.
CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.out.append(buffer, n);
  result.status = ::pclose(pipe);
  return result;
}

std::string plugins_list(const TempDir& dir, const std::string& redirect) {
  return "SEAM_REGISTRY='" + (dir.path() / "cache").string() + "' '" + SEAM_EXECUTABLE +
         "' plugins list --plugin-path '" + (dir.path() / "plugins").string() + "' " + redirect;
}

}  // namespace

TEST_CASE("what a plugin prints while scanned never reaches seam's output, and a crash quotes it") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_hostile("noisy", plugins);
  copy_hostile("noisy_segv", plugins);
  CommandResult r = run(plugins_list(dir, "2>&1"));
  INFO(r.out);
  REQUIRE(WIFEXITED(r.status));
  CHECK(WEXITSTATUS(r.status) == 3);
  // Neither the calm twin's noise nor the start of the crasher's reaches the output ...
  CHECK(r.out.find("noise line 0 ") == std::string::npos);
  CHECK(r.out.find("about to noisy\n") == std::string::npos);
  // ... but the crasher's row quotes its last lines.
  seam::Loader loader(scanner_options(plugins));
  const seam::PluginRow& crashed = row_for(loader, plugins / "noisy_segv.so");
  CHECK(crashed.state == seam::PluginState::broken);
  CHECK_MESSAGE(crashed.reason.find("\"hostile-noise: about to noisy_segv\"") != std::string::npos,
                crashed.reason);
  CHECK(crashed.reason.find("noise line 49 on stdout") != std::string::npos);
  CHECK(row_for(loader, plugins / "noisy.so").state == seam::PluginState::registered);
}

TEST_CASE("a pipeline after seam plugins list never waits for a child a plugin left running") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_hostile("forkstay", plugins);
  copy_hostile("spawn", plugins);
  copy_hostile("calm", plugins);
  ProcessMark mark(plugins.string());
  // The children sleep for minutes holding what they inherited: a wait would hit the test timeout.
  CommandResult r = run(plugins_list(dir, "2>&1 | cat"));
  REQUIRE(WIFEXITED(r.status));
  CHECK(WEXITSTATUS(r.status) == 0);
  CHECK(r.out.find("calm") != std::string::npos);
  CHECK(none_left(plugins.string()));
}

TEST_CASE("no scanner and no child of a plugin outlives the loader's scan") {
  TempDir dir;
  copy_hostile("forkstay", dir.path());
  copy_hostile("fork", dir.path());
  auto calm = copy_hostile("calm", dir.path());
  ProcessMark mark(dir.path().string());
  seam::Loader loader(scanner_options(dir.path()));
  CHECK(row_for(loader, calm).state == seam::PluginState::registered);
  CHECK(none_left(dir.path().string()));
}

TEST_CASE("the scanner dies with the host that started it") {
  TempDir dir;
  copy_hostile("hang", dir.path());
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  ProcessMark mark(dir.path().string());
  const pid_t host = ::fork();
  REQUIRE(host >= 0);
  if (host == 0) {
    seam::LoaderOptions options = scanner_options(dir.path());
    options.scan_budget = std::chrono::minutes(5);
    seam::Loader loader(options);
    ::_exit(0);
  }
  // Once the hanging plugin runs, the host goes.
  for (int i = 0; i < 1000 && read_lines(log).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(read_lines(log).size() == 1);
  CHECK(!processes_mentioning(dir.path().string()).empty());
  ::kill(host, SIGKILL);
  ::waitpid(host, nullptr, 0);
  CHECK(none_left(dir.path().string()));
}

namespace {

// Scans a folder holding the hang fixture and stops its scanner with SIG from this process once
// the plugin runs; returns the row.
seam::PluginRow scan_stopped_from_outside(const TempDir& dir, int sig,
                                          const std::filesystem::path& cache) {
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  ProcessMark mark((dir.path() / "plugins").string());
  const std::size_t before = read_lines(log).size();
  std::atomic<bool> done{false};
  std::thread stopper([&] {
    while (!done && read_lines(log).size() == before)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (pid_t pid : processes_mentioning((dir.path() / "plugins").string())) ::kill(pid, sig);
  });
  seam::LoaderOptions options = scanner_options(dir.path() / "plugins", cache);
  options.scan_budget = std::chrono::seconds(30);
  seam::Loader loader(options);
  done = true;
  stopper.join();
  return row_for(loader, dir.path() / "plugins" / "hang.so");
}

}  // namespace

TEST_CASE(
    "a scanner stopped from outside blames no one and stores nothing, while a plugin's own "
    "SIGTERM is stored" *
    doctest::skip(!seam::test::kSignalsReachSpinningPlugins)) {
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGKILL}) {
    CAPTURE(sig);
    TempDir dir;
    copy_hostile("hang", dir.make_dir("plugins"));
    const auto cache = dir.path() / "cache" / "registry";
    seam::PluginRow row = scan_stopped_from_outside(dir, sig, cache);
    CHECK(row.state == seam::PluginState::broken);
    CHECK_MESSAGE(row.reason.find("another process") != std::string::npos, row.reason);
    CHECK(row.reason.find("scanned again") != std::string::npos);
    // Nothing stored: the next start scans it again (and, with a short budget, times out).
    const auto log = dir.path() / "scans.log";
    ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
    seam::LoaderOptions options = scanner_options(dir.path() / "plugins", cache);
    options.scan_budget = std::chrono::milliseconds(300);
    {
      seam::Loader again(options);
      CHECK(row_for(again, dir.path() / "plugins" / "hang.so").reason.find("timeout") !=
            std::string::npos);
    }
    CHECK(read_lines(log).size() == 2);
  }
  // The twin: SIGTERM the plugin raised itself is its own verdict, stored like any crash.
  TempDir dir;
  auto term = copy_hostile("term", dir.path());
  const auto cache = dir.path() / "cache" / "registry";
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  for (int start = 0; start < 2; ++start) {
    seam::Loader loader(scanner_options(dir.path(), cache));
    const seam::PluginRow& row = row_for(loader, term);
    CHECK(row.state == seam::PluginState::broken);
    CHECK_MESSAGE(row.reason.find("crashed the scanner with SIGTERM") != std::string::npos,
                  row.reason);
  }
  CHECK(read_lines(log).size() == 1);
}

TEST_CASE("a plugin posing as a stop from outside is blamed and its verdict stored") {
  TempDir dir;
  auto fake = copy_hostile("fakestop", dir.path());
  const auto cache = dir.path() / "cache" / "registry";
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  for (int start = 0; start < 2; ++start) {
    seam::Loader loader(scanner_options(dir.path(), cache));
    const seam::PluginRow& row = row_for(loader, fake);
    CHECK(row.state == seam::PluginState::broken);
    CHECK_MESSAGE(row.reason.find("wrote to the scanner's answer channel") != std::string::npos,
                  row.reason);
    CHECK(row.reason.find("another process") == std::string::npos);
  }
  CHECK(read_lines(log).size() == 1);
}

TEST_CASE("the scanner's answer channel is one high close-on-exec socket") {
  TempDir dir;
  auto probe = copy_hostile("probefds", dir.path());
  const auto log = dir.path() / "scans.log";
  ScopedEnv scan_log("SEAM_TEST_SCAN_LOG", log.string());
  seam::Loader loader(scanner_options(dir.path()));
  CHECK(row_for(loader, probe).state == seam::PluginState::registered);
  std::vector<std::string> sockets;
  for (const std::string& line : read_lines(log)) {
    if (line.rfind("socket ", 0) == 0) sockets.push_back(line);
  }
  REQUIRE(sockets.size() == 1);
  const int fd = std::atoi(sockets[0].c_str() + 7);
  CHECK(fd >= 64);  // far above what a plugin opens or sweeps as "its" descriptors
  CHECK(sockets[0].find("cloexec=1") != std::string::npos);
}
