#include "scan.hpp"

#include <seam/loader/errors.hpp>

#include "dynlib.hpp"
#include "option_names.hpp"
#include "plugin_loading.hpp"
#include "registry_cache.hpp"

namespace seam::detail {

std::uint64_t ScanSettings::hash() const {
  return fnv1a(host_version + "|" + std::to_string(budget.count()));
}

Fingerprint fingerprint_of(const std::filesystem::path& file) {
  Fingerprint f;
  file_identity(file, f.size, f.mtime_ns, f.inode);
  return f;
}

ScanResult scan_in_process(const std::filesystem::path& file,
                           const std::shared_ptr<SharedServices>& shared) {
  ScanResult scan;
  scan.record.fingerprint = fingerprint_of(file);
  PluginInProgress p = load_plugin_file(file, shared);
  scan.record.row = std::move(p.row);
  scan.loaded = std::move(p.plugin);
  return scan;
}

PluginRecord broken_scan_record(const std::filesystem::path& file, const std::string& what) {
  PluginRecord record;
  record.row.origin = path_text(file);
  record.fingerprint = fingerprint_of(file);
  record.row.name = file_stem(record.path());
  record.row.state = PluginState::broken;
  record.row.error_kind = BrokenPluginError("").kind();
  record.row.reason = "Plugin file '" + record.path() + "' " + what +
                      " while it was being scanned. It stays disabled until the file changes; "
                      "remove or rebuild it, or add '" +
                      record.row.name + "' to " + denylist() + ".";
  return record;
}

}  // namespace seam::detail
