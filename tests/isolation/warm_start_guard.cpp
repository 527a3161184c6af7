// A warm start maps no plugin library: the registry, the report and the rows come from records.
// Checked in a process of its own through /proc/self/maps; the positive twin makes a worker and
// sees the plugin's library mapped, so the check is known to see mappings at all.
//
//   seam_warm_start_guard SCANNER DIR...
#include <seam/loader/loader.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

namespace {

std::set<std::string> mapped_plugin_files(const std::set<std::string>& plugins) {
  std::set<std::string> hits;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    std::error_code ec;
    auto file = std::filesystem::weakly_canonical(line.substr(slash), ec).string();
    if (plugins.count(file)) hits.insert(file);
  }
  return hits;
}

int fail(const std::string& what) {
  std::cerr << "FAIL: " << what << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: seam_warm_start_guard SCANNER DIR...");
  auto cache = std::filesystem::temp_directory_path() /
               ("seam-warm-guard-" + std::to_string(::getpid()) + ".cache");
  seam::LoaderOptions options;
  options.scanner_path = argv[1];
  options.registry_cache = cache;
  std::set<std::string> plugins;
  for (int i = 2; i < argc; ++i) {
    options.search_paths.emplace_back(argv[i]);
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      if (entry.path().extension() == ".so") {
        plugins.insert(std::filesystem::weakly_canonical(entry.path()).string());
      }
    }
  }
  if (plugins.size() < 2) return fail("expected at least two plugin files to watch");

  { seam::Loader cold(options); }  // fills the cache through the scanner
  seam::Loader warm(options);
  std::filesystem::remove(cache);
  for (const auto& row : warm.report()) {
    if (row.state != seam::PluginState::registered) return fail(row.origin + ": " + row.reason);
  }
  if (!mapped_plugin_files(plugins).empty()) {
    return fail("a warm start mapped a plugin library: " + *mapped_plugin_files(plugins).begin());
  }
  std::cout << "ok: warm start listed " << warm.report().size() << " plugins, mapped none of "
            << plugins.size() << " plugin files\n";

  seam::Worker worker = warm.registry().lookup("llm", "calm").make_worker({"b", "{}", "{}"});
  if (mapped_plugin_files(plugins).size() != 1) {
    return fail("after a run, exactly the calm plugin should be mapped");
  }
  std::cout << "ok: after its first use, only " << *mapped_plugin_files(plugins).begin()
            << " is mapped\n";
  return 0;
}
