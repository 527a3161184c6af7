// The import-light guard: discovering, scanning and registering the sqlite-search plugin must not
// map libsqlite3; only using its backend may. A separate program because it must not link SQLite
// itself (the doctest suite does, to build its index), and /proc/self/maps sees the whole process.
//
// Usage: seam_sqlite_import_light PLUGIN_DIR. Exit 0 when both properties hold, 1 otherwise.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <seam/loader/loader.hpp>

namespace {

bool sqlite_is_mapped() {
  std::ifstream maps("/proc/self/maps");
  std::stringstream text;
  text << maps.rdbuf();
  return text.str().find("libsqlite3") != std::string::npos;
}

int fail(const std::string& why) {
  std::cerr << "seam_sqlite_import_light: " << why << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: seam_sqlite_import_light PLUGIN_DIR");
  if (sqlite_is_mapped()) return fail("libsqlite3 is mapped before anything ran: is it linked in?");

  seam::LoaderOptions options;
  options.search_paths = {argv[1]};
  seam::Loader loader(options);
  const seam::Backend* backend = loader.registry().find("search", "sqlite-fts");
  if (backend == nullptr) return fail(std::string("no search:sqlite-fts backend in ") + argv[1]);
  if (loader.registry().find_lister("sqlite-fts") == nullptr) return fail("no sqlite-fts lister");
  if (sqlite_is_mapped()) {
    return fail("libsqlite3 was mapped by discovery or registration; it must wait for first use");
  }

  // Positive twin: the first make_worker loads SQLite. The database does not exist, so the worker
  // fails, and SQLite's own message proves the plugin reached it through the resolved functions.
  const std::filesystem::path missing =
      std::filesystem::temp_directory_path() / "seam-import-light-no-such-dir" / "index.db";
  seam::WorkerSpec spec;
  spec.backend_name = "docs";
  spec.backend_config_json =
      R"({"sdk":"sqlite-fts","options":{"database":")" + missing.string() + R"("}})";
  try {
    seam::Worker worker = backend->make_worker(spec);
    return fail("make_worker on a missing database succeeded");
  } catch (const seam::WorkerError& error) {
    if (std::string(error.what()).find("unable to open database file") == std::string::npos) {
      return fail(std::string("unexpected make_worker failure: ") + error.what());
    }
  }
  if (!sqlite_is_mapped()) return fail("libsqlite3 is not mapped after make_worker");
  std::cout << "libsqlite3 stayed unmapped until the backend was first used\n";
  return 0;
}
