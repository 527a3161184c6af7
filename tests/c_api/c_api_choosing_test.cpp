// Choosing among plugins through the C API: pins (seam_loader_options.prefer) with shadowed rows,
// select and disable filters with filtered rows, and who serves each key (seam_loader_choice).
// Each with its twin.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <echo.h>
#include <seam/seam_loader.h>

#include "../support/fixtures.hpp"
#include "../support/temp_dir.hpp"

using namespace seam::test;

namespace {

// What a test sets beyond the folder; each list is copied NULL-terminated.
struct Choosing {
  std::vector<seam_loader_pin> prefer;
  std::vector<const char*> disable;
  std::vector<const char*> select;
  bool use_environment = false;
};

// A loader over FOLDER and the core-unconditional builtin echo, with on_error skip so every row
// shows, destroyed with the test.
struct ChoosingLoader {
  ChoosingLoader(const std::filesystem::path& folder, Choosing choosing) {
    const std::string dir = folder.string();
    const char* paths[] = {dir.c_str(), nullptr};
    const seam_loader_builtin echo{sizeof(seam_loader_builtin), 1, &seam_echo_plugin};
    choosing.disable.push_back(nullptr);
    choosing.select.push_back(nullptr);
    seam_loader_options options{};
    options.struct_size = sizeof options;
    options.on_error = SEAM_LOADER_ON_ERROR_SKIP;
    options.search_paths = paths;
    options.builtins = &echo;
    options.builtin_count = 1;
    options.prefer = choosing.prefer.data();
    options.prefer_count = static_cast<uint32_t>(choosing.prefer.size());
    options.disable_filters = choosing.disable.data();
    options.select_filters = choosing.select.data();
    options.use_environment = choosing.use_environment ? 1 : 0;
    status = seam_loader_create(&options, &loader, error);
  }
  ~ChoosingLoader() {
    seam_loader_destroy(loader);
    seam_loader_error_destroy(error);
  }
  std::string message() const { return seam_loader_error_message(error); }

  // The row named NAME; state_name "absent" when there is none.
  seam_loader_plugin_row row(const std::string& name) const {
    for (uint32_t i = 0; i < seam_loader_report_count(loader); ++i) {
      seam_loader_plugin_row r{};
      r.struct_size = sizeof r;
      REQUIRE(seam_loader_report_row(loader, i, &r) == SEAM_OK);
      if (name == r.name) return r;
    }
    seam_loader_plugin_row absent{};
    absent.state_name = "absent";
    absent.reason = "";
    return absent;
  }
  std::string state(const std::string& name) const { return row(name).state_name; }
  std::string reason(const std::string& name) const { return row(name).reason; }

  // The choice for KEY, with its index; index -1 when no plugin serves it.
  struct Found {
    int index = -1;
    seam_loader_choice choice{};
  };
  Found choice(const std::string& key) const {
    for (uint32_t i = 0; i < seam_loader_choice_count(loader); ++i) {
      Found found;
      found.choice.struct_size = sizeof found.choice;
      REQUIRE(seam_loader_report_choice(loader, i, &found.choice) == SEAM_OK);
      if (key == found.choice.key) {
        found.index = static_cast<int>(i);
        return found;
      }
    }
    return {};
  }
  std::vector<std::string> losers(const Found& found) const {
    std::vector<std::string> names;
    for (uint32_t i = 0; i < found.choice.loser_count; ++i) {
      seam_loader_choice_loser loser{};
      loser.struct_size = sizeof loser;
      REQUIRE(seam_loader_report_choice_loser(loader, static_cast<uint32_t>(found.index), i,
                                              &loser) == SEAM_OK);
      names.push_back(std::string(loser.name) + " " + loser.origin);
    }
    return names;
  }

  seam_loader_error* error = seam_loader_error_create();
  seam_loader* loader = nullptr;
  int32_t status = SEAM_E_INTERNAL;
};

seam_loader_pin pin(const char* key, const char* plugin) {
  return seam_loader_pin{sizeof(seam_loader_pin), 0, key, plugin};
}

std::filesystem::path dup_pair(const TempDir& dir) {
  const auto plugins = dir.make_dir("plugins");
  copy_into(fixture_file("duplicate-backend", "dup-a.so"), plugins);
  copy_into(fixture_file("duplicate-backend", "dup-b.so"), plugins);
  return plugins;
}

}  // namespace

