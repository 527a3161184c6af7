#include "record_codec.hpp"

#include <cstdint>
#include <iterator>

namespace seam::detail {

namespace {

// Integers are written little-endian byte by byte, so the encoding does not depend on the host.
void put_u32(std::string& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v), static_cast<char>(v >> 8),
                         static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
  out.append(bytes, 4);
}

void put_u64(std::string& out, std::uint64_t v) {
  put_u32(out, static_cast<std::uint32_t>(v));
  put_u32(out, static_cast<std::uint32_t>(v >> 32));
}

void put_text(std::string& out, const std::string& text) {
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

// Reads what put_* wrote. Every read checks the bytes left; after a failed read every later one
// fails too, so a decoder checks once, at the end of a record.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool ok() const noexcept { return ok_; }
  bool at_end() const noexcept { return at_ == data_.size(); }

  std::uint32_t u32() {
    if (!take(4)) return 0;
    const auto* p = reinterpret_cast<const unsigned char*>(data_.data() + at_ - 4);
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
  }
  std::uint64_t u64() {
    const std::uint64_t low = u32();
    return low | std::uint64_t(u32()) << 32;
  }
  void text(std::string& out) {
    const std::uint32_t size = u32();
    if (take(size)) out.assign(data_.data() + at_ - size, size);
  }
  // A count of items that take at least MIN_BYTES each: a damaged count cannot make the decoder
  // reserve more than the data could hold.
  std::uint32_t count(std::size_t min_bytes) {
    const std::uint32_t n = u32();
    if (ok_ && n > (data_.size() - at_) / min_bytes) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  bool take(std::size_t n) {
    if (!ok_ || n > data_.size() - at_) {
      ok_ = false;
      return false;
    }
    at_ += n;
    return true;
  }

  std::string_view data_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

constexpr PluginState kStates[] = {PluginState::registered, PluginState::disabled,
                                   PluginState::broken, PluginState::incompatible,
                                   PluginState::duplicate};

std::uint32_t state_code(PluginState state) {
  for (std::uint32_t i = 0; i < std::size(kStates); ++i) {
    if (kStates[i] == state) return i;
  }
  return 0;
}

bool read_record(Reader& in, PluginRecord& record) {
  PluginRow& row = record.row;
  in.text(row.origin);
  record.fingerprint.size = in.u64();
  record.fingerprint.mtime_ns = static_cast<std::int64_t>(in.u64());
  record.fingerprint.inode = in.u64();
  in.text(row.name);
  in.text(row.version);
  in.text(row.description);
  in.text(row.vendor);
  row.api_version = in.u32();
  const std::uint32_t state = in.u32();
  if (state >= std::size(kStates)) return false;
  row.state = kStates[state];
  in.text(row.error_kind);
  in.text(row.reason);
  row.contributions.resize(in.count(20));
  for (Contribution& c : row.contributions) {
    const std::uint32_t kind = in.u32();
    if (kind > 1) return false;
    c.kind = kind == 0 ? Contribution::Kind::backend : Contribution::Kind::lister;
    in.text(c.family);
    in.text(c.sdk);
    c.flags = in.u32();
    c.dependencies.resize(in.count(12));
    for (DependencyInfo& d : c.dependencies) {
      in.text(d.name);
      in.text(d.install_hint);
      d.candidates.resize(in.count(4));
      for (std::string& candidate : d.candidates) in.text(candidate);
    }
  }
  return in.ok();
}

}  // namespace

void encode_record(const PluginRecord& record, std::string& out) {
  const PluginRow& row = record.row;
  put_text(out, row.origin);
  put_u64(out, record.fingerprint.size);
  put_u64(out, static_cast<std::uint64_t>(record.fingerprint.mtime_ns));
  put_u64(out, record.fingerprint.inode);
  put_text(out, row.name);
  put_text(out, row.version);
  put_text(out, row.description);
  put_text(out, row.vendor);
  put_u32(out, row.api_version);
  put_u32(out, state_code(row.state));
  put_text(out, row.error_kind);
  put_text(out, row.reason);
  put_u32(out, static_cast<std::uint32_t>(row.contributions.size()));
  for (const Contribution& c : row.contributions) {
    put_u32(out, c.kind == Contribution::Kind::backend ? 0 : 1);
    put_text(out, c.family);
    put_text(out, c.sdk);
    put_u32(out, c.flags);
    put_u32(out, static_cast<std::uint32_t>(c.dependencies.size()));
    for (const DependencyInfo& d : c.dependencies) {
      put_text(out, d.name);
      put_text(out, d.install_hint);
      put_u32(out, static_cast<std::uint32_t>(d.candidates.size()));
      for (const std::string& candidate : d.candidates) put_text(out, candidate);
    }
  }
}

std::optional<std::vector<PluginRecord>> decode_records(std::string_view data) {
  Reader in(data);
  std::vector<PluginRecord> records;
  // The fewest bytes a record can take (seven empty texts, three 8-byte and three 4-byte numbers)
  // bounds how many there can be. Reserving that many never moves a record: growing by doubling
  // copied every record and touched twice the memory, which a start with thousands of plugins
  // pays for in page faults. Room reserved and never written is never faulted in.
  constexpr std::size_t kFewestRecordBytes = 7 * 4 + 3 * 8 + 3 * 4;
  records.reserve(data.size() / kFewestRecordBytes + 1);
  while (!in.at_end()) {
    if (!read_record(in, records.emplace_back())) return std::nullopt;
  }
  return records;
}

}  // namespace seam::detail
