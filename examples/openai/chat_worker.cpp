#include "chat_worker.hpp"

#include <string>
#include <vector>

#include "chat_request.hpp"
#include "chat_stream.hpp"
#include "common/chat_worker_base.hpp"

namespace seam_openai {

namespace {

using seam_examples::BackendSettings;
using seam_examples::HttpCall;
using seam_examples::HttpHead;
using seam_examples::LlmEvents;

// A reply that is not an event stream (a server that ignores "stream", or stream = false) is read
// whole and parsed once; bounded so a misbehaving server cannot exhaust memory.
constexpr std::size_t kMaxBody = 64u << 20;

class ChatWorker : public seam_examples::HttpChatWorker {
 public:
  explicit ChatWorker(const seam::plugin::WorkerArgs& args)
      : HttpChatWorker(args, read_model(args.model_json()), kDefaultBaseUrl, known_options()) {}

 private:
  void exchange(std::string_view request_json, LlmEvents& events) override {
    const BackendSettings& settings = this->settings();
    const ChatBody body = chat_body(request_json, model(), settings);
    ChatStream stream(events, settings);
    bool event_stream = false;
    std::string whole;
    HttpCall call;
    call.method = "POST";
    call.path = "/chat/completions";
    call.body = body.json;
    call.accept = body.stream ? "text/event-stream" : "application/json";
    call.cancelled = [&] { return events.cancelled(); };
    call.on_head = [&](const HttpHead& head) {
      event_stream = head.header("Content-Type").find("text/event-stream") != std::string::npos;
      return true;
    };
    call.on_data = [&](std::string_view piece) {
      if (event_stream) {
        stream.feed(piece);
      } else if (whole.size() + piece.size() <= kMaxBody) {
        whole.append(piece);
      } else {
        throw seam_examples::BackendFailure(
            SEAM_E_BACKEND, "stream",
            "backend " + settings.backend_name + " sent a reply larger than 64 MiB");
      }
      return true;
    };
    http().perform(call);
    if (event_stream) {
      stream.finish();
    } else {
      emit_completion(whole, events, settings);
    }
  }
};

}  // namespace

const std::vector<std::string>& known_options() {
  static const std::vector<std::string> options = {"headers", "stream_usage"};
  return options;
}

std::unique_ptr<seam::plugin::Worker> make_chat_worker(const seam::plugin::WorkerArgs& args) {
  return std::make_unique<ChatWorker>(args);
}

}  // namespace seam_openai