TEST_CASE("c api choosing: a pin serves the key and makes the other contributor shadowed") {
  TempDir dir;
  const auto plugins = dup_pair(dir);
  ChoosingLoader c(plugins, {{pin("llm:dup", "dup-b")}, {}, {}});
  REQUIRE_MESSAGE(c.status == SEAM_OK, c.message());
  CHECK(seam_loader_problem_count(c.loader) == 0);
  CHECK(c.state("dup-b") == "registered");
  CHECK(c.row("dup-a").state == SEAM_LOADER_STATE_SHADOWED);
  CHECK(c.reason("dup-a").find("'dup-b'") != std::string::npos);
  CHECK(c.reason("dup-a").find("prefer \"llm:dup\" = \"dup-b\"") != std::string::npos);

  const seam_loader_backend* backend = nullptr;
  REQUIRE(seam_loader_find_backend(c.loader, "llm", "dup", &backend, c.error) == SEAM_OK);
  CHECK(std::string(seam_loader_backend_plugin(backend)) == "dup-b");
  const auto found = c.choice("llm:dup");
  REQUIRE(found.index >= 0);
  CHECK(found.choice.why == SEAM_LOADER_WHY_PIN);
  CHECK(std::string(found.choice.why_name) == "pin");
  CHECK(std::string(found.choice.plugin) == "dup-b");
  CHECK(std::string(found.choice.origin) == (plugins / "dup-b.so").string());
  CHECK(c.losers(found) == std::vector<std::string>{"dup-a " + (plugins / "dup-a.so").string()});
  // Past the end is refused, not read.
  seam_loader_choice_loser past{};
  past.struct_size = sizeof past;
  CHECK(seam_loader_report_choice_loser(c.loader, static_cast<uint32_t>(found.index), 1, &past) ==
        SEAM_E_INVALID_ARGUMENT);
  seam_loader_choice none{};
  none.struct_size = sizeof none;
  CHECK(seam_loader_report_choice(c.loader, seam_loader_choice_count(c.loader), &none) ==
        SEAM_E_INVALID_ARGUMENT);
}

// Twin: without the pin the pair is a duplicate problem, and the first found serves the key.
TEST_CASE("c api choosing: without a pin the second contributor is a duplicate") {
  TempDir dir;
  const auto plugins = dup_pair(dir);
  ChoosingLoader c(plugins, {});
  REQUIRE(c.status == SEAM_OK);
  CHECK(c.state("dup-b") == "duplicate");
  CHECK(seam_loader_problem_count(c.loader) == 1);
  const auto found = c.choice("llm:dup");
  REQUIRE(found.index >= 0);
  CHECK(found.choice.why == SEAM_LOADER_WHY_FIRST_FOUND);
  CHECK(std::string(found.choice.plugin) == "dup-a");
  CHECK(c.losers(found) == std::vector<std::string>{"dup-b " + (plugins / "dup-b.so").string()});
  const auto echo = c.choice("llm:echo");
  REQUIRE(echo.index >= 0);
  CHECK(echo.choice.why == SEAM_LOADER_WHY_ONLY_CANDIDATE);
  CHECK(std::string(echo.choice.origin) == "builtin");
  CHECK(echo.choice.loser_count == 0);
}

TEST_CASE("c api choosing: a pin naming a plugin that does not serve its key is a ConfigError") {
  TempDir dir;
  const auto plugins = dup_pair(dir);
  ChoosingLoader c(plugins, {{pin("llm:dup", "echo")}, {}, {}});
  REQUIRE(c.status == SEAM_OK);
  const seam_loader_backend* backend = nullptr;
  // A configuration problem: it fails lookups even under on_error skip.
  CHECK(seam_loader_find_backend(c.loader, "llm", "echo", &backend, c.error) ==
        SEAM_E_INVALID_ARGUMENT);
  CHECK(std::string(seam_loader_error_kind(c.error)) == "ConfigError");
  CHECK(c.message().find("\"llm:dup\" = \"echo\"") != std::string::npos);
  CHECK(c.message().find("dup-a") != std::string::npos);
  CHECK(c.message().find("dup-b") != std::string::npos);
  // The host's words, not a configuration file's the host may not have.
  CHECK(c.message().find("[plugins]") == std::string::npos);
}

