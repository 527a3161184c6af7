// What the scanner and the loader say to each other on the scanner's answer channel.
//
// The channel is a SOCK_SEQPACKET socket pair: every send is one message that no other writer can
// split or interleave, and the loader learns each message's sender from the kernel (SO_PASSCRED),
// so a child a plugin forked cannot speak for the scanner. The scanner keeps its end on a high,
// close-on-exec descriptor that a plugin will not mistake for stdout or stderr.
//
// Messages, in order; I is the file's index in the scanner's argument list:
//   "seam-scanner 3"        the scanner is ready
//   "begin I PATH"          before any code of file I runs; PATH is the file as it was asked
//   "record I MORE\n" BYTES  a piece of file I's encoded record (record_codec); MORE is 1 while
//                           pieces follow, 0 on the last one
//   "doubt I WHY"           after file I's record: the plugin left the process in a state that
//                           cannot be trusted for the next file (WHY says how); the scanner exits
//   "interrupted SIG"       another process told the scanner to stop; nothing is to be blamed
// Before "begin I", the scanner writes output_marker(I) to its stdout, so the loader knows which
// of the captured output the plugin of file I printed.
#pragma once

#include <cstddef>
#include <string>

namespace seam::detail::scanner_protocol {

constexpr char kHello[] = "seam-scanner 3";
// The largest piece of a record in one message; well under a socket's default send buffer.
constexpr std::size_t kRecordPiece = 32 * 1024;
// The largest message the loader accepts: a piece plus its header.
constexpr std::size_t kMaxMessage = kRecordPiece + 256;
// The scanner's exit code when a plugin closed or replaced its answer descriptor, so that no
// answer can be given for the file.
constexpr int kAnswerLostExit = 121;

inline std::string output_marker(std::size_t index) {
  return "\x1eseam-scanner begin " + std::to_string(index) + "\n";
}

}  // namespace seam::detail::scanner_protocol
