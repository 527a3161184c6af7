// Runs a program the way a user's shell would, capturing stdout, stderr and the exit code.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seam::test {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when the child was killed by a signal
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string stdin_text;
  // Runs the child here; a temp dir keeps a stray ./seam.toml from leaking in.
  std::optional<std::filesystem::path> cwd;
  // Variables to set (value) or remove (nullopt) on top of this process's environment.
  std::map<std::string, std::optional<std::string>> env;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace seam::test
