// The import-light guarantee, checked in a process of its own: discovering every plugin this tree
// builds and building the registry maps no library any of them declares as a dependency. Its
// positive twin: making a worker of a backend with an installed dependency maps that library, so
// the check is known to see mappings at all.
#include <seam/loader/loader.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

namespace {

// File names of every mapped object, e.g. "libsqlite3.so.0.8.6".
std::set<std::string> mapped_files() {
  std::set<std::string> files;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    auto slash = line.rfind('/');
    if (slash != std::string::npos) files.insert(line.substr(slash + 1));
  }
  return files;
}

// Mapped files whose name begins with one of CANDIDATES ("libsqlite3.so.0" matches
// "libsqlite3.so.0.8.6").
std::set<std::string> mapped_among(const std::set<std::string>& candidates) {
  std::set<std::string> hits;
  for (const auto& file : mapped_files()) {
    for (const auto& candidate : candidates) {
      if (file.rfind(candidate, 0) == 0) hits.insert(file);
    }
  }
  return hits;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: seam_import_light_guard PLUGIN_OUTPUT_DIR\n";
    return 2;
  }
  seam::LoaderOptions options;
  options.on_error = seam::OnError::skip;
  // Every plugin folder but check/ and hostile/, whose fixtures crash on purpose and are only
  // opened in a child process by `seam plugins check`.
  for (auto it = std::filesystem::recursive_directory_iterator(argv[1]);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (!it->is_directory()) continue;
    if (it->path().filename() == "check" || it->path().filename() == "hostile") {
      it.disable_recursion_pending();
      continue;
    }
    options.search_paths.push_back(it->path());
  }
  seam::Loader loader(options);

  std::set<std::string> declared;
  for (const auto& row : loader.report()) {
    for (const auto& c : row.contributions) {
      for (const auto& d : c.dependencies)
        declared.insert(d.candidates.begin(), d.candidates.end());
    }
  }
  if (declared.count("libsqlite3.so.0") == 0) {
    std::cerr
        << "FAIL: the needs-sqlite fixture was not discovered; the guard would prove nothing\n";
    return 1;
  }
  std::set<std::string> early = mapped_among(declared);
  if (!early.empty()) {
    std::cerr << "FAIL: discovery and the registry build mapped declared dependencies:";
    for (const auto& f : early) std::cerr << ' ' << f;
    std::cerr << '\n';
    return 1;
  }
  std::cout << "ok: " << loader.report().size() << " plugins discovered, none of "
            << declared.size() << " declared dependency files mapped\n";

  seam::Worker worker =
      loader.registry().lookup("llm", "needs-sqlite").make_worker({"b", "{}", "{}"});
  if (mapped_among({"libsqlite3.so.0"}).empty()) {
    std::cerr << "FAIL: libsqlite3 is not mapped after making a worker that requires it\n";
    return 1;
  }
  std::cout << "ok: libsqlite3 is mapped once its backend made a worker\n";
  return 0;
}
