// The echo plugin built as a file: it rides the same seam as the echo builtin.
#include <doctest/doctest.h>

#include <echo.h>

#include "../support/fixtures.hpp"
#include "../support/loader_checks.hpp"
#include "../support/temp_dir.hpp"

using namespace seam;
using namespace seam::test;

TEST_CASE("echo: seam-echo.so loaded as a file with no builtins serves llm echo") {
  TempDir dir;
  copy_into(echo_plugin_file(), dir.path());
  Loader loader(options_for_dir(dir.path()));

  const PluginRow* row = row_for_file(loader, "seam-echo.so");
  REQUIRE(row != nullptr);
  CHECK(row->name == "echo");
  CHECK(row->version == "0.1.0");
  CHECK_FALSE(row->builtin);
  CHECK(row->state == PluginState::registered);

  Worker worker = loader.registry().lookup("llm", "echo").make_worker({});
  const std::string message = "the quick  brown fox";
  InvokeResult result = invoke_all(worker, llm_request(message));
  CHECK(result.outcome == InvokeOutcome::completed);
  CHECK(delta_text(result.events) == message);
  CHECK(first_event(result.events, "usage").is_object());
  REQUIRE_FALSE(result.events.empty());
  CHECK(result.events.back()["type"] == "done");
  CHECK(result.events.back()["finish_reason"] == "stop");
}

TEST_CASE("echo: the builtin and the file contribute exactly the same things") {
  LoaderOptions builtin_options;
  builtin_options.builtins = {BuiltinPlugin{&seam_echo_plugin, true}};
  Loader builtin_loader(std::move(builtin_options));

  TempDir dir;
  copy_into(echo_plugin_file(), dir.path());
  Loader file_loader(options_for_dir(dir.path()));

  const PluginRow* builtin = builtin_row(builtin_loader, "echo");
  const PluginRow* file = row_for_file(file_loader, "seam-echo.so");
  REQUIRE(builtin != nullptr);
  REQUIRE(file != nullptr);
  CHECK(labels(*builtin) == std::vector<std::string>{"llm:echo", "lister:echo"});
  CHECK(labels(*file) == labels(*builtin));
  CHECK(file->version == builtin->version);
}
