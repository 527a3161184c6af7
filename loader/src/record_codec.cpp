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

std::optional<std::string> unescape_field(std::string_view field) {
  if (field == kEmpty) return std::string();
  if (field.find('%') == std::string_view::npos) {
    for (char c : field) {
      if (needs_escape(static_cast<unsigned char>(c))) return std::nullopt;
    }
    return std::string(field);
  }
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '%') {
      if (needs_escape(static_cast<unsigned char>(field[i]))) return std::nullopt;
      out += field[i];
      continue;
    }
    int hi = i + 1 < field.size() ? hex_digit(field[i + 1]) : -1;
    int lo = i + 2 < field.size() ? hex_digit(field[i + 2]) : -1;
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
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
  PluginRecord current;
  bool open = false;
  std::size_t deps_expected = 0;  // dependency lines still owed by the last contribution
  std::size_t start = 0;
  std::vector<std::string_view> f;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return std::nullopt;  // truncated
    split_fields(text.substr(start, newline - start), f);
    start = newline + 1;
    const std::string_view tag = f[0];
    auto field = [&](std::size_t i) { return unescape_field(f[i]); };

    if (tag == "record" && f.size() == 2 && !open) {
      auto path = field(1);
      if (!path) return std::nullopt;
      current = PluginRecord{};
      current.path = *path;
      current.row.origin = *path;
      open = true;
    } else if (!open) {
      return std::nullopt;
    } else if (tag == "fingerprint" && f.size() == 4) {
      if (!parse_number(f[1], current.fingerprint.size) ||
          !parse_number(f[2], current.fingerprint.mtime_ns) ||
          !parse_number(f[3], current.fingerprint.inode)) {
        return std::nullopt;
      }
    } else if (tag == "plugin" && f.size() == 6) {
      auto name = field(1), version = field(2), description = field(3), vendor = field(4);
      if (!name || !version || !description || !vendor ||
          !parse_number(f[5], current.row.api_version)) {
        return std::nullopt;
      }
      current.row.name = *name;
      current.row.version = *version;
      current.row.description = *description;
      current.row.vendor = *vendor;
    } else if (tag == "state" && f.size() == 4) {
      auto state = parse_state(f[1]);
      auto kind = field(2), reason = field(3);
      if (!state || !kind || !reason) return std::nullopt;
      current.row.state = *state;
      current.row.error_kind = *kind;
      current.row.reason = *reason;
    } else if ((tag == "backend" && f.size() == 5) || (tag == "lister" && f.size() == 4)) {
      if (deps_expected != 0) return std::nullopt;
      Contribution c;
      const bool backend = tag == "backend";
      c.kind = backend ? Contribution::Kind::backend : Contribution::Kind::lister;
      std::size_t i = 1;
      if (backend) {
        auto family = field(i++);
        if (!family) return std::nullopt;
        c.family = *family;
      }
      auto sdk = field(i++);
      if (!sdk || !parse_number(f[i], c.flags) || !parse_number(f[i + 1], deps_expected)) {
        return std::nullopt;
      }
      c.sdk = *sdk;
      current.row.contributions.push_back(std::move(c));
    } else if (tag == "dependency" && f.size() >= 3 && deps_expected > 0) {
      DependencyInfo d;
      auto name = field(1), hint = field(2);
      if (!name || !hint) return std::nullopt;
      d.name = *name;
      d.install_hint = *hint;
      for (std::size_t i = 3; i < f.size(); ++i) {
        auto candidate = field(i);
        if (!candidate) return std::nullopt;
        d.candidates.push_back(*candidate);
      }
      current.row.contributions.back().dependencies.push_back(std::move(d));
      --deps_expected;
    } else if (tag == "end" && f.size() == 1 && deps_expected == 0) {
      records.push_back(std::move(current));
      open = false;
    } else {
      return std::nullopt;
    }
  }
  if (open) return std::nullopt;
  return records;
}

}  // namespace seam::detail
