// The registry cache file: scan results keyed by path and fingerprint, so a warm start reads one
// file instead of loading any plugin. Format: a header line
//   seam-registry <format> <api> <settings-hash> <body-bytes> <checksum>
// then the records (record_codec). Anything that does not check out is ignored and rebuilt.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "record.hpp"

namespace seam::detail {

class RegistryCache {
 public:
  // SETTINGS_HASH covers every setting that changes what a scan produces.
  RegistryCache(std::filesystem::path file, std::uint64_t settings_hash);

  // Reads the file; a missing, truncated, damaged or foreign file leaves the cache empty (debug
  // log).
  void load();
  // The record for PATH when its fingerprint equals FINGERPRINT (or, when TRUST, whatever is
  // stored).
  // Records are shared, not copied: a warm start hands them straight to the registry.
  std::shared_ptr<const PluginRecord> find(const std::string& path, const Fingerprint& fingerprint,
                                           bool trust) const;
  // Why PATH with FINGERPRINT has no record ("new file", "size changed", "the cache was written
  // with other scan settings" ...), for `seam plugins list --explain`.
  std::string why_missed(const std::string& path, const Fingerprint& fingerprint) const;
  void put(std::shared_ptr<const PluginRecord> record);
  // Forgets PATH (its file changed under a running host) and saves at once.
  void invalidate(const std::string& path);
  // Keeps only the records of PATHS (files that disappeared are dropped). PATHS are distinct and
  // each has a record.
  void retain(const std::vector<std::string_view>& paths);
  // Writes the file atomically when anything changed. An unwritable location costs only the
  // speed-up (a warning once per process).
  void save();

  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  void save_locked();

  std::filesystem::path file_;
  std::uint64_t settings_hash_;
  // Keyed by a view of the record's own path: the record is immutable and lives as long as its
  // entry, and a warm start copies no path to index it.
  std::unordered_map<std::string_view, std::shared_ptr<const PluginRecord>> records_;
  bool dirty_ = false;
  // Why every lookup misses (the file was missing, damaged, foreign ...); empty when it was read.
  std::string unread_because_;
  // The cache's folder is not a trusted location: neither read nor written.
  bool unusable_ = false;
  mutable std::mutex mutex_;
};

// FNV-1a, 64 bits: the settings hash.
std::uint64_t fnv1a(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ull);
// The cache body's checksum: FNV-1a's step over 64-bit words.
std::uint64_t checksum64(std::string_view data);

}  // namespace seam::detail
