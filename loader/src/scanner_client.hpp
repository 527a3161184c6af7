// The loader's side of the scanner process: starts seam-plugin-scanner on a batch of files, reads
// the records it streams back, and turns a scanner that dies or stalls into a broken record for the
// file it was on, then goes on with the rest in a new scanner.
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

// Records for FILES, in order. Throws ScannerUnavailable when no scanner could be started.
std::vector<PluginRecord> scan_isolated(const std::filesystem::path& scanner,
                                        const std::vector<std::filesystem::path>& files,
                                        const ScanSettings& settings);


}  // namespace seam::detail
