// Scanning one plugin file into a record: open it, read its descriptor, run its register against a
// recording registrar. In this process here; in the scanner process through scanner_client.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "loaded_plugin.hpp"
#include "record.hpp"

namespace seam::detail {

// Every setting that changes what a scan produces; its hash keys the registry cache.
struct ScanSettings {
  std::string host_version;
  std::chrono::milliseconds budget{5000};

  std::uint64_t hash() const;
};

struct ScanResult {
  PluginRecord record;
  // The plugin's code, kept when the scan accepted it, so it need not be loaded twice.
  std::shared_ptr<LoadedPlugin> loaded;
  // False when the verdict says nothing lasting about the file (the scan was interrupted from
  // outside): it is reported, but not stored in the registry cache.
  bool cacheable = true;
  // How long loading and registering this file took (until the crash or the timeout for one that
  // never finished); zero when it was never opened.
  std::chrono::microseconds scan_time{0};
};

ScanResult scan_in_process(const std::filesystem::path& file,
                           const std::shared_ptr<SharedServices>& shared);

Fingerprint fingerprint_of(const std::filesystem::path& file);

// A record for a file whose scan never finished (crash, exit, timeout), naming what happened.
PluginRecord broken_scan_record(const std::filesystem::path& file, const std::string& what);

}  // namespace seam::detail
