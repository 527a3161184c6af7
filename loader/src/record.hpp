// A plugin file's scan result as data: what the registry, the report and `plugins list` are built
// from on a warm start, without mapping any plugin code.
#pragma once

#include <cstdint>
#include <string>

#include <seam/loader/report.hpp>

namespace seam::detail {

// What identifies one version of a file: a different fingerprint means "scan it again".
struct Fingerprint {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;

  bool operator==(const Fingerprint& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && inode == o.inode;
  }
  bool operator!=(const Fingerprint& o) const { return !(*this == o); }
};

struct PluginRecord {
  Fingerprint fingerprint;
  // Descriptor fields, state and reason, contributions; origin is the file's path.
  PluginRow row;

  const std::string& path() const noexcept { return row.origin; }
};

// "plugin 'echo' (builtin)", for messages.
inline std::string who(const PluginRow& row) {
  return "plugin '" + row.name + "' (" + row.origin + ")";
}

}  // namespace seam::detail
