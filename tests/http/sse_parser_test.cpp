// The openai plugin's SSE parser against the WHATWG event stream rules, fed whole, at every split
// point and byte by byte. Each rule that drops or changes something has a twin that shows the
// normal case goes through.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sse_parser.hpp"

using seam_examples::SseEvent;
using seam_examples::SseParser;

namespace {

struct Seen {
  std::string type;
  std::string data;
  std::string id;
  bool operator==(const Seen& other) const {
    return type == other.type && data == other.data && id == other.id;
  }
};

// Feeds PIECES in order and returns every dispatched event.
std::vector<Seen> parse(const std::vector<std::string>& pieces) {
  std::vector<Seen> seen;
  SseParser parser([&](const SseEvent& e) {
    seen.push_back({std::string(e.type), std::string(e.data), std::string(e.id)});
    return true;
  });
  for (const std::string& piece : pieces) parser.feed(piece);
  return seen;
}

std::vector<Seen> parse(const std::string& whole) {
  return parse(std::vector<std::string>{whole});
}

std::vector<Seen> data_events(std::initializer_list<const char*> data) {
  std::vector<Seen> events;
  for (const char* d : data) events.push_back({"message", d, ""});
  return events;
}

// A stream with every construct at once, including multi-byte UTF-8 and all three line ends.
const std::string kMixed =
    "\xEF\xBB\xBF"  // byte order mark
    ": comment\r\n"
    "event: greeting\r\n"
    "id: 7\r\n"
    "data: h\xC3\xA9llo\r\n"
    "data:  two spaces\r\n"
    "\r\n"
    "data: w\xC3\xB6rld \xF0\x9F\x8C\x8D\r\r"
    "data\n"
    "data: x\n\n"
    "retry: 250\n"
    "data: [DONE]\n\n";

const std::vector<Seen> kMixedEvents = {
    {"greeting", "h\xC3\xA9llo\n two spaces", "7"},
    {"message", "w\xC3\xB6rld \xF0\x9F\x8C\x8D", "7"},
    {"message", "\nx", "7"},
    {"message", "[DONE]", "7"},
};

}  // namespace

// So a failed comparison prints the events.
template <>
struct doctest::StringMaker<std::vector<Seen>> {
  static String convert(const std::vector<Seen>& events) {
    std::string text = "[";
    for (const Seen& e : events) text += "{" + e.type + "|" + e.data + "|" + e.id + "}";
    return (text + "]").c_str();
  }
};

TEST_CASE("sse: LF, CR and CRLF line ends all end lines and dispatch on a blank line") {
  const auto expected = data_events({"a", "b"});
  CHECK(parse("data: a\n\ndata: b\n\n") == expected);
  CHECK(parse("data: a\r\rdata: b\r\r") == expected);
  CHECK(parse("data: a\r\n\r\ndata: b\r\n\r\n") == expected);
  CHECK(parse("data: a\r\n\rdata: b\n\r\n") == expected);
}

TEST_CASE("sse: a line starting with ':' is a comment, its twin without the colon is a field") {
  CHECK(parse(": data: hidden\ndata: shown\n\n") == data_events({"shown"}));
  CHECK(parse(" : data\ndata: shown\n\n") == data_events({"shown"}));  // " " is an unknown field
  CHECK(parse("data: : not a comment\n\n") == data_events({": not a comment"}));
}

TEST_CASE("sse: one optional space after the colon is removed, and only one") {
  CHECK(parse("data:x\n\n") == data_events({"x"}));
  CHECK(parse("data: x\n\n") == data_events({"x"}));
  CHECK(parse("data:  x\n\n") == data_events({" x"}));
  CHECK(parse("data: a:b: c\n\n") == data_events({"a:b: c"}));
}

TEST_CASE("sse: a line without a colon is the field with an empty value") {
  CHECK(parse("data\n\n") == data_events({""}));
  CHECK(parse("data\ndata\n\n") == data_events({"\n"}));
}

TEST_CASE("sse: data lines of one event are joined with a line feed") {
  CHECK(parse("data: {\"a\":\ndata: 1}\n\n") == data_events({"{\"a\":\n1}"}));
  // Twin: a blank line between them makes two events.
  CHECK(parse("data: {\"a\":\n\ndata: 1}\n\n") == data_events({"{\"a\":", "1}"}));
}

TEST_CASE("sse: a blank line with no data dispatches nothing and forgets the event type") {
  CHECK(parse("event: x\n\ndata: a\n\n") == data_events({"a"}));
  CHECK(parse("\n\n\n").empty());
  // Twin: the event type applies to the data of its own event.
  CHECK(parse("event: x\ndata: a\n\n") == std::vector<Seen>{{"x", "a", ""}});
}

