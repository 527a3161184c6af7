// The loader's core behaviour on Windows, run under wine by abi.windows: plugin DLLs built by
// mingw-w64 are found, opened with LoadLibraryW (also from a folder whose name is not ASCII),
// gated, registered and invoked; broken DLLs become report rows, not crashes.
//
// The plugin DLLs come from the cross build; the driver passes their folder, as a Windows path, in
// the environment variable SEAM_WINDOWS_PLUGINS.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <seam/loader/errors.hpp>
#include <seam/loader/loader.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace fs = std::filesystem;

namespace {

fs::path plugins() {
  const wchar_t* dir = _wgetenv(L"SEAM_WINDOWS_PLUGINS");
  REQUIRE_MESSAGE(dir != nullptr, "SEAM_WINDOWS_PLUGINS is not set");
  return fs::path(dir);
}

// A fresh folder under %TEMP%, removed at the end of the test. NAME may hold any characters.
class TempDir {
 public:
  explicit TempDir(const std::wstring& name) {
    path_ = fs::temp_directory_path() / (L"seam-windows-test-" + name);
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path copy_plugin(const fs::path& from, const fs::path& dir) {
  fs::path to = dir / from.filename();
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  return to;
}

seam::LoaderOptions options_for_dir(const fs::path& dir) {
  seam::LoaderOptions options;
  options.search_paths.push_back(dir);
  return options;
}

const seam::PluginRow* only_row(const seam::Loader& loader) {
  REQUIRE(loader.report().size() == 1);
  return &loader.report().front();
}

// Sends one prompt to the echo backend and returns the text it streamed back.
std::string echo_round_trip(const seam::Loader& loader) {
  const seam::Backend& backend = loader.registry().lookup("llm", "echo");
  seam::Worker worker = backend.make_worker(seam::WorkerSpec{});
  std::string events;
  worker.invoke(R"({"messages":[{"role":"user","content":"hello windows"}]})",
                [&](std::string_view json) {
                  events += std::string(json) + "\n";
                  return true;
                });
  return events;
}

}  // namespace

TEST_CASE("windows: a mingw-built plugin DLL is discovered by suffix .dll and invoked") {
  TempDir dir(L"ascii");
  copy_plugin(plugins() / "echo" / "seam-echo.dll", dir.path());
  seam::Loader loader(options_for_dir(dir.path()));
  const seam::PluginRow* row = only_row(loader);
  INFO("reason: ", row->reason);
  CHECK(row->state == seam::PluginState::registered);
  CHECK(row->name == "echo");
  const std::string events = echo_round_trip(loader);
  CHECK(events.find("\"hello \"") != std::string::npos);
  CHECK(events.find("\"done\"") != std::string::npos);
}

TEST_CASE("windows: LoadLibraryW opens a plugin in a folder with non-ASCII characters") {
  // "plugins-ñandú-日本-Ω": Latin-1, CJK and Greek, none representable in one ANSI code page.
  TempDir dir(L"plugins-\u00f1and\u00fa-\u65e5\u672c-\u03a9");
  copy_plugin(plugins() / "echo" / "seam-echo.dll", dir.path());
  seam::Loader loader(options_for_dir(dir.path()));
  const seam::PluginRow* row = only_row(loader);
  INFO("reason: ", row->reason);
  CHECK(row->state == seam::PluginState::registered);
  CHECK(echo_round_trip(loader).find("\"done\"") != std::string::npos);
}

TEST_CASE("windows: a plugin file named explicitly, with a non-ASCII file name, loads") {
  TempDir dir(L"explicit");
  fs::path file = dir.path() / L"\u00e9cho-plugin.dll";
  fs::copy_file(plugins() / "echo" / "seam-echo.dll", file);
  seam::LoaderOptions options;
  options.plugin_files.push_back(file);
  seam::Loader loader(std::move(options));
  const seam::PluginRow* row = only_row(loader);
  INFO("reason: ", row->reason);
  CHECK(row->state == seam::PluginState::registered);
}

TEST_CASE("windows: the v1 fixture loads; declaring API 0 or 2 is PluginApiVersionMismatchError") {
  TempDir dir(L"gate");
  copy_plugin(plugins() / "old-plugin" / "old-plugin.dll", dir.path());
  {
    seam::Loader loader(options_for_dir(dir.path()));
    INFO("reason: ", only_row(loader)->reason);
    CHECK(loader.ok());
    CHECK(loader.registry().find("llm", "old-plugin") != nullptr);
  }
  for (const char* stem : {"old-plugin-api0", "old-plugin-api2"}) {
    TempDir one(L"gate-one");
    copy_plugin(plugins() / "old-plugin" / (std::string(stem) + ".dll"), one.path());
    seam::Loader loader(options_for_dir(one.path()));
    const seam::PluginRow* row = only_row(loader);
    CHECK(row->state == seam::PluginState::incompatible);
    CHECK(row->error_kind == "PluginApiVersionMismatchError");
    CHECK_THROWS_AS(loader.registry(), seam::PluginApiVersionMismatchError);
  }
}

// Twin of the good cases: files that LoadLibraryW cannot use, or that are not plugins.
TEST_CASE("windows: a DLL without seam_plugin_entry, and a text file named .dll, are broken") {
  TempDir dir(L"broken");
  copy_plugin(plugins() / "no-entry" / "no-entry.dll", dir.path());
  std::ofstream(dir.path() / "not-a-plugin.dll") << "This is text, not a DLL.\n";
  seam::LoaderOptions options = options_for_dir(dir.path());
  options.on_error = seam::OnError::skip;
  seam::Loader loader(std::move(options));
  REQUIRE(loader.report().size() == 2);
  for (const seam::PluginRow& row : loader.report()) {
    INFO("row: ", row.origin, " reason: ", row.reason);
    CHECK(row.state == seam::PluginState::broken);
    CHECK(row.error_kind == "BrokenPluginError");
  }
  CHECK(loader.report()[0].reason.find("seam_plugin_entry") != std::string::npos);
}

TEST_CASE("windows: SEAM_PLUGIN_PATH-style lists split on ';', not ':'") {
  auto paths = seam::split_path_list("C:\\plugins;D:\\more plugins;;E:\\x");
  REQUIRE(paths.size() == 3);
  CHECK(paths[0] == fs::path("C:\\plugins"));
  CHECK(paths[1] == fs::path("D:\\more plugins"));
}
