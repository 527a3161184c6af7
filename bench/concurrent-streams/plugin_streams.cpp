#include "plugin_streams.hpp"

#include <stdexcept>

#include <seam/seam_http.h>

namespace seam::bench {

PluginStreams::PluginStreams(const std::string& plugin_dir, const std::string& base_url)
    : http_(std::make_unique<seam::http::HttpService>()),
      request_json_(chat_request().dump()),
      base_url_(base_url) {
  LoaderOptions options;
  options.search_paths = {plugin_dir};
  options.services[SEAM_HTTP_SERVICE_ID] = http_->table();
  options.usage_sink = [](const std::string&, const std::string&) {};
  loader_ = std::make_unique<Loader>(std::move(options));
}

void PluginStreams::open(const std::vector<StreamSpec>& streams) {
  if (!workers_.empty()) throw std::logic_error("PluginStreams::open: already open");
  const auto& backend = loader_->registry().lookup("llm", "openai");
  for (const StreamSpec& spec : streams) {
    WorkerSpec worker;
    worker.backend_name = "bench";
    worker.model_json =
        nlohmann::json{{"name", spec.model_id()}, {"model_id", spec.model_id()}}.dump();
    worker.backend_config_json = nlohmann::json{{"sdk", "openai"}, {"base_url", base_url_}}.dump();
    workers_.push_back(backend.make_worker(worker));
  }
  // Every slot before the first thread: the threads index slots_.
  for (std::size_t i = 0; i < streams.size(); ++i) slots_.push_back(std::make_unique<Slot>());
  for (std::size_t i = 0; i < streams.size(); ++i) threads_.emplace_back([this, i] { serve(i); });
}

PluginStreams::~PluginStreams() {
  for (auto& slot : slots_) {
    {
      std::lock_guard<std::mutex> lock(slot->mutex);
      slot->stopping = true;
    }
    slot->wake.notify_one();
  }
  for (std::thread& thread : threads_) thread.join();
}

std::vector<StreamOutcome> PluginStreams::run_round() {
  {
    std::lock_guard<std::mutex> lock(done_mutex_);
    round_done_ = false;
  }
  running_.store(slots_.size());
  start_ = Clock::now();
  ++round_;
  for (auto& slot : slots_) {
    {
      std::lock_guard<std::mutex> lock(slot->mutex);
      slot->round = round_;
    }
    slot->wake.notify_one();
  }
  {
    std::unique_lock<std::mutex> lock(done_mutex_);
    done_.wait(lock, [&] { return round_done_; });
  }
  std::vector<StreamOutcome> outcomes;
  std::string failure;
  for (auto& slot : slots_) {
    std::lock_guard<std::mutex> lock(slot->mutex);
    outcomes.push_back(std::move(slot->outcome));
    if (failure.empty()) failure = slot->failure;
  }
  if (!failure.empty()) throw std::runtime_error("seam plugin: " + failure);
  return outcomes;
}

void PluginStreams::serve(std::size_t index) {
  Slot& slot = *slots_[index];
  unsigned seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(slot.mutex);
      slot.wake.wait(lock, [&] { return slot.stopping || slot.round != seen; });
      if (slot.stopping) return;
      seen = slot.round;
    }
    const Clock::time_point start = start_;
    StreamOutcome outcome;
    bool done = false;
    std::string failure;
    try {
      workers_[index].invoke(request_json_, [&](std::string_view event_json) {
        const nlohmann::json event = nlohmann::json::parse(event_json);
        const std::string& type = event.at("type").get_ref<const std::string&>();
        if (type == "delta") {
          if (outcome.text.empty()) outcome.first_token_ms = ms_between(start, Clock::now());
          outcome.text += event.at("text").get_ref<const std::string&>();
        } else if (type == "done") {
          done = true;
        }
        return true;
      });
      if (!done) failure = "the plugin finished without a done event";
    } catch (const std::exception& e) {
      failure = e.what();
    }
    outcome.end_ms = ms_between(start, Clock::now());
    {
      std::lock_guard<std::mutex> lock(slot.mutex);
      slot.outcome = std::move(outcome);
      slot.failure = std::move(failure);
    }
    if (running_.fetch_sub(1) == 1) {
      std::lock_guard<std::mutex> lock(done_mutex_);
      round_done_ = true;
      done_.notify_one();
    }
  }
}

}  // namespace seam::bench
