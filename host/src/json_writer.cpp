#include "json_writer.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>

namespace seam::host {

namespace {

constexpr std::size_t kIndent = 2;  // dump(2)

// The bytes that end a run copied as is: those escaped, and the lead of anything but ASCII, which
// must be validated. A table keeps the common case (plain ASCII) to one test per byte.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (std::size_t c = 0; c < special.size(); ++c) {
    special[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
  }
  return special;
}();

// The length of the UTF-8 sequence at P (AVAIL bytes left, at least one, P[0] >= 0x80) and whether
// it is well formed (Unicode table 3-7). An ill-formed one reports its maximal subpart, at least
// one byte, so that each gets one U+FFFD and the byte that broke it starts afresh: this is what
// nlohmann's decoder does under error_handler_t::replace.
struct Utf8Sequence {
  bool valid;
  std::size_t length;
};

Utf8Sequence utf8_sequence(const unsigned char* p, std::size_t avail) {
  const unsigned char lead = p[0];
  std::size_t continuation = 0;
  // The range of the first continuation byte; later ones are always 0x80..0xBF. The narrower ranges
  // exclude overlong forms, surrogates and code points above U+10FFFF.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {false, 1};  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  for (std::size_t k = 1; k <= continuation; ++k) {
    if (k == avail || p[k] < low || p[k] > high) return {false, k};
    low = 0x80;
    high = 0xBF;
  }
  return {true, continuation + 1};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  out += '"';
  // Bytes that need nothing are copied in runs: [copied, i) is the pending run.
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < size) {
    const unsigned char c = bytes[i];
    if (!kSpecial[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const Utf8Sequence sequence = utf8_sequence(bytes + i, size - i);
      if (sequence.valid) {
        i += sequence.length;
        continue;
      }
      out.append(text.data() + copied, i - copied);
      out += "\xEF\xBF\xBD";
      i += sequence.length;
      copied = i;
      continue;
    }
    out.append(text.data() + copied, i - copied);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
    copied = ++i;
  }
  out.append(text.data() + copied, size - copied);
  out += '"';
}

void JsonWriter::begin_object() {
  open('{');
}

void JsonWriter::end_object() {
  close('}');
}

void JsonWriter::begin_array() {
  open('[');
}

void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::key(std::string_view name) {
  assert(!empty_.empty() && !after_key_);
  before_value();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::signed_number(std::int64_t value) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
}

void JsonWriter::unsigned_number(std::uint64_t value) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
}

// Every element and member starts on its own line, indented by its depth; a member's value follows
// its key on the key's line.
void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the document's top-level value
  line_break(!empty_.back());
  empty_.back() = false;
}

// One append for the comma, newline and indent: there is one per member, so it shows in profiles.
void JsonWriter::line_break(bool comma) {
  static constexpr std::string_view kBreak =
      ",\n                                                                ";
  constexpr std::size_t kRoom = kBreak.size() - 2;  // the spaces
  const std::size_t width = empty_.size() * kIndent;
  const std::size_t skip = comma ? 0 : 1;
  out_.append(kBreak.data() + skip, 2 - skip + std::min(width, kRoom));
  if (width > kRoom) out_.append(width - kRoom, ' ');
}

void JsonWriter::open(char bracket) {
  if (sink_ != nullptr && out_.size() >= chunk_) {
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
  before_value();
  out_ += bracket;
  empty_.push_back(true);
}

// An empty container closes on its opening line, as in "[]"; any other on a line of its own.
void JsonWriter::close(char bracket) {
  assert(!empty_.empty() && !after_key_);
  const bool empty = empty_.back();
  empty_.pop_back();
  if (!empty) line_break(false);
  out_ += bracket;
}

}  // namespace seam::host
