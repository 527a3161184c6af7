#include "record_codec.hpp"

#include <charconv>

namespace seam::detail {

namespace {

constexpr char kEmpty[] = "~";

bool needs_escape(unsigned char c) {
  return c <= 0x20 || c == 0x7F || c == '%' || c == '~';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <class T>
bool parse_number(std::string_view field, T& out) {
  auto result = std::from_chars(field.data(), field.data() + field.size(), out);
  return result.ec == std::errc() && result.ptr == field.data() + field.size();
}

// Splits LINE at spaces into FIELDS, reusing its storage: decoding a cache allocates per record,
// not per line.
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t space = line.find(' ', start);
    if (space == std::string_view::npos) space = line.size();
    fields.push_back(line.substr(start, space - start));
    start = space + 1;
  }
}

std::string_view state_text(PluginState s) {
  return to_string(s);
}

std::optional<PluginState> parse_state(std::string_view text) {
  for (PluginState s : {PluginState::registered, PluginState::disabled, PluginState::broken,
                        PluginState::incompatible, PluginState::duplicate}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

void put(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ' ';
    out += f;
    first = false;
  }
  out += '\n';
}

void encode_dependencies(const Contribution& c, std::string& out) {
  for (const auto& d : c.dependencies) {
    out += "dependency " + escape_field(d.name) + ' ' + escape_field(d.install_hint);
    for (const auto& candidate : d.candidates) out += ' ' + escape_field(candidate);
    out += '\n';
  }
}

}  // namespace

std::string escape_field(std::string_view text) {
  if (text.empty()) return kEmpty;
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (needs_escape(c)) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

bool unescape_into(std::string_view field, std::string& out) {
  out.clear();
  if (field == kEmpty) return true;
  // Runs between escapes are appended whole, as they are: the encoder never writes a raw byte that
  // needs an escape, and the cache's checksum (the scanner's pipe: our own process) vouches for it.
  out.reserve(field.size());
  std::size_t i = 0;
  for (std::size_t percent; (percent = field.find('%', i)) != std::string_view::npos;
       i = percent + 3) {
    out.append(field.data() + i, percent - i);
    int hi = percent + 1 < field.size() ? hex_digit(field[percent + 1]) : -1;
    int lo = percent + 2 < field.size() ? hex_digit(field[percent + 2]) : -1;
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  out.append(field.data() + i, field.size() - i);
  return true;
}

std::optional<std::string> unescape_field(std::string_view field) {
  std::string out;
  if (!unescape_into(field, out)) return std::nullopt;
  return out;
}

void encode_record(const PluginRecord& r, std::string& out) {
  const PluginRow& row = r.row;
  put(out, {"record", escape_field(r.path)});
  put(out, {"fingerprint", std::to_string(r.fingerprint.size),
            std::to_string(r.fingerprint.mtime_ns), std::to_string(r.fingerprint.inode)});
  put(out,
      {"plugin", escape_field(row.name), escape_field(row.version), escape_field(row.description),
       escape_field(row.vendor), std::to_string(row.api_version)});
  put(out, {"state", std::string(state_text(row.state)), escape_field(row.error_kind),
            escape_field(row.reason)});
  for (const auto& c : row.contributions) {
    if (c.kind == Contribution::Kind::backend) {
      put(out, {"backend", escape_field(c.family), escape_field(c.sdk), std::to_string(c.flags),
                std::to_string(c.dependencies.size())});
    } else {
      put(out, {"lister", escape_field(c.sdk), std::to_string(c.flags),
                std::to_string(c.dependencies.size())});
    }
    encode_dependencies(c, out);
  }
  out += "end\n";
}

std::optional<std::vector<PluginRecord>> decode_records(std::string_view text) {
  std::vector<PluginRecord> records;
  // Every record has an "end" line: counting them sizes the vector once.
  std::size_t ends = 0;
  for (std::size_t at = text.find("\nend\n"); at != std::string_view::npos;
       at = text.find("\nend\n", at + 5)) {
    ++ends;
  }
  records.reserve(ends);
  PluginRecord* current = nullptr;
  std::size_t deps_expected = 0;  // dependency lines still owed by the last contribution
  std::size_t start = 0;
  std::vector<std::string_view> f;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return std::nullopt;  // truncated
    split_fields(text.substr(start, newline - start), f);
    start = newline + 1;
    const std::string_view tag = f[0];
    // Fields are decoded straight into their place in the record: no temporary strings.
    auto into = [&](std::size_t i, std::string& out) { return unescape_into(f[i], out); };

    if (tag == "record" && f.size() == 2 && current == nullptr) {
      // More records than "end" lines is malformed, and growing would move CURRENT's record.
      if (records.size() == ends) return std::nullopt;
      current = &records.emplace_back();
      if (!into(1, current->path)) return std::nullopt;
      current->row.origin = current->path;
    } else if (current == nullptr) {
      return std::nullopt;
    } else if (tag == "fingerprint" && f.size() == 4) {
      if (!parse_number(f[1], current->fingerprint.size) ||
          !parse_number(f[2], current->fingerprint.mtime_ns) ||
          !parse_number(f[3], current->fingerprint.inode)) {
        return std::nullopt;
      }
    } else if (tag == "plugin" && f.size() == 6) {
      PluginRow& row = current->row;
      if (!into(1, row.name) || !into(2, row.version) || !into(3, row.description) ||
          !into(4, row.vendor) || !parse_number(f[5], row.api_version)) {
        return std::nullopt;
      }
    } else if (tag == "state" && f.size() == 4) {
      auto state = parse_state(f[1]);
      if (!state || !into(2, current->row.error_kind) || !into(3, current->row.reason)) {
        return std::nullopt;
      }
      current->row.state = *state;
    } else if ((tag == "backend" && f.size() == 5) || (tag == "lister" && f.size() == 4)) {
      if (deps_expected != 0) return std::nullopt;
      // Most plugins register a few things: one allocation instead of growing 1, 2, 4.
      if (current->row.contributions.empty()) current->row.contributions.reserve(4);
      Contribution& c = current->row.contributions.emplace_back();
      const bool backend = tag == "backend";
      c.kind = backend ? Contribution::Kind::backend : Contribution::Kind::lister;
      std::size_t i = 1;
      if (backend && !into(i++, c.family)) return std::nullopt;
      if (!into(i++, c.sdk) || !parse_number(f[i], c.flags) ||
          !parse_number(f[i + 1], deps_expected)) {
        return std::nullopt;
      }
      c.dependencies.reserve(deps_expected);
    } else if (tag == "dependency" && f.size() >= 3 && deps_expected > 0) {
      DependencyInfo& d = current->row.contributions.back().dependencies.emplace_back();
      if (!into(1, d.name) || !into(2, d.install_hint)) return std::nullopt;
      d.candidates.resize(f.size() - 3);
      for (std::size_t i = 3; i < f.size(); ++i) {
        if (!into(i, d.candidates[i - 3])) return std::nullopt;
      }
      --deps_expected;
    } else if (tag == "end" && f.size() == 1 && deps_expected == 0) {
      current = nullptr;
    } else {
      return std::nullopt;
    }
  }
  if (current != nullptr) return std::nullopt;
  return records;
}

}  // namespace seam::detail
