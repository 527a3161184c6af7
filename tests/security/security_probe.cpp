// A host that links the loader statically, as a setuid program would (the dynamic linker ignores
// $ORIGIN and LD_LIBRARY_PATH for those), and prints what the loader decided, as JSON:
//   {"secure_mode": b, "elevated": b, "ignored": [names], "folders": [{"path","origin"}],
//    "rows": [{"name","state","reason"}]}
// It searches SEAM_PLUGIN_PATH (through the loader's helper) and the default folders, and scans
// with the scanner found from its own file unless argv[1] names one.
#include <iostream>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>
#include <seam/loader/security.hpp>

// A setuid process is not dumpable, so LeakSanitizer cannot stop its threads (and the process
// cannot read its own environment, so ASAN_OPTIONS would not reach it): in an AddressSanitizer
// build the probe runs without the leak check. Without ASan nothing calls this.
extern "C" const char* __asan_default_options() {
  return "detect_leaks=0";
}

int main(int argc, char** argv) {
  seam::LoaderOptions options;
  for (auto& path : seam::plugin_path_from_environment()) {
    options.search_paths.emplace_back(std::move(path), seam::FolderOrigin::env);
  }
  options.default_folders = true;
  options.on_error = seam::OnError::skip;
  if (argc > 1) options.scanner_path = argv[1];
  seam::Loader loader(options);
  nlohmann::json out = {{"secure_mode", seam::secure_mode()},
                        {"elevated", seam::process_is_elevated()},
                        {"ignored", seam::ignored_environment()},
                        {"folders", nlohmann::json::array()},
                        {"rows", nlohmann::json::array()}};
  for (const auto& folder : loader.searched_folders()) {
    out["folders"].push_back(
        {{"path", folder.path.string()}, {"origin", std::string(seam::to_string(folder.origin))}});
  }
  for (const auto& row : loader.report()) {
    out["rows"].push_back({{"name", row.name},
                           {"state", std::string(seam::to_string(row.state))},
                           {"reason", row.reason}});
  }
  std::cout << out.dump() << '\n';
  return 0;
}
