// The Seam path: one host process, seam::Loader over the openai plugin, the host's seam.http/1
// service (services/http), and a thread per stream, each with a worker of its own (a worker serves
// one thread at a time) and a consumer that parses each event and keeps the delta text, as
// `seam run` does. The threads live across rounds, waiting for the next one.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <seam/loader/loader.hpp>

#include <seam/http_service.hpp>
#include "concurrent_client.hpp"

namespace seam::bench {

class PluginStreams : public ConcurrentClient {
 public:
  // Starts the HTTP service and the loader over PLUGIN_DIR; BASE_URL is the OpenAI-compatible
  // endpoint ("http://127.0.0.1:P/v1").
  PluginStreams(const std::string& plugin_dir, const std::string& base_url);
  // Makes a worker and a thread for each of STREAMS; once, before the first round.
  void open(const std::vector<StreamSpec>& streams);
  ~PluginStreams() override;
  PluginStreams(const PluginStreams&) = delete;
  PluginStreams& operator=(const PluginStreams&) = delete;

  std::vector<StreamOutcome> run_round() override;

 private:
  void serve(std::size_t index);

  std::unique_ptr<seam::http::HttpService> http_;
  std::unique_ptr<Loader> loader_;
  std::string request_json_;
  std::string base_url_;
  std::vector<Worker> workers_;

  // Each thread waits on a slot of its own, so that starting a round wakes every thread without
  // all of them contending for one lock (the harness's cost, not Seam's).
  struct Slot {
    std::mutex mutex;
    std::condition_variable wake;
    unsigned round = 0;  // the round to run
    bool stopping = false;
    StreamOutcome outcome;
    std::string failure;
  };
  std::vector<std::unique_ptr<Slot>> slots_;
  unsigned round_ = 0;
  Clock::time_point start_;  // written before a slot's round, read after it
  std::atomic<std::size_t> running_{0};
  std::mutex done_mutex_;
  std::condition_variable done_;  // the round's last stream ended
  bool round_done_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace seam::bench
