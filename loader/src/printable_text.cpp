#include "printable_text.hpp"

#include <cstdint>

namespace seam {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at TEXT[I] (2 to 4 bytes), or 0.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length;
  std::uint32_t code;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  if (overlong || surrogate || code > 0x10FFFF) return 0;
  return length;
}

// Walks TEXT as UTF-8: each valid character (1 to 4 bytes) goes to ON_CHARACTER as a view, each
// invalid byte becomes U+FFFD in OUT.
template <class OnCharacter>
std::string walk_utf8(std::string_view text, OnCharacter on_character) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      on_character(text.substr(i, length), out);
      i += length;
    }
  }
  return out;
}

void append_escaped(unsigned char code, std::string& out) {
  static const char digits[] = "0123456789abcdef";
  out += "\\x";
  out += digits[code >> 4];
  out += digits[code & 0xF];
}

// Whether TEXT is plain printable ASCII, the common case (names, versions, paths), which needs no
// walk: copying it whole is several times cheaper than appending it a character at a time.
bool plain_ascii(std::string_view text) {
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string printable_text(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  return walk_utf8(text, [](std::string_view character, std::string& out) {
    const unsigned char c = static_cast<unsigned char>(character[0]);
    if (c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      append_escaped(c, out);
    } else if (c == 0xC2 && static_cast<unsigned char>(character[1]) < 0xA0) {
      // C1 controls (U+0080..U+009F) steer terminals as much as C0 ones do.
      append_escaped(static_cast<unsigned char>(character[1]), out);
    } else {
      out += character;
    }
  });
}

std::string valid_utf8(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  return walk_utf8(text, [](std::string_view character, std::string& out) { out += character; });
}

}  // namespace seam
