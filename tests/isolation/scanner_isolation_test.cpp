// A plugin that crashes, aborts, exits or hangs while it is scanned becomes a broken row naming
// what happened; every other plugin still registers, and the host lives on.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>

#include "isolation_support.hpp"

using isolation::check_same_rows;
using isolation::copy_hostile;
using isolation::row_for;
using isolation::scanner_options;
using isolation::TempDir;

namespace {

// Scans a folder holding the hostile fixture NAME beside the calm one and checks both rows.
void expect_broken_beside_calm(const std::string& name, const std::string& reason_part) {
  TempDir dir;
  auto hostile = copy_hostile(name, dir.path());
  auto calm = copy_hostile("calm", dir.path());
  seam::Loader loader(scanner_options(dir.path()));

  const seam::PluginRow& bad = row_for(loader, hostile);
  CHECK(bad.state == seam::PluginState::broken);
  CHECK(bad.error_kind == "BrokenPluginError");
  CHECK_MESSAGE(bad.reason.find(reason_part) != std::string::npos, bad.reason);
  CHECK(bad.reason.find(hostile.string()) != std::string::npos);
  CHECK(bad.reason.find("the denylist (disabled)") != std::string::npos);

  // The positive twin in the same run: the calm plugin registered and works.
  CHECK(row_for(loader, calm).state == seam::PluginState::registered);
  seam::Worker worker = loader.registry().lookup("llm", "calm").make_worker({"b", "{}", "{}"});
  CHECK(worker.invoke("{}", [](std::string_view) { return true; }) ==
        seam::InvokeOutcome::completed);
}

}  // namespace

TEST_CASE("a plugin that segfaults in register is a broken row naming SIGSEGV") {
  expect_broken_beside_calm("segv", "SIGSEGV");
}

TEST_CASE("a plugin that aborts in register is a broken row naming SIGABRT") {
  expect_broken_beside_calm("abort", "SIGABRT");
}

TEST_CASE("a plugin that calls exit(3) in register is a broken row naming the exit code") {
  expect_broken_beside_calm("exit3", "exit with code 3");
}

TEST_CASE("a plugin that never returns from register is a broken row naming the timeout") {
  expect_broken_beside_calm("hang", "timeout");
}

TEST_CASE("a plugin that crashes in a library constructor is a broken row naming SIGSEGV") {
  expect_broken_beside_calm("ctor", "SIGSEGV");
}

TEST_CASE("one scan survives every hostile plugin at once and registers the calm one") {
  TempDir dir;
  for (const char* name : {"abort", "ctor", "exit3", "hang", "segv"})
    copy_hostile(name, dir.path());
  auto calm = copy_hostile("calm", dir.path());
  seam::Loader loader(scanner_options(dir.path()));
  REQUIRE(loader.report().size() == 6);
  int broken = 0;
  for (const auto& row : loader.report()) broken += row.state == seam::PluginState::broken;
  CHECK(broken == 5);
  CHECK(row_for(loader, calm).state == seam::PluginState::registered);
}

TEST_CASE("seam plugins list over hostile plugins prints every row and exits 3, not by a signal") {
  TempDir dir;
  for (const char* name : {"segv", "abort", "calm"}) copy_hostile(name, dir.path());
  std::string command = std::string("SEAM_REGISTRY='") + (dir.path() / "cache").string() + "' '" +
                        SEAM_EXECUTABLE + "' --no-default-folders plugins list --plugin-path '" +
                        dir.path().string() +
                        "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = ::pclose(pipe);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
  CHECK(out.find("SIGSEGV") != std::string::npos);
  CHECK(out.find("SIGABRT") != std::string::npos);
  CHECK(out.find("calm") != std::string::npos);
  // The builtin echo is registered beside calm.
  CHECK(out.find("2 broken, 2 registered") != std::string::npos);
}

TEST_CASE("records from the scanner equal what in-process registration gives") {
  TempDir dir;
  copy_hostile("calm", dir.path());
  copy_hostile("changed", dir.path());
  std::filesystem::copy_file(std::filesystem::path(SEAM_CPP_PLUGIN_DIR) / "seam-cpp-reverse.so",
                             dir.path() / "seam-cpp-reverse.so");
  std::filesystem::copy_file(std::filesystem::path(SEAM_ECHO_PLUGIN_DIR) / "seam-echo.so",
                             dir.path() / "seam-echo.so");
  seam::LoaderOptions isolated = scanner_options(dir.path());
  seam::LoaderOptions in_process = isolated;
  in_process.isolate_scanning = false;
  seam::Loader a(isolated), b(in_process);
  REQUIRE(a.report().size() == 4);
  check_same_rows(a, b);
}

TEST_CASE("without a scanner, plugins are scanned in process only when the host allows it") {
  TempDir dir;
  auto calm = copy_hostile("calm", dir.path());
  seam::LoaderOptions options = scanner_options(dir.path());
  options.scanner_path = dir.path() / "no-such-scanner";
  options.in_process_fallback = true;
  seam::Loader loader(options);
  CHECK(row_for(loader, calm).state == seam::PluginState::registered);
  CHECK(loader.registry().find("llm", "calm") != nullptr);
}

TEST_CASE("without a scanner and no fallback, each plugin is a broken row that says why") {
  TempDir dir;
  auto calm = copy_hostile("calm", dir.path());
  seam::LoaderOptions options = scanner_options(dir.path());
  options.scanner_path = dir.path() / "no-such-scanner";
  options.on_error = seam::OnError::skip;
  seam::Loader loader(options);
  const seam::PluginRow& row = row_for(loader, calm);
  CHECK(row.state == seam::PluginState::broken);
  CHECK(row.error_kind == "BrokenPluginError");
  CHECK(row.reason.find("no-such-scanner") != std::string::npos);
  CHECK(row.reason.find("was not scanned") != std::string::npos);
  CHECK(row.reason.find("in_process_fallback") != std::string::npos);
  CHECK(loader.registry().find("llm", "calm") == nullptr);
}
