// `seam plugins list`: the diagnostic. Prints every row of the loader's report, as an aligned table
// or as JSON, and never fails because a plugin is broken.
#pragma once

#include <exception>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <seam/loader/loader.hpp>

namespace seam::host {

struct ListOptions {
  bool json = false;
  // Also probe each declared dependency (loads the libraries, never the plugins' worker code).
  bool probe = false;
  // Also print every folder searched, with its origin and whether it exists, the configuration
  // file read and whether secure mode is on (-v).
  bool folders = false;
  // Also explain each row: cache hit or miss and why, the scan time, the missing library or
  // symbol of a file that cannot be loaded, and a loud line when no plugin file is usable.
  bool explain = false;
  std::optional<std::filesystem::path> config_file;
};

// The report as one pretty-printed JSON object and a newline, written to OUT a chunk at a time:
// {"ok", "plugins":[...], "problems":[{"kind","message"}], "folders":[{"path","origin","exists"}]}.
// With probing, each
// dependency gets "found" and "candidate" (or "why"). Streamed, not built as a DOM: with a thousand
// plugins the DOM cost most of the command. With EXPLAIN, an "explain" member first:
// {"rows":[{"cache_hit","name","origin","source", "scan_time_us" for a file this start scanned,
// and "missing_library"/"undefined_symbol" for a file that cannot be loaded}], "scan_time_us",
// "usable_plugin_files"}.
void write_report_json(const Loader& loader, bool probe, bool explain, std::ostream& out);
// The same from the report's parts, as text without "folders" or the newline ("ok" is PROBLEMS
// being empty, as Loader::ok()), so tests can feed rows no real plugin produces.
std::string report_json(const std::vector<PluginRow>& report,
                        const std::vector<std::exception_ptr>& problems, bool probe);

// The report as a table with a reason line under each rejected row (and, with probing, a line per
// dependency) and a summary line.
void print_report_table(const Loader& loader, bool probe, std::ostream& out);

// Every folder the loader searched, in order, with its origin and whether it exists.
void print_folders(const Loader& loader, std::ostream& out);

// Prints the report and returns the exit code: 0 or kExitPluginProblems.
int plugins_list(const Loader& loader, const ListOptions& options, std::ostream& out);

}  // namespace seam::host
