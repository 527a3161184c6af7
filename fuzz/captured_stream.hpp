// A captured scanner conversation (scanner_protocol.hpp) as bytes: what the loader asked and what
// came back on the channel, frame by frame, in the order it happened:
//   KIND LENGTH BYTES   KIND 'Q' a request the loader sent, 'A' a message the scanner sent,
//                       'X' a message another process sent (one a plugin forked); LENGTH two
//                       bytes, little-endian
// capture_scanner_stream writes it from a real scan; fuzz_scanner_protocol reads it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace seam::fuzz {

struct Frame {
  char kind = 'A';
  std::string_view bytes;
};

// The frames of DATA; a last frame cut short keeps what is there.
inline std::vector<Frame> read_frames(std::string_view data) {
  std::vector<Frame> frames;
  while (data.size() >= 3) {
    const std::size_t length = static_cast<unsigned char>(data[1]) |
                               static_cast<std::size_t>(static_cast<unsigned char>(data[2])) << 8;
    const std::string_view bytes = data.substr(3, length);
    frames.push_back(Frame{data[0], bytes});
    data.remove_prefix(3 + bytes.size());
  }
  return frames;
}

// Appends one frame; BYTES longer than a frame holds are cut (no message of the protocol is).
inline void write_frame(std::string& out, char kind, std::string_view bytes) {
  bytes = bytes.substr(0, 0xffff);
  out += kind;
  out += static_cast<char>(bytes.size() & 0xff);
  out += static_cast<char>(bytes.size() >> 8);
  out.append(bytes);
}

}  // namespace seam::fuzz
