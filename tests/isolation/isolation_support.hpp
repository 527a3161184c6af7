// Shared by the isolation tests: a private folder per test, copies of fixture plugins in it, and
// loader options that scan through the built scanner.
#pragma once

#include <seam/loader/loader.hpp>

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/temp_dir.hpp"

namespace isolation {

// A fresh folder, removed with everything in it when the object goes (the suites' shared one).
using seam::test::TempDir;

// Copies the hostile fixture NAME ("segv", "calm" ...) into DIR; returns the copy's path.
std::filesystem::path copy_hostile(const std::string& name, const std::filesystem::path& dir);

// Options scanning DIR through the built scanner with a 1 s budget and CACHE (may be empty).
seam::LoaderOptions scanner_options(const std::filesystem::path& dir,
                                    const std::filesystem::path& cache = {});

// The report row whose origin is FILE; fails the test when there is none.
const seam::PluginRow& row_for(const seam::Loader& loader, const std::filesystem::path& file);

// Checks that A and B reported the same rows, every field of every row, contribution and
// dependency; returns how many dependencies were compared.
std::size_t check_same_rows(const seam::Loader& a, const seam::Loader& b);

// Lines of a text file (empty when it does not exist).
std::vector<std::string> read_lines(const std::filesystem::path& file);

// Sets an environment variable for the lifetime of the object (the scanner inherits it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value);
  ~ScopedEnv();

 private:
  const char* name_;
};

// Marks every process started while it lives (scanners, and what plugins start in them) with TEXT
// in its environment, so processes_mentioning(TEXT) finds them; TEXT is usually a test's folder.
class ProcessMark : public ScopedEnv {
 public:
  explicit ProcessMark(const std::string& text) : ScopedEnv("SEAM_TEST_PROCESS_MARK", text) {}
};

// Pids of the other processes whose command line or environment (as they were started) mention
// TEXT.
std::vector<pid_t> processes_mentioning(const std::string& text);

// Pids of the other processes that have FILE mapped (the scanner scanning a plugin file).
std::vector<pid_t> processes_mapping(const std::filesystem::path& file);

// Waits up to a few seconds for no process to mention TEXT; true when none does.
bool none_left(const std::string& text);

// "NAME PID" lines of a calm-named plugin's scan log: the pids of the processes that scanned.
std::vector<long> scanner_pids(const std::vector<std::string>& log_lines);

}  // namespace isolation
