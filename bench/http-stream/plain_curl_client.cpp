#include "plain_curl_client.hpp"

#include <chrono>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "chat_chunk.hpp"
#include "sse_parser.hpp"

namespace seam::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Run {
  Clock::time_point start;
  StreamTiming timing;
  bool done = false;
  ChunkParsing parsing;
  seam_examples::SseParser parser;

  explicit Run(ChunkParsing how)
      : parsing(how), parser([this](const seam_examples::SseEvent& event) { return on(event); }) {}

  bool on(const seam_examples::SseEvent& event) {
    if (event.data == "[DONE]") {
      done = true;
      return false;
    }
    if (parsing == ChunkParsing::chunk_reader) {
      seam_openai::ChunkFields fields;
      if (!seam_openai::read_chunk(event.data, fields)) throw std::runtime_error("not JSON");
      if (fields.content) add(*fields.content);
      return true;
    }
    const nlohmann::json chunk = nlohmann::json::parse(event.data);
    const auto& choices = chunk.at("choices");
    if (choices.empty()) return true;
    const auto& delta = choices[0].at("delta");
    if (auto content = delta.find("content"); content != delta.end() && content->is_string()) {
      add(content->get_ref<const std::string&>());
    }
    return true;
  }

  void add(const std::string& text) {
    if (timing.text.empty()) timing.first_token_ms = ms_since(start);
    timing.text += text;
  }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* run = static_cast<Run*>(user);
  run->parser.feed(std::string_view(data, size * count));
  return size * count;
}

}  // namespace

PlainCurlClient::PlainCurlClient(bool reuse, ChunkParsing parsing)
    : reuse_(reuse), parsing_(parsing) {}

PlainCurlClient::~PlainCurlClient() {
  if (handle_ != nullptr) curl_easy_cleanup(handle_);
}

StreamTiming PlainCurlClient::run(const std::string& url, const std::string& body) {
  const double cpu_before = process_cpu_ms();
  Run run(parsing_);
  run.start = Clock::now();
  if (handle_ == nullptr || !reuse_) {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
    handle_ = curl_easy_init();
  } else {
    curl_easy_reset(handle_);
  }
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: text/event-stream");
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &run);
  const CURLcode code = curl_easy_perform(handle_);
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  if (code != CURLE_OK)
    throw std::runtime_error(std::string("libcurl: ") + curl_easy_strerror(code));
  if (!run.done) throw std::runtime_error("the stream ended without [DONE]");
  run.timing.total_ms = ms_since(run.start);
  run.timing.cpu_ms = process_cpu_ms() - cpu_before;
  return run.timing;
}

}  // namespace seam::bench
