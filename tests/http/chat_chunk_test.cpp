// The openai plugin's one-pass chunk reader: it keeps exactly the fields of choices[0], usage and
// error, wherever they sit in the object, and nothing that only looks like them.
#include <doctest/doctest.h>

#include "chat_chunk.hpp"

using seam_openai::ChunkFields;
using seam_openai::read_chunk;

namespace {

ChunkFields read(const char* text) {
  ChunkFields fields;
  REQUIRE_MESSAGE(read_chunk(text, fields), text);
  return fields;
}

}  // namespace

TEST_CASE("chunk: a streaming chunk gives its delta content and finish reason") {
  const ChunkFields f =
      read(R"({"id":"x","object":"chat.completion.chunk","created":1700000000,"model":"m",)"
           R"("choices":[{"index":0,"delta":{"role":"assistant","content":"h\u00e9\"llo"},)"
           R"("finish_reason":"length"}]})");
  CHECK(f.has_choices);
  CHECK(f.content == std::optional<std::string>("h\u00e9\"llo"));
  CHECK(f.finish_reason == std::optional<std::string>("length"));
  CHECK_FALSE(f.error.has_value());
  CHECK_FALSE(f.prompt_tokens.has_value());
}

TEST_CASE("chunk: a whole reply gives message content and usage, in any member order") {
  const ChunkFields f = read(
      R"({"usage":{"completion_tokens":5,"prompt_tokens":9},"choices":[{"finish_reason":"stop",)"
      R"("message":{"content":"whole answer","role":"assistant"}}]})");
  CHECK(f.content == std::optional<std::string>("whole answer"));
  CHECK(f.finish_reason == std::optional<std::string>("stop"));
  CHECK(f.prompt_tokens == 9);
  CHECK(f.completion_tokens == 5);
}

TEST_CASE("chunk: a null finish_reason, null content and an empty choices array are absent") {
  const ChunkFields f = read(R"({"choices":[{"delta":{"content":null},"finish_reason":null}]})");
  CHECK_FALSE(f.content.has_value());
  CHECK_FALSE(f.finish_reason.has_value());
  const ChunkFields empty = read(R"({"choices":[],"usage":{"prompt_tokens":1}})");
  CHECK(empty.has_choices);
  CHECK(empty.prompt_tokens == 1);
  CHECK_FALSE(empty.completion_tokens.has_value());
}

TEST_CASE("chunk: look-alikes elsewhere are ignored") {
  const ChunkFields f =
      read(R"({"content":"top","delta":{"content":"top delta"},"choices":[{"delta":)"
           R"({"tool_calls":[{"function":{"content":"deep"}}]}},{"delta":{"content":"second"}}],)"
           R"("meta":{"usage":{"prompt_tokens":3},"error":"nested"}})");
  CHECK_FALSE(f.content.has_value());
  CHECK_FALSE(f.prompt_tokens.has_value());
  CHECK_FALSE(f.error.has_value());
}

TEST_CASE("chunk: an error object, an error string and a null error") {
  CHECK(read(R"({"error":{"message":"overloaded","type":"server_error"}})").error ==
        std::optional<std::string>("overloaded"));
  CHECK(read(R"({"error":"plain words"})").error == std::optional<std::string>("plain words"));
  CHECK(read(R"({"error":{"code":500}})").error == std::optional<std::string>(""));
  // Twin: a null error is no error.
  CHECK_FALSE(read(R"({"error":null,"choices":[]})").error.has_value());
}

TEST_CASE("chunk: text that is not a JSON object is refused") {
  ChunkFields f;
  CHECK_FALSE(read_chunk("hello there", f));
  CHECK_FALSE(read_chunk("[1,2]", f));
  CHECK_FALSE(read_chunk(R"({"choices":[)", f));
  CHECK(read_chunk("{}", f));
}
