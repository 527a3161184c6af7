// The baseline: what an application does without Seam. A thread drives a libcurl multi handle with
// an easy handle per stream (each keeping its connection between rounds), posts the body the
// openai plugin would, and parses each stream with the plugin's SSE parser and one-pass chunk
// reader, as bench/http-stream's plain client does, keeping the text of each delta. With THREADS
// above 1 the streams are dealt over that many threads, each with a multi handle of its own (one
// per core is what an application does to use every core).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

#include "concurrent_client.hpp"

namespace seam::bench {

class PlainMultiClient : public ConcurrentClient {
 public:
  PlainMultiClient(const std::string& url, const std::vector<StreamSpec>& streams, int threads = 1);
  ~PlainMultiClient() override;
  PlainMultiClient(const PlainMultiClient&) = delete;
  PlainMultiClient& operator=(const PlainMultiClient&) = delete;

  std::vector<StreamOutcome> run_round() override;

 private:
  struct Group;
  void run_group(Group& group, Clock::time_point start, std::vector<StreamOutcome>& outcomes);
  // With more than one group: each group's thread, which runs the group's part of every round.
  void serve(Group& group);

  std::string url_;
  std::vector<std::string> bodies_;
  curl_slist* headers_ = nullptr;
  std::vector<std::unique_ptr<Group>> groups_;
  // Rounds for the groups' threads: the round's number, start and outcomes.
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  unsigned round_ = 0;
  std::size_t running_ = 0;
  bool stopping_ = false;
  Clock::time_point start_;
  std::vector<StreamOutcome>* outcomes_ = nullptr;
  std::vector<std::thread> threads_;
};

}  // namespace seam::bench
