// The loader's reading of a scanner's answers (ScannerConversation, the same code the scanner
// client runs) on any captured conversation (captured_stream.hpp): requests go to ask()/finish(),
// the scanner's messages to on_message(), messages of other processes nowhere, as the client does.
// Whatever the bytes:
//  - nothing crashes, and no file is done that was not asked, begun and answered in turn;
//  - a record handed over names the file it was asked for, and re-encodes to bytes that decode to
//    the same record;
//  - once the conversation says stop, it stays stopped; blame (a violation) falls only on a file
//    that had begun, a refusal only before the scanner greeted.
// Seeds are real conversations, captured from the scanner by capture_scanner_stream.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "captured_stream.hpp"
#include "fuzz_check.hpp"
#include "record_codec.hpp"
#include "scanner_conversation.hpp"
#include "scanner_protocol.hpp"

namespace {

using seam::detail::ScannerConversation;
using Step = ScannerConversation::Step;

std::string encoded(const seam::detail::PluginRecord& record) {
  std::string out;
  seam::detail::encode_record(record, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace protocol = seam::detail::scanner_protocol;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ScannerConversation conversation;
  bool stopped = false;
  for (const seam::fuzz::Frame& frame : seam::fuzz::read_frames(input)) {
    if (frame.kind == 'Q') {
      const auto request = protocol::parse_request(frame.bytes);
      if (!request || conversation.finished()) continue;
      if (request->end) {
        FUZZ_CHECK(conversation.finish() == protocol::end_request(conversation.asked()));
      } else {
        const std::size_t index = conversation.asked();
        const std::string sent = conversation.ask(std::string(request->path));
        FUZZ_CHECK(sent == protocol::scan_request(index, request->path));
        FUZZ_CHECK(conversation.asked_path(index) == request->path);
      }
      continue;
    }
    if (frame.kind != 'A') continue;  // another process's words count for nothing
    const bool greeted = conversation.greeted();
    const std::size_t done = conversation.done();
    const bool in_file = conversation.in_file();
    const Step step = conversation.on_message(frame.bytes);
    FUZZ_CHECK(!stopped || step == Step::stop);
    FUZZ_CHECK(conversation.done() <= conversation.asked());
    FUZZ_CHECK(!conversation.in_file() || conversation.done() < conversation.asked());
    switch (step) {
      case Step::greeted:
        FUZZ_CHECK(!greeted && conversation.greeted());
        break;
      case Step::file_begun:
        FUZZ_CHECK(!in_file && conversation.in_file() && conversation.done() == done);
        break;
      case Step::file_done: {
        FUZZ_CHECK(in_file && !conversation.in_file() && conversation.done() == done + 1);
        const seam::detail::PluginRecord record = conversation.take_record();
        FUZZ_CHECK(record.path() == conversation.asked_path(done));
        FUZZ_CHECK(conversation.scan_time().count() >= 0);
        const std::string bytes = encoded(record);
        const auto again = seam::detail::decode_records(bytes);
        FUZZ_CHECK(again && again->size() == 1 && encoded(again->front()) == bytes);
        break;
      }
      case Step::stop:
        stopped = true;
        FUZZ_CHECK(!conversation.refusal().empty() || !conversation.violation().empty() ||
                   !conversation.doubt().empty());
        FUZZ_CHECK(conversation.refusal().empty() || !greeted);
        FUZZ_CHECK(conversation.violation().empty() || in_file);
        break;
      case Step::go_on:
        FUZZ_CHECK(conversation.done() == done);
        break;
    }
  }
  return 0;
}