TEST_CASE("c api choosing: pins without a key or plugin, or pinning a key twice, are refused") {
  TempDir dir;
  const auto plugins = dup_pair(dir);
  ChoosingLoader no_plugin(plugins, {{pin("llm:dup", nullptr)}, {}, {}});
  CHECK(no_plugin.status == SEAM_E_INVALID_ARGUMENT);
  CHECK(no_plugin.message().find("options.prefer[0]") != std::string::npos);
  CHECK(no_plugin.loader == nullptr);
  ChoosingLoader twice(plugins, {{pin("llm:dup", "dup-a"), pin("llm:dup", "dup-b")}, {}, {}});
  CHECK(twice.status == SEAM_E_INVALID_ARGUMENT);
  CHECK(twice.message().find("options.prefer[1]") != std::string::npos);
  CHECK(twice.message().find("\"llm:dup\"") != std::string::npos);
  // Twin: two pins on two keys are fine.
  ChoosingLoader two_keys(plugins, {{pin("llm:dup", "dup-a"), pin("llm:echo", "echo")}, {}, {}});
  CHECK_MESSAGE(two_keys.status == SEAM_OK, two_keys.message());
}

TEST_CASE("c api choosing: disable and select globs make filtered rows naming the glob") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  copy_fixture("marker-file", plugins);  // plugin "marker" in marker-file.so

  ChoosingLoader none(plugins, {});
  CHECK(none.state("good") == "registered");
  CHECK(none.state("marker") == "registered");

  ChoosingLoader disable(plugins, {{}, {"mark?r*"}, {}});
  CHECK(disable.state("good") == "registered");
  CHECK(disable.row("marker-file").state == SEAM_LOADER_STATE_FILTERED);
  CHECK(disable.reason("marker-file").find("disable_filters ('mark?r*'") != std::string::npos);
  CHECK(seam_loader_problem_count(disable.loader) == 0);

  // Select is an allowlist; the core-unconditional builtin stays whatever it says.
  ChoosingLoader select(plugins, {{}, {}, {"g*"}});
  CHECK(select.state("good") == "registered");
  CHECK(select.state("marker") == "filtered");
  CHECK(select.reason("marker").find("select_filters 'g*'") != std::string::npos);
  CHECK(select.state("echo") == "registered");

  // Disable first: a plugin on both lists is filtered. "*" alone is safe mode.
  ChoosingLoader both(plugins, {{}, {"good"}, {"good"}});
  CHECK(both.state("good") == "filtered");
  ChoosingLoader safe(plugins, {{}, {"*"}, {}});
  CHECK(safe.state("good") == "filtered");
  CHECK(safe.state("marker-file") == "filtered");
  CHECK(safe.state("echo") == "registered");
}

TEST_CASE("c api choosing: use_environment adds SEAM_PLUGINS_DISABLE and _SELECT") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  ::setenv("SEAM_PLUGINS_DISABLE", " nothing-like-it , go* ", 1);
  ChoosingLoader read(plugins, {{}, {}, {}, true});
  CHECK(read.state("good") == "filtered");
  CHECK(read.reason("good").find("SEAM_PLUGINS_DISABLE ('go*'") != std::string::npos);
  // Twin: without use_environment the variable is not read.
  ChoosingLoader unread(plugins, {});
  CHECK(unread.state("good") == "registered");
  ::unsetenv("SEAM_PLUGINS_DISABLE");

  ::setenv("SEAM_PLUGINS_SELECT", "other*", 1);
  ChoosingLoader selected(plugins, {{}, {}, {}, true});
  CHECK(selected.state("good") == "filtered");
  CHECK(selected.state("echo") == "registered");
  ::unsetenv("SEAM_PLUGINS_SELECT");
}

TEST_CASE("c api choosing: options written before pins and filters existed leave them out") {
  TempDir dir;
  const auto plugins = dir.make_dir("plugins");
  copy_fixture("good", plugins);
  const std::string folder = plugins.string();
  const char* paths[] = {folder.c_str(), nullptr};
  const char* everything[] = {"*", nullptr};
  for (const bool old_size : {true, false}) {
    seam_loader_options options{};
    options.struct_size = old_size ? static_cast<uint32_t>(offsetof(seam_loader_options, prefer))
                                   : static_cast<uint32_t>(sizeof options);
    options.search_paths = paths;
    // Past an old struct_size these are whatever the caller's memory holds: never read.
    options.disable_filters = everything;
    seam_loader* loader = nullptr;
    REQUIRE(seam_loader_create(&options, &loader, nullptr) == SEAM_OK);
    seam_loader_plugin_row row{};
    row.struct_size = sizeof row;
    REQUIRE(seam_loader_report_row(loader, 0, &row) == SEAM_OK);
    INFO("old struct_size: ", old_size);
    CHECK(std::string(row.state_name) == (old_size ? "registered" : "filtered"));
    seam_loader_destroy(loader);
  }
}