TEST_CASE("sse: the event type resets after each dispatch, the last event id persists") {
  CHECK(parse("event: a\nid: 1\ndata: one\n\ndata: two\n\nid: 2\ndata: three\n\n") ==
        std::vector<Seen>{{"a", "one", "1"}, {"message", "two", "1"}, {"message", "three", "2"}});
}

TEST_CASE("sse: an id containing NUL is ignored, a plain one is kept") {
  CHECK(parse(std::string("id: 5\nid: b\0d\ndata: x\n\n", 23)) ==
        std::vector<Seen>{{"message", "x", "5"}});
  CHECK(parse("id: 5\nid: 6\ndata: x\n\n") == std::vector<Seen>{{"message", "x", "6"}});
}

TEST_CASE("sse: retry takes digits only") {
  SseParser parser([](const SseEvent&) { return true; });
  parser.feed("retry: 1500\n");
  CHECK(parser.retry_ms() == std::optional<std::uint64_t>(1500));
  parser.feed("retry: 15x\nretry: -1\nretry:\n");
  CHECK(parser.retry_ms() == std::optional<std::uint64_t>(1500));
}

TEST_CASE("sse: unknown fields are ignored") {
  CHECK(parse("foo: bar\ndata: x\nbaz\n\n") == data_events({"x"}));
}

TEST_CASE("sse: a leading byte order mark is dropped, even split, a later one is data") {
  CHECK(parse("\xEF\xBB\xBF"
              "data: x\n\n") == data_events({"x"}));
  CHECK(parse(std::vector<std::string>{"\xEF", "\xBB",
                                       "\xBF"
                                       "data: x\n\n"}) == data_events({"x"}));
  CHECK(parse("data: \xEF\xBB\xBFx\n\n") == data_events({"\xEF\xBB\xBFx"}));
  // Bytes that only start like a BOM are kept.
  CHECK(parse(std::vector<std::string>{"\xEF", "data: x\n\n"}).empty());  // "\xEF" "data" field
  CHECK(parse(std::vector<std::string>{"\xEF\xBB", "\n", "data: y\n\n"}) == data_events({"y"}));
}

TEST_CASE("sse: an event cut off by the end of the stream is not dispatched") {
  CHECK(parse("data: whole\n\ndata: cut").size() == 1);
  CHECK(parse("data: whole\n\ndata: cut\n").size() == 1);
  // Twin: with its blank line it is.
  CHECK(parse("data: whole\n\ndata: cut\n\n").size() == 2);
}

TEST_CASE("sse: the mixed stream parses the same whole, split anywhere in two, or byte by byte") {
  REQUIRE(parse(kMixed) == kMixedEvents);
  for (std::size_t cut = 0; cut <= kMixed.size(); ++cut) {
    INFO("split at byte ", cut);
    CHECK(parse({kMixed.substr(0, cut), kMixed.substr(cut)}) == kMixedEvents);
  }
  std::vector<std::string> bytes;
  for (char c : kMixed) bytes.emplace_back(1, c);
  CHECK(parse(bytes) == kMixedEvents);
}

TEST_CASE("sse: split in three anywhere, including inside every UTF-8 character and CRLF") {
  for (std::size_t a = 0; a <= kMixed.size(); a += 3) {
    for (std::size_t b = a; b <= kMixed.size(); b += 5) {
      INFO("split at ", a, " and ", b);
      CHECK(parse({kMixed.substr(0, a), kMixed.substr(a, b - a), kMixed.substr(b)}) ==
            kMixedEvents);
    }
  }
}

TEST_CASE("sse: a CR at the end of one piece and LF at the start of the next are one line end") {
  CHECK(parse(std::vector<std::string>{"data: a\r", "\ndata: b\r", "\n\r", "\n"}) ==
        data_events({"a\nb"}));
}

TEST_CASE("sse: a handler returning false stops the parser, returning true goes on") {
  int calls = 0;
  SseParser stopping([&](const SseEvent&) {
    ++calls;
    return false;
  });
  CHECK_FALSE(stopping.feed("data: 1\n\ndata: 2\n\n"));
  CHECK_FALSE(stopping.feed("data: 3\n\n"));
  CHECK(calls == 1);

  int all = 0;
  SseParser going([&](const SseEvent&) {
    ++all;
    return true;
  });
  CHECK(going.feed("data: 1\n\ndata: 2\n\n"));
  CHECK(all == 2);
}

TEST_CASE("sse: a line longer than the bound throws instead of growing, a shorter one passes") {
  SseParser bounded([](const SseEvent&) { return true; }, 64);
  CHECK_THROWS_AS(bounded.feed("data: " + std::string(100, 'x')), std::length_error);
  SseParser roomy([](const SseEvent&) { return true; }, 64);
  CHECK_NOTHROW(roomy.feed("data: " + std::string(40, 'x') + "\n\n"));
}
