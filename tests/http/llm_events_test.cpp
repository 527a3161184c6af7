// The example backends' llm events: text is escaped into valid JSON whatever it holds, the first
// text of a run goes out at once, later text waits for flush() and goes out as one delta, and
// usage and done come after any pending text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/llm_events.hpp"

using nlohmann::json;

namespace {

struct Recorder {
  std::vector<json> events;
  seam_event_sink sink{sizeof(seam_event_sink), 0, this, &Recorder::emit, nullptr};
  static std::int32_t SEAM_CALL emit(void* ctx, const char* data, size_t size) {
    static_cast<Recorder*>(ctx)->events.push_back(json::parse(std::string(data, size)));
    return 0;
  }
};

}  // namespace

TEST_CASE("llm events: any text survives the JSON escaping exactly") {
  Recorder recorder;
  seam::plugin::Events events(&recorder.sink);
  seam_examples::LlmEvents llm(events, seam::plugin::Host(nullptr), "b", "m");
  const std::string text = "quote \" backslash \\ newline \n tab \t cr \r bell \x07 nul " +
                           std::string(1, '\0') + " h\u00e9 \U0001F30D end";
  llm.delta(text);
  REQUIRE(recorder.events.size() == 1);
  CHECK(recorder.events[0] == json{{"type", "delta"}, {"text", text}});
}

TEST_CASE("llm events: the first text goes at once, later text waits for flush as one delta") {
  Recorder recorder;
  seam::plugin::Events events(&recorder.sink);
  seam_examples::LlmEvents llm(events, seam::plugin::Host(nullptr), "b", "m");
  llm.delta("first");
  CHECK(recorder.events.size() == 1);
  llm.delta(" second");
  llm.delta(" third");
  CHECK(recorder.events.size() == 1);
  llm.flush();
  REQUIRE(recorder.events.size() == 2);
  CHECK(recorder.events[1]["text"] == " second third");
  // Twin: nothing pending, nothing sent.
  llm.flush();
  CHECK(recorder.events.size() == 2);
}

TEST_CASE("llm events: usage and done come after the pending text") {
  Recorder recorder;
  seam::plugin::Events events(&recorder.sink);
  seam_examples::LlmEvents llm(events, seam::plugin::Host(nullptr), "b", "m");
  llm.delta("a");
  llm.delta("b");
  llm.usage(3, 2);
  llm.done("stop");
  REQUIRE(recorder.events.size() == 4);
  CHECK(recorder.events[1] == json{{"type", "delta"}, {"text", "b"}});
  CHECK(recorder.events[2] == json{{"type", "usage"}, {"input_tokens", 3}, {"output_tokens", 2}});
  CHECK(recorder.events[3] == json{{"type", "done"}, {"finish_reason", "stop"}});
}
