#include <seam/loader/worker.hpp>

#include <seam/loader/errors.hpp>

#include "error_slot.hpp"
#include "loaded_plugin.hpp"
#include "log.hpp"
#include "plugin_call.hpp"

namespace seam {

Worker::Worker(std::shared_ptr<const detail::LoadedPlugin> plugin, seam_worker worker,
               std::string label)
    : plugin_(std::move(plugin)), worker_(worker), label_(std::move(label)) {}

Worker::Worker(Worker&& other) noexcept
    : plugin_(std::move(other.plugin_)), worker_(other.worker_), label_(std::move(other.label_)) {
  other.worker_ = seam_worker{};
}

Worker& Worker::operator=(Worker&& other) noexcept {
  if (this != &other) {
    reset();
    plugin_ = std::move(other.plugin_);
    worker_ = other.worker_;
    label_ = std::move(other.label_);
    other.worker_ = seam_worker{};
  }
  return *this;
}

Worker::~Worker() {
  reset();
}

namespace {

// "backend llm:x" out of a label "Backend llm:x of plugin ...".
std::string backend_of(const std::string& label) {
  const std::size_t of = label.find(" of ");
  std::string key = label.substr(0, of);
  if (!key.empty()) key[0] = 'b';
  return key;
}

}  // namespace

void Worker::reset() noexcept {
  // destroy runs before plugin_ lets go of the library that holds its code.
  if (worker_.vtable != nullptr) {
    try {
      detail::PluginCallScope call(plugin_->who(), "destroy for " + backend_of(label_));
      worker_.vtable->destroy(worker_.self);
    } catch (...) {
      detail::log().error("{}: a C++ exception escaped from the worker's destroy", label_);
    }
  }
  worker_ = seam_worker{};
  plugin_.reset();
}

InvokeOutcome Worker::invoke(std::string_view request_json, const EventCallback& on_event,
                             const std::atomic<bool>* cancel) {
  if (worker_.vtable == nullptr) throw std::logic_error("invoke on a moved-from seam::Worker");
  struct Context {
    const EventCallback* on_event;
    const std::atomic<bool>* cancel;
    // Read by is_cancelled from any thread the plugin likes.
    std::atomic<bool> cancelled{false};
    std::exception_ptr error;
    bool stop_requested() const { return cancelled.load() || (cancel && cancel->load()); }
  } context{&on_event, cancel, {false}, nullptr};

  seam_event_sink sink{};
  sink.struct_size = sizeof(sink);
  sink.ctx = &context;
  // No exception may unwind through the plugin's frames: keep it, cancel, rethrow after.
  sink.emit = [](void* ctx, const char* json, size_t len) -> std::int32_t {
    auto* c = static_cast<Context*>(ctx);
    if (c->stop_requested()) return 1;
    try {
      if (!(*c->on_event)(std::string_view(json, len))) c->cancelled = true;
    } catch (...) {
      c->error = std::current_exception();
      c->cancelled = true;
    }
    return c->cancelled ? 1 : 0;
  };
  sink.is_cancelled = [](void* ctx) -> std::int32_t {
    return static_cast<const Context*>(ctx)->stop_requested() ? 1 : 0;
  };

  const std::string request(request_json);
  detail::ErrorSlot error;
  const std::int32_t status = detail::call_plugin(
      plugin_->who(), "invoke", backend_of(label_), label_,
      [&] { return worker_.vtable->invoke(worker_.self, request.c_str(), &sink, error.get()); });
  if (context.error) std::rethrow_exception(context.error);
  if (context.stop_requested() && (status == SEAM_OK || status == SEAM_E_CANCELLED)) {
    return InvokeOutcome::cancelled;
  }
  if (status != SEAM_OK) {
    throw WorkerError(status, label_ + ": invoke failed: " + error.describe(status));
  }
  return InvokeOutcome::completed;
}

}  // namespace seam
