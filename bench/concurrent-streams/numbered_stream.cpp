#include "numbered_stream.hpp"

#include <charconv>
#include <cstdio>

namespace seam::bench {

namespace {

constexpr std::string_view kChunkStart =
    R"(data: {"id": "chatcmpl-loopback", "object": "chat.completion.chunk", )"
    R"("created": 1700000000, "model": "loopback", "choices": )";

void append_chunk(std::string& out, std::string_view event_head, std::string_view middle,
                  std::string_view event_tail) {
  const std::size_t size = event_head.size() + middle.size() + event_tail.size();
  char hex[16];
  const int n = std::snprintf(hex, sizeof hex, "%zx\r\n", size);
  out.append(hex, static_cast<std::size_t>(n));
  out.append(event_head);
  out.append(middle);
  out.append(event_tail);
  out.append("\r\n");
}

std::optional<int> read_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::string StreamSpec::model_id() const {
  if (stream < 0) return "tokens-" + std::to_string(tokens);
  return "numbered-" + std::to_string(stream) + "-" + std::to_string(tokens);
}

std::string StreamSpec::token(int index) const {
  if (stream < 0) return "tok ";
  return "s" + std::to_string(stream) + "-" + std::to_string(index) + " ";
}

std::string StreamSpec::text() const {
  std::string text;
  for (int i = 0; i < tokens; ++i) text += token(i);
  return text;
}

std::optional<StreamSpec> parse_model_id(std::string_view model) {
  constexpr std::string_view numbered = "numbered-", plain = "tokens-";
  StreamSpec spec;
  if (model.substr(0, plain.size()) == plain) {
    const auto tokens = read_int(model.substr(plain.size()));
    if (!tokens) return std::nullopt;
    spec.tokens = *tokens;
    return spec;
  }
  if (model.substr(0, numbered.size()) != numbered) return std::nullopt;
  model.remove_prefix(numbered.size());
  const std::size_t dash = model.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto stream = read_int(model.substr(0, dash));
  const auto tokens = read_int(model.substr(dash + 1));
  if (!stream || !tokens) return std::nullopt;
  spec.stream = *stream;
  spec.tokens = *tokens;
  return spec;
}

bool StreamWriter::next(std::string& out, std::size_t max_bytes) {
  if (tail_written_) return false;
  const std::size_t limit = out.size() + max_bytes;
  std::string event_head;
  event_head.append(kChunkStart).append(R"([{"index": 0, "delta": {"content": ")");
  constexpr std::string_view token_tail = "\"}, \"finish_reason\": null}]}\n\n";
  while (next_token_ < spec_.tokens && out.size() < limit) {
    append_chunk(out, event_head, spec_.token(next_token_), token_tail);
    ++next_token_;
  }
  if (next_token_ < spec_.tokens) return true;
  append_chunk(out, kChunkStart, R"([{"index": 0, "delta": {}, "finish_reason": "stop"}]})",
               "\n\n");
  append_chunk(
      out, kChunkStart,
      R"([], "usage": {"prompt_tokens": 1, "completion_tokens": )" + std::to_string(spec_.tokens),
      "}}\n\n");
  append_chunk(out, "data: [DONE]\n\n", "", "");
  out.append("0\r\n\r\n");
  tail_written_ = true;
  return true;
}

std::string_view stream_response_head() {
  return "HTTP/1.1 200 OK\r\n"
         "Content-Type: text/event-stream\r\n"
         "Transfer-Encoding: chunked\r\n"
         "Cache-Control: no-cache\r\n"
         "\r\n";
}

std::size_t stream_body_size(const StreamSpec& spec) {
  StreamWriter writer(spec);
  std::string body;
  std::size_t size = 0;
  while (writer.next(body, 1 << 16)) {
    size += body.size();
    body.clear();
  }
  return size;
}

}  // namespace seam::bench
