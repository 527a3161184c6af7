// The SSE parser on any byte stream: it never crashes, and the events it dispatches do not depend
// on how the network cut the stream into pieces. The first byte chooses the cuts.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz_check.hpp"
#include "sse_parser.hpp"
#include "stream_pieces.hpp"

namespace {

using Events = std::vector<std::tuple<std::string, std::string, std::string>>;

struct Outcome {
  Events events;
  std::string last_event_id;
  std::uint64_t retry_ms = 0;
  bool has_retry = false;
};

Outcome parse(std::string_view stream, unsigned seed) {
  Outcome outcome;
  seam_examples::SseParser parser([&](const seam_examples::SseEvent& event) {
    outcome.events.emplace_back(event.type, event.data, event.id);
    return true;
  });
  feed_in_pieces(stream, seed, [&](std::string_view piece) { parser.feed(piece); });
  outcome.last_event_id = std::string(parser.last_event_id());
  if (auto retry = parser.retry_ms()) {
    outcome.has_retry = true;
    outcome.retry_ms = *retry;
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned seed = data[0];
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  const Outcome whole = parse(stream, 0);
  const Outcome pieces = parse(stream, seed | 1u);
  FUZZ_CHECK(whole.events == pieces.events);
  FUZZ_CHECK(whole.last_event_id == pieces.last_event_id);
  FUZZ_CHECK(whole.has_retry == pieces.has_retry && whole.retry_ms == pieces.retry_ms);
  for (const auto& [type, event_data, id] : whole.events) {
    FUZZ_CHECK(id.find('\0') == std::string::npos);
    FUZZ_CHECK(type.find_first_of("\r\n") == std::string::npos);
  }

  // A tiny bound: an overlong line or event is a length_error, never unbounded growth or a crash.
  seam_examples::SseParser bounded([](const seam_examples::SseEvent&) { return true; }, 16);
  try {
    bounded.feed(stream);
  } catch (const std::length_error&) {
  }
  return 0;
}
