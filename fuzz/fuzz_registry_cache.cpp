// The registry cache on any bytes, at both levels a warm start trusts:
//  - the record codec: whatever decode_records accepts re-encodes to exactly the same bytes, so
//    nothing in a cache is silently reinterpreted;
//  - the file (header, checksum, records): any file loads without a crash; the records the input
//    decodes to survive a save and a load in a fresh cache; and flipping any one byte of that saved
//    file makes the loader ignore it whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "record_codec.hpp"
#include "registry_cache.hpp"

namespace {

constexpr std::uint64_t kSettings = 0x5eed5eed5eed5eedull;

const std::filesystem::path& folder() {
  static const std::filesystem::path path = [] {
    std::string name = (std::filesystem::temp_directory_path() / "seam-fuzz-cache-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(name.data()) != nullptr);
    return std::filesystem::path(name);
  }();
  return path;
}

// Written private, as the loader writes a cache: it believes no other.
void write(const std::filesystem::path& file, std::string_view bytes) {
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(out.good());
  }
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string encoded(const seam::detail::PluginRecord& record) {
  std::string out;
  seam::detail::encode_record(record, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seam::detail;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto raw_file = folder() / "raw.cache";
  const auto saved_file = folder() / "saved.cache";

  // The input as a whole cache file: loads or is ignored, never crashes.
  write(raw_file, input);
  RegistryCache(raw_file, kSettings).load();

  // The input as a cache body.
  const auto records = decode_records(input);
  if (!records) return 0;
  std::string again;
  std::set<std::string> paths;
  for (const auto& record : *records) {
    encode_record(record, again);
    paths.insert(record.path());
  }
  FUZZ_CHECK(again == input);
  // Two records for one path keep only the last in a cache: compare distinct paths only.
  if (paths.size() != records->size()) return 0;

  std::filesystem::remove(saved_file);
  {
    RegistryCache cache(saved_file, kSettings);
    cache.load();
    for (const auto& record : *records) cache.put(std::make_shared<const PluginRecord>(record));
    cache.save();
  }
  RegistryCache loaded(saved_file, kSettings);
  loaded.load();
  for (const auto& record : *records) {
    const auto found = loaded.find(record.path(), record.fingerprint, false);
    FUZZ_CHECK(found && encoded(*found) == encoded(record));
  }

  // One flipped byte anywhere in the saved file: the whole file is ignored.
  std::string text = read(saved_file);
  FUZZ_CHECK(!text.empty());
  text[(size * 2654435761u) % text.size()] ^= 0x01;
  write(saved_file, text);
  RegistryCache damaged(saved_file, kSettings);
  damaged.load();
  for (const auto& record : *records) {
    FUZZ_CHECK(damaged.find(record.path(), record.fingerprint, true) == nullptr);
  }
  return 0;
}
