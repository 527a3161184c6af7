#include "plain_multi_client.hpp"

#include <stdexcept>

#include "chat_chunk.hpp"
#include "sse_parser.hpp"

namespace seam::bench {

namespace {

// One stream of a round: its parser and what it assembled.
struct Stream {
  Clock::time_point start;
  StreamOutcome outcome;
  bool done = false;
  seam_examples::SseParser parser;

  explicit Stream(Clock::time_point round_start)
      : start(round_start),
        parser([this](const seam_examples::SseEvent& event) { return on(event); }) {}

  bool on(const seam_examples::SseEvent& event) {
    if (event.data == "[DONE]") {
      done = true;
      return false;
    }
    seam_openai::ChunkFields fields;
    if (!seam_openai::read_chunk(event.data, fields)) throw std::runtime_error("not JSON");
    if (fields.content) {
      if (outcome.text.empty()) outcome.first_token_ms = ms_between(start, Clock::now());
      outcome.text += *fields.content;
    }
    return true;
  }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* stream = static_cast<Stream*>(user);
  try {
    stream->parser.feed(std::string_view(data, size * count));
  } catch (...) {
    return 0;  // nothing unwinds into libcurl: the transfer fails and the round reports it
  }
  return size * count;
}

}  // namespace

// A multi handle and the streams it drives.
struct PlainMultiClient::Group {
  CURLM* multi = nullptr;
  std::vector<std::size_t> streams;  // indices into bodies_ and the outcomes
  std::vector<CURL*> easy;
  std::string failure;
};

PlainMultiClient::PlainMultiClient(const std::string& url, const std::vector<StreamSpec>& streams,
                                   int threads)
    : url_(url) {
  for (const char* line :
       {"Content-Type: application/json", "Accept: text/event-stream", "Expect:"}) {
    headers_ = curl_slist_append(headers_, line);
  }
  for (int i = 0; i < std::max(1, threads); ++i) {
    groups_.push_back(std::make_unique<Group>());
    groups_.back()->multi = curl_multi_init();
    if (groups_.back()->multi == nullptr) throw std::runtime_error("curl_multi_init failed");
  }
  for (std::size_t i = 0; i < streams.size(); ++i) {
    bodies_.push_back(chat_body(streams[i].model_id()));
    Group& group = *groups_[i % groups_.size()];
    group.streams.push_back(i);
    group.easy.push_back(curl_easy_init());
    if (group.easy.back() == nullptr) throw std::runtime_error("curl_easy_init failed");
  }
  // libcurl sizes a multi handle's connection cache by the handles in it at the moment: as the
  // round's last transfers end and leave, it would close connections the next round needs.
  for (auto& group : groups_) {
    curl_multi_setopt(group->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(group->easy.size()));
  }
  if (groups_.size() > 1) {
    for (auto& group : groups_) threads_.emplace_back([this, g = group.get()] { serve(*g); });
  }
}

void PlainMultiClient::serve(Group& group) {
  unsigned seen = 0;
  while (true) {
    std::vector<StreamOutcome>* outcomes = nullptr;
    Clock::time_point start;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
      if (stopping_) return;
      seen = round_;
      outcomes = outcomes_;
      start = start_;
    }
    run_group(group, start, *outcomes);  // each group writes its own streams' outcomes
    std::lock_guard<std::mutex> lock(mutex_);
    if (--running_ == 0) done_.notify_one();
  }
}

PlainMultiClient::~PlainMultiClient() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
  for (auto& group : groups_) {
    for (CURL* easy : group->easy) curl_easy_cleanup(easy);
    curl_multi_cleanup(group->multi);
  }
  curl_slist_free_all(headers_);
}

std::vector<StreamOutcome> PlainMultiClient::run_round() {
  const Clock::time_point start = Clock::now();
  std::vector<StreamOutcome> outcomes(bodies_.size());
  if (groups_.size() == 1) {
    run_group(*groups_.front(), start, outcomes);
  } else {
    std::unique_lock<std::mutex> lock(mutex_);
    outcomes_ = &outcomes;
    start_ = start;
    running_ = groups_.size();
    ++round_;
    wake_.notify_all();
    done_.wait(lock, [&] { return running_ == 0; });
  }
  for (auto& group : groups_) {
    if (!group->failure.empty()) throw std::runtime_error("plain libcurl: " + group->failure);
  }
  return outcomes;
}

void PlainMultiClient::run_group(Group& group, Clock::time_point start,
                                 std::vector<StreamOutcome>& outcomes) {
  group.failure.clear();
  std::vector<std::unique_ptr<Stream>> streams;
  for (std::size_t k = 0; k < group.easy.size(); ++k) {
    const std::string& body = bodies_[group.streams[k]];
    streams.push_back(std::make_unique<Stream>(start));
    CURL* h = group.easy[k];
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, streams.back().get());
    curl_easy_setopt(h, CURLOPT_PRIVATE, streams.back().get());
    if (curl_multi_add_handle(group.multi, h) != CURLM_OK) {
      group.failure = "curl_multi_add_handle failed";
      return;
    }
  }
  std::size_t left = group.easy.size();
  while (left > 0) {
    int running = 0;
    if (curl_multi_perform(group.multi, &running) != CURLM_OK) {
      group.failure = "curl_multi_perform failed";
      break;
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(group.multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Stream* stream = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &stream);
      stream->outcome.end_ms = ms_between(start, Clock::now());
      if (message->data.result != CURLE_OK && group.failure.empty()) {
        group.failure = curl_easy_strerror(message->data.result);
      }
      curl_multi_remove_handle(group.multi, message->easy_handle);
      --left;
    }
    if (left > 0) curl_multi_poll(group.multi, nullptr, 0, 100, nullptr);
  }
  for (CURL* h : group.easy) curl_multi_remove_handle(group.multi, h);  // after a failure
  for (std::size_t k = 0; k < streams.size(); ++k) {
    if (!streams[k]->done && group.failure.empty()) {
      group.failure = "a stream ended without [DONE]";
    }
    outcomes[group.streams[k]] = std::move(streams[k]->outcome);
  }
}

}  // namespace seam::bench
