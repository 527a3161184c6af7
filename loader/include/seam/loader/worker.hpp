// A worker built by a backend's make_worker. It keeps its plugin's library loaded while it lives.
#pragma once

#include <seam/loader/export.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <seam/seam.h>

namespace seam {

namespace detail {
struct LoadedPlugin;
}

// Receives one event (a JSON object). Return false to cancel the request.
using EventCallback = std::function<bool(std::string_view event_json)>;

enum class InvokeOutcome {
  completed,
  cancelled,  // the callback returned false
};

class SEAM_LOADER_EXPORT Worker {
 public:
  Worker(std::shared_ptr<const detail::LoadedPlugin> plugin, seam_worker worker, std::string label);
  Worker(Worker&& other) noexcept;
  Worker& operator=(Worker&& other) noexcept;
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Runs one request, streaming events to ON_EVENT on this thread. Throws WorkerError when the
  // plugin reports a failure; an exception thrown by ON_EVENT cancels the request and is rethrown
  // here. One thread at a time per worker.
  InvokeOutcome invoke(std::string_view request_json, const EventCallback& on_event);

  // "plugin 'echo' backend llm:echo", for messages.
  const std::string& label() const noexcept { return label_; }

 private:
  void reset() noexcept;

  std::shared_ptr<const detail::LoadedPlugin> plugin_;
  seam_worker worker_{};
  std::string label_;
};

}  // namespace seam
