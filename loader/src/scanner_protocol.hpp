// What the scanner and the loader say to each other on the scanner's channel.
//
// The channel is a SOCK_SEQPACKET socket pair: every send is one message that no other writer can
// split or interleave, and the loader learns each message's sender from the kernel (SO_PASSCRED),
// so a child a plugin forked cannot speak for the scanner. The scanner keeps its end on a high,
// close-on-exec descriptor that a plugin will not mistake for stdout or stderr.
//
// The loader hands out files one at a time, so that several scanners can share one queue; K counts
// the requests to this scanner from 0, and every request carries it:
//   "scan K PATH"           scan PATH next (an absolute path)
//   "end K"                 there is nothing after the files asked so far; exit when they are done
// A plugin can read the scanner's end of the channel too, but cannot write to the loader's: a
// request it took leaves a gap in K, and the scanner says "doubt" and exits instead of scanning on.
//
// The scanner answers, in order:
//   "seam-scanner 4"        the scanner is ready
//   "begin K PATH"          before any code of file K runs; PATH is the file as it was asked
//   "record K MORE US\n" BYTES  a piece of file K's encoded record (record_codec); MORE is 1 while
//                           pieces follow, 0 on the last one; US is how long the scan of file K
//                           took, in microseconds, as the scanner measured it
//   "doubt K WHY"           after file K's record: the plugin left the process in a state that
//                           cannot be trusted for the next file (WHY says how); the scanner exits
//   "interrupted SIG"       another process told the scanner to stop; nothing is to be blamed
// Before "begin K", the scanner writes output_marker(K) to its stdout, so the loader knows which
// of the captured output the plugin of file K printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seam::detail::scanner_protocol {

constexpr char kHello[] = "seam-scanner 4";
// The largest piece of a record in one message; well under a socket's default send buffer.
constexpr std::size_t kRecordPiece = 32 * 1024;
// The largest message either side accepts: a piece plus its header, or a request with its path.
constexpr std::size_t kMaxMessage = kRecordPiece + 256;
// The scanner's exit code when a plugin closed or replaced its answer descriptor, so that no
// answer can be given for the file.
constexpr int kAnswerLostExit = 121;

inline std::string output_marker(std::size_t index) {
  return "\x1eseam-scanner begin " + std::to_string(index) + "\n";
}

inline std::string scan_request(std::size_t index, std::string_view path) {
  std::string request = "scan " + std::to_string(index) + " ";
  request.append(path);
  return request;
}

inline std::string end_request(std::size_t index) {
  return "end " + std::to_string(index);
}

// Reads a decimal number at the front of TEXT (digits only, no sign, no overflow) and removes it.
inline std::optional<std::uint64_t> take_number(std::string_view& text) {
  std::size_t n = 0;
  std::uint64_t value = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9' && n < 19) {
    value = value * 10 + static_cast<std::uint64_t>(text[n] - '0');
    ++n;
  }
  if (n == 0 || (n < text.size() && text[n] >= '0' && text[n] <= '9')) return std::nullopt;
  text.remove_prefix(n);
  return value;
}

struct Request {
  bool end = false;
  std::uint64_t index = 0;
  std::string_view path;  // empty for "end"
};

// A request as the scanner reads it; nullopt when TEXT is none.
inline std::optional<Request> parse_request(std::string_view text) {
  Request request;
  if (text.rfind("scan ", 0) == 0) {
    text.remove_prefix(5);
  } else if (text.rfind("end ", 0) == 0) {
    text.remove_prefix(4);
    request.end = true;
  } else {
    return std::nullopt;
  }
  const auto index = take_number(text);
  if (!index) return std::nullopt;
  request.index = *index;
  if (request.end) return text.empty() ? std::optional<Request>(request) : std::nullopt;
  if (text.size() < 2 || text[0] != ' ') return std::nullopt;
  request.path = text.substr(1);
  return request;
}

}  // namespace seam::detail::scanner_protocol
