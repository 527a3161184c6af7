// Run-time failures of plugin code are named, never silent: a crash in activation, make_worker,
// invoke, list_models or destroy, or an exit() during a call, makes seam write which plugin, file,
// call and backend it was and exit 4; a C++ exception escaping a plugin is an error naming it; and
// a plugin's exit handlers and threads never crash seam after a correct answer.
#include <doctest/doctest.h>

#include <fstream>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"
#include "seam_cli.hpp"

using namespace seam::test;

namespace {

// A folder with the runtime-crash fixture, a config with a model on it, and a registry cache
// filled by a calm `plugins list`: a crash meant for register then happens at activation only.
struct CrashSetup {
  TempDir dir;
  std::filesystem::path config;
  ProcessOptions options;

  CrashSetup() {
    config = write_fixture_model_config(dir.path(), "runtime-crash", "crashy");
    options.env["SEAM_REGISTRY"] = (dir.path() / "registry").string();
    const ProcessResult scan =
        run_seam({"--config", config.string(), "plugins", "list"}, dir.path(), options);
    REQUIRE_MESSAGE(scan.exit_code == 0, scan.out, scan.err);
  }

  ProcessResult run(const std::string& crash_in, std::vector<std::string> args) {
    ProcessOptions with_crash = options;
    with_crash.env["SEAM_FIXTURE_CRASH_IN"] = crash_in;
    args.insert(args.begin(), {"--config", config.string()});
    return run_seam(args, dir.path(), with_crash);
  }
};

void check_named(const ProcessResult& r, const std::string& what, const std::string& call) {
  INFO("stdout: ", r.out, "\nstderr: ", r.err);
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, what));
  CHECK(contains(r.err, "plugin 'runtime-crash'"));
  CHECK(contains(r.err, "runtime-crash.so"));
  CHECK(contains(r.err, call));
}

const std::vector<std::string> kRun = {"run", "--model", "crashy", "hi"};
const std::vector<std::string> kModels = {"models", "list", "crashy"};

}  // namespace

TEST_CASE("cli crash: a plugin crashing in invoke is named with its call and backend, exit 4") {
  CrashSetup setup;
  check_named(setup.run("invoke", kRun), "SIGSEGV", "in invoke for backend llm:runtime-crash");
}

TEST_CASE("cli crash: a plugin crashing in make_worker is named, exit 4") {
  CrashSetup setup;
  check_named(setup.run("make_worker", kRun), "SIGSEGV",
              "in make_worker for backend llm:runtime-crash");
}

TEST_CASE("cli crash: a plugin crashing while it is activated is named, exit 4") {
  CrashSetup setup;
  check_named(setup.run("register", kRun), "SIGSEGV", "in activation");
}

TEST_CASE("cli crash: a plugin crashing in destroy is named, exit 4") {
  CrashSetup setup;
  check_named(setup.run("destroy", kRun), "SIGSEGV", "in destroy for backend llm:runtime-crash");
}

TEST_CASE("cli crash: a plugin crashing in list_models is named, exit 4") {
  CrashSetup setup;
  check_named(setup.run("list_models", kModels), "SIGSEGV",
              "in list_models for model lister runtime-crash");
}

TEST_CASE("cli crash: a crash on a thread the plugin started is named by its code, exit 4") {
  CrashSetup setup;
  const ProcessResult r = setup.run("thread", kRun);
  check_named(r, "SIGSEGV", "on a thread the plugin started");
}

TEST_CASE("cli crash: a plugin aborting in invoke is named as SIGABRT, exit 4") {
  CrashSetup setup;
  check_named(setup.run("abort-invoke", kRun), "SIGABRT", "in invoke");
}

TEST_CASE("cli crash: a plugin calling exit(0) mid-answer is reported, exit 4, not 0") {
  CrashSetup setup;
  const ProcessResult r = setup.run("exit-invoke", kRun);
  check_named(r, "called exit()", "in invoke for backend llm:runtime-crash");
  CHECK(contains(r.err, "incomplete"));
}

TEST_CASE("cli crash: the same plugin answers and exits 0 when nothing crashes (twin)") {
  CrashSetup setup;
  const ProcessResult r = setup.run("nowhere", kRun);
  INFO("stderr: ", r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "runtime-crash"));
  CHECK_FALSE(contains(r.err, "PluginCrashed"));
  const ProcessResult models = setup.run("nowhere", kModels);
  CHECK(models.exit_code == 0);
  CHECK(contains(models.out, "runtime-crash-model"));
}

TEST_CASE(
    "cli crash: a plugin's exit handler and leftover thread never crash seam after an answer") {
  CrashSetup setup;
  const auto report = setup.dir.path() / "at-exit.log";
  ProcessOptions options = setup.options;
  options.env["SEAM_FIXTURE_AT_EXIT"] = report.string();
  const ProcessResult r =
      run_seam({"--config", setup.config.string(), "run", "--model", "crashy", "hi"},
               setup.dir.path(), options);
  INFO("stderr: ", r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "runtime-crash"));
  std::ifstream in(report);
  std::string line;
  std::getline(in, line);
  CHECK(line == "exit handler ran");
}

TEST_CASE("loader: a C++ exception escaping make_worker, invoke or list_models names the plugin") {
  TempDir dir;
  copy_fixture("throwing-plugin", dir.path());
  seam::Loader loader(options_for_dir(dir.path()));
  const seam::Registry& registry = loader.registry();
  for (const char* call : {"make_worker", "invoke", "list_models"}) {
    CAPTURE(call);
    ::setenv("SEAM_FIXTURE_THROW_IN", call, 1);
    try {
      if (std::string(call) == "list_models") {
        registry.find_lister("throwing")->list({}, [](const seam::ModelInfo&) { return true; });
      } else {
        seam::Worker worker = registry.lookup("llm", "throwing").make_worker({});
        worker.invoke("{}", [](std::string_view) { return true; });
      }
      FAIL("no error");
    } catch (const seam::WorkerError& e) {
      CHECK(contains(e.what(), "throwing-plugin"));
      CHECK(contains(e.what(), "throwing-plugin.so"));
      CHECK(contains(e.what(), std::string("a C++ exception escaped from ") + call));
      CHECK(contains(e.what(), std::string("throwing-plugin threw in ") + call));
    }
  }
  // Twin: nothing thrown, everything works.
  ::setenv("SEAM_FIXTURE_THROW_IN", "nowhere", 1);
  seam::Worker worker = registry.lookup("llm", "throwing").make_worker({});
  CHECK(worker.invoke("{}", [](std::string_view) { return true; }) ==
        seam::InvokeOutcome::completed);
  ::unsetenv("SEAM_FIXTURE_THROW_IN");
}
