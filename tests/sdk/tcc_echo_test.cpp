// The echo example built by tcc, a compiler that knows nothing of C++ or of this build, is a plugin
// the loader registers and runs: the C ABI needs nothing but the header. Compiled only when CMake
// found tcc (SEAM_TCC); tests/sdk/CMakeLists.txt reports the case as skipped otherwise.
#ifdef SEAM_TCC

#include <doctest/doctest.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/subprocess.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE("sdk: the echo example built by tcc is registered and streams") {
  TempDir dir;
  const std::filesystem::path echo_dir = source_dir() / "examples" / "echo";
  const std::filesystem::path plugin = dir.path() / "seam-echo-tcc.so";

  std::vector<std::string> command = {
      SEAM_TCC, "-shared",         "-I", (source_dir() / "sdk" / "include").string(),
      "-I",     echo_dir.string(), "-o", plugin.string()};
  for (const auto& entry : std::filesystem::directory_iterator(echo_dir)) {
    if (entry.path().extension() == ".c") command.push_back(entry.path().string());
  }
  const ProcessResult build = run_process(command);
  INFO("tcc stderr: ", build.err);
  REQUIRE(build.exit_code == 0);

  Loader loader(options_for_dir(dir.path()));
  const PluginRow* row = row_for_file(loader, "seam-echo-tcc.so");
  REQUIRE(row != nullptr);
  INFO("reason: ", row->reason);
  CHECK(row->name == "echo");
  CHECK(row->state == PluginState::registered);
  CHECK(labels(*row) == std::vector<std::string>{"llm:echo", "lister:echo"});

  Worker worker = loader.registry().lookup("llm", "echo").make_worker({});
  const InvokeResult result = invoke_all(worker, llm_request("built by tcc"));
  CHECK(delta_text(result.events) == "built by tcc");
}

#endif
