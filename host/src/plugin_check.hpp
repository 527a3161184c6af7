// `seam plugins check FILE`: a validator for plugin authors. Reads the file's ELF headers, then
// opens it and runs its register twice in a child process (a crash or a hang is reported, not
// suffered), and reports every finding as ok, warning or error.
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace seam::host {

struct Finding {
  std::string severity;  // "ok", "warning" or "error"
  std::string check;     // "file", "exports", "needed", "load", "descriptor", "register" ...
  std::string message;
};

struct CheckResult {
  std::filesystem::path file;
  std::vector<Finding> findings;
  nlohmann::json plugin = nlohmann::json::object();  // name, version, api_version when read

  bool ok() const;
  nlohmann::json to_json() const;
};

CheckResult check_plugin(const std::filesystem::path& file, std::chrono::milliseconds timeout,
                         const std::string& host_version);

void print_check(const CheckResult& result, std::ostream& out);

}  // namespace seam::host
