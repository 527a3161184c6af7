#include "semver.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace seam::detail {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A numeric identifier: digits, no leading zero unless it is "0", of any length.
bool numeric_part(std::string_view s, std::string& out) {
  if (!all_digits(s) || (s.size() > 1 && s[0] == '0')) return false;
  out = std::string(s);
  return true;
}

// Orders numbers written without leading zeros: the longer is larger, equal lengths compare as
// text.
std::pair<std::size_t, std::string_view> numeric_key(const std::string& digits) {
  return {digits.size(), digits};
}

// Dot-separated non-empty identifiers of [0-9A-Za-z-].
bool dotted_identifiers(std::string_view s) {
  if (s.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty()) return false;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// "1", "1.2" or "1.2.3" (no suffixes), missing parts are zero.
std::optional<Version> parse_partial(std::string_view text) {
  Version v;
  std::string* parts[] = {&v.major, &v.minor, &v.patch};
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!numeric_part(part, *parts[i])) return std::nullopt;
    if (dot == std::string_view::npos) return v;
    start = dot + 1;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string to_text(const Version& v) {
  return v.major + "." + v.minor + "." + v.patch;
}

}  // namespace

std::optional<Version> parse_semver(std::string_view text) {
  std::size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    if (!dotted_identifiers(text.substr(plus + 1))) return std::nullopt;
    text = text.substr(0, plus);
  }
  std::size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    if (!dotted_identifiers(text.substr(dash + 1))) return std::nullopt;
    text = text.substr(0, dash);
  }
  if (std::count(text.begin(), text.end(), '.') != 2) return std::nullopt;
  return parse_partial(text);
}

std::string range_problem(std::string_view range, const Version& version) {
  auto key = [](const Version& v) {
    return std::make_tuple(numeric_key(v.major), numeric_key(v.minor), numeric_key(v.patch));
  };
  std::size_t start = 0;
  while (start <= range.size()) {
    std::size_t comma = range.find(',', start);
    std::string_view item =
        trim(range.substr(start, comma == std::string_view::npos ? comma : comma - start));
    start = comma == std::string_view::npos ? range.size() + 1 : comma + 1;
    std::string_view op;
    for (std::string_view candidate : {">=", "<=", "==", ">", "<", "="}) {
      if (item.substr(0, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    if (op.empty()) return "malformed host version range '" + std::string(range) + "'";
    auto bound = parse_partial(trim(item.substr(op.size())));
    if (!bound) return "malformed host version range '" + std::string(range) + "'";
    auto a = key(version), b = key(*bound);
    bool ok = (op == ">=")   ? a >= b
              : (op == "<=") ? a <= b
              : (op == ">")  ? a > b
              : (op == "<")  ? a < b
                             : a == b;
    if (!ok) {
      return "host version " + to_text(version) + " is outside the plugin's range '" +
             std::string(range) + "'";
    }
  }
  return {};
}

}  // namespace seam::detail
