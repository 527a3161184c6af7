// The stream the benchmark's server sends for one request, and what a client must make of it.
// The model id names the stream: "numbered-S-N" is stream S with N tokens "sS-0 ", "sS-1 ", ...,
// so every stream's text differs and a token out of place or missing shows; "tokens-N" is N
// tokens "tok " (the same stream tests/http/loopback_server.py sends). Each token is one HTTP
// chunk holding one server-sent event in OpenAI's chat-completions format, byte for byte what the
// Python loopback server writes (json.dumps separators), then a finish chunk, a usage chunk and
// "data: [DONE]".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace seam::bench {

struct StreamSpec {
  int stream = -1;  // -1 for "tokens-N"
  int tokens = 0;

  std::string model_id() const;
  // The token at INDEX, e.g. "s17-42 ".
  std::string token(int index) const;
  // Every token in order: the text a client must assemble.
  std::string text() const;
};

// Reads "numbered-S-N" or "tokens-N"; nullopt for anything else.
std::optional<StreamSpec> parse_model_id(std::string_view model);

// Writes the response body (chunked framing included) in pieces: each call appends the next
// events to OUT until it has grown by about MAX_BYTES; false once everything has been written.
class StreamWriter {
 public:
  explicit StreamWriter(StreamSpec spec) : spec_(spec) {}
  bool next(std::string& out, std::size_t max_bytes);

 private:
  StreamSpec spec_;
  int next_token_ = 0;
  bool tail_written_ = false;
};

// The response's status line and headers.
std::string_view stream_response_head();

// The whole response body's size in bytes, for a reader that checks it got all of it.
std::size_t stream_body_size(const StreamSpec& spec);

}  // namespace seam::bench
