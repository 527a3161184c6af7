// The loader's side of the scanner processes: starts as many seam-plugin-scanner processes as it
// may run at once, hands each file to whichever is free, checks every answer against what was
// asked (scanner_conversation.hpp), and turns a scanner that dies, stalls or answers out of turn
// into a broken record for the file it was on — naming what happened and what the plugin printed
// last — while the files it held but never began go to another scanner. A scanner that a plugin
// left in doubt is replaced before its next file; one stopped from outside blames no one.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "record.hpp"
#include "scan.hpp"

namespace seam::detail {

// The scanner could not be started (missing, not executable, unsupported platform).
class ScannerUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// False where the scanner process does not exist yet (Windows): there plugins are scanned in the
// host process, as documented, whatever LoaderOptions say.
bool isolated_scanning_available() noexcept;

// How many scanners scan FILES files at once when JOBS are asked for (0: one per CPU this process
// may run on): at most kMaxScanJobs, and never more than there are files.
std::size_t scanners_for(unsigned jobs, std::size_t files);

// Results for FILES, in order, whichever scanner finished which file first. Throws
// ScannerUnavailable when no scanner could be started.
std::vector<ScanResult> scan_isolated(const std::filesystem::path& scanner,
                                      const std::vector<std::filesystem::path>& files,
                                      const ScanSettings& settings, unsigned jobs);

}  // namespace seam::detail
