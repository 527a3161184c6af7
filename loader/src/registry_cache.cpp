#include "registry_cache.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <unordered_set>

#include <seam/seam.h>

#include "dynlib.hpp"
#include "log.hpp"
#include "record_codec.hpp"

namespace seam::detail {

namespace {

constexpr int kFormatVersion = 3;  // 3: binary records; 2: the checksum reads 8 bytes a step
constexpr char kMagic[] = "seam-registry";

std::string hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace

std::uint64_t fnv1a(std::string_view data, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t checksum64(std::string_view data) {
  // FNV-1a's step over 64-bit words: each step is a bijection of the state, so any change to one
  // word changes the result; a byte at a time cost as much as the rest of the cache's decoding.
  std::uint64_t h = 0xcbf29ce484222325ull ^ data.size();
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ull;
  }
  return fnv1a(data.substr(i), h);
}

RegistryCache::RegistryCache(std::filesystem::path file, std::uint64_t settings_hash)
    : file_(std::move(file)), settings_hash_(settings_hash) {}

void RegistryCache::load() {
  std::lock_guard<std::mutex> lock(mutex_);
  records_.clear();
  std::string text;
  // The cache decides which code is believed to be harmless: it is used only from a folder nobody
  // else can change, and only when the file is ours and private. Anything else is not believed.
  const std::filesystem::path folder =
      file_.has_parent_path() ? file_.parent_path() : std::filesystem::path(".");
  if (std::string why = untrusted_because(folder, true); !why.empty()) {
    log().warn("registry cache '{}' is not used: {}; plugins are scanned at every start",
               file_.string(), why);
    unusable_ = true;
    unread_because_ = "the cache is not used: " + why;
    return;
  }
  std::error_code ec;
  std::string error;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file_, ec))) {
    log().debug("registry cache '{}' does not exist yet", file_.string());
    unread_because_ = "the cache did not exist yet";
    dirty_ = true;
    return;
  }
  if (!read_private_file(file_, text, error)) {
    log().warn("registry cache '{}' is ignored and rebuilt: it {}", file_.string(), error);
    unread_because_ = "the cache could not be read: it " + error;
    dirty_ = true;
    return;
  }
  auto reject = [&](const char* why) {
    log().debug("registry cache '{}' ignored ({}); it will be rebuilt", file_.string(), why);
    unread_because_ = std::string("the cache was ignored: ") + why;
    records_.clear();
    dirty_ = true;
  };
  std::size_t newline = text.find('\n');
  if (newline == std::string::npos) return reject("no header");
  std::istringstream header(text.substr(0, newline));
  std::string magic, settings, checksum;
  int format = 0;
  std::uint32_t api = 0;
  std::size_t body_bytes = 0;
  if (!(header >> magic >> format >> api >> settings >> body_bytes >> checksum) ||
      magic != kMagic) {
    return reject("not a registry cache");
  }
  if (format != kFormatVersion) return reject("another format version");
  if (api != SEAM_API_VERSION) return reject("written by a loader of another API version");
  if (settings != hex(settings_hash_))
    return reject("written with other scan settings (host version or scan budget)");
  std::string_view body = std::string_view(text).substr(newline + 1);
  if (body.size() != body_bytes) return reject("truncated or extended");
  if (hex(checksum64(body)) != checksum) return reject("checksum mismatch");
  auto records = decode_records(body);
  if (!records) return reject("malformed records");
  // One allocation holds every loaded record; each entry shares its ownership (aliasing).
  auto loaded = std::make_shared<const std::vector<PluginRecord>>(std::move(*records));
  records_.reserve(loaded->size());
  for (const PluginRecord& record : *loaded) {
    records_.emplace(record.path(), std::shared_ptr<const PluginRecord>(loaded, &record));
  }
  dirty_ = false;
}

std::shared_ptr<const PluginRecord> RegistryCache::find(const std::string& path,
                                                        const Fingerprint& fingerprint,
                                                        bool trust) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = records_.find(path);
  if (it == records_.end()) return nullptr;
  if (!trust && it->second->fingerprint != fingerprint) return nullptr;
  return it->second;
}

std::string RegistryCache::why_missed(const std::string& path,
                                      const Fingerprint& fingerprint) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!unread_because_.empty()) return unread_because_;
  auto it = records_.find(path);
  if (it == records_.end()) return "new file";
  const Fingerprint& was = it->second->fingerprint;
  std::string changed;
  if (was.size != fingerprint.size) changed += "size";
  if (was.mtime_ns != fingerprint.mtime_ns)
    changed += (changed.empty() ? "" : ", ") + std::string("mtime");
  if (was.inode != fingerprint.inode)
    changed += (changed.empty() ? "" : ", ") + std::string("inode");
  return changed.empty() ? "the record was dropped" : changed + " changed";
}

void RegistryCache::put(std::shared_ptr<const PluginRecord> record) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Erased first: the old entry's key views the old record's path.
  records_.erase(record->path());
  const std::string_view key = record->path();
  records_.emplace(key, std::move(record));
  dirty_ = true;
}

void RegistryCache::invalidate(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (records_.erase(path)) {
    dirty_ = true;
    save_locked();
  }
}

void RegistryCache::retain(const std::vector<std::string_view>& paths) {
  std::lock_guard<std::mutex> lock(mutex_);
  // PATHS are distinct files that each have a record by now: equal counts mean nothing to drop,
  // which is every warm start.
  if (records_.size() == paths.size()) return;
  std::unordered_set<std::string_view> keep(paths.begin(), paths.end());
  for (auto it = records_.begin(); it != records_.end();) {
    if (keep.count(it->first)) {
      ++it;
    } else {
      it = records_.erase(it);
      dirty_ = true;
    }
  }
}

void RegistryCache::save() {
  std::lock_guard<std::mutex> lock(mutex_);
  save_locked();
}

void RegistryCache::save_locked() {
  if (!dirty_ || unusable_) return;
  // Sorted by path, so the same plugins always give the same file.
  std::vector<const PluginRecord*> sorted;
  for (const auto& [path, record] : records_) sorted.push_back(record.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const PluginRecord* a, const PluginRecord* b) { return a->path() < b->path(); });
  std::string body;
  for (const PluginRecord* record : sorted) encode_record(*record, body);
  std::string text = std::string(kMagic) + ' ' + std::to_string(kFormatVersion) + ' ' +
                     std::to_string(SEAM_API_VERSION) + ' ' + hex(settings_hash_) + ' ' +
                     std::to_string(body.size()) + ' ' + hex(checksum64(body)) + '\n' + body;
  std::string error;
  if (write_file_atomically(file_, text, error)) {
    dirty_ = false;
    return;
  }
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true)) {
    log().warn("registry cache '{}' cannot be written ({}); plugins will be scanned at every start",
               file_.string(), error);
  }
}

}  // namespace seam::detail
