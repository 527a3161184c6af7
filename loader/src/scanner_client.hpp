// The loader's side of the scanner process: starts seam-plugin-scanner on a batch of files, checks
// every answer against what was asked (scanner_protocol.hpp), and turns a scanner that dies, stalls
// or answers out of turn into a broken record for the file it was on — naming what happened and
// what the plugin printed last — then goes on with the rest in a new scanner. A scanner that a
// plugin left in doubt is replaced before the next file; one stopped from outside blames no one.
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

// Results for FILES, in order. Throws ScannerUnavailable when no scanner could be started.
std::vector<ScanResult> scan_isolated(const std::filesystem::path& scanner,
                                      const std::vector<std::filesystem::path>& files,
                                      const ScanSettings& settings);


}  // namespace seam::detail
