#include "chat_worker.hpp"

#include "chat_lines.hpp"
#include "chat_request.hpp"
#include "common/chat_worker_base.hpp"

namespace seam_ollama {

namespace {

using seam_examples::BackendSettings;
using seam_examples::HttpCall;
using seam_examples::LlmEvents;

class ChatWorker : public seam_examples::HttpChatWorker {
 public:
  explicit ChatWorker(const seam::plugin::WorkerArgs& args)
      : HttpChatWorker(args, read_model(args.model_json()), kDefaultBaseUrl, known_options()) {}

 private:
  void exchange(std::string_view request_json, LlmEvents& events) override {
    const BackendSettings& settings = this->settings();
    const ChatBody body = chat_body(request_json, model(), settings);
    ChatLines lines(events, settings);
    HttpCall call;
    call.method = "POST";
    call.path = "/api/chat";
    call.body = body.json;
    call.accept = body.stream ? "application/x-ndjson" : "application/json";
    call.cancelled = [&] { return events.cancelled(); };
    call.not_found_hint = "pull the model on the server with `ollama pull " + model().model_id +
                          "`, or check base_url in " + settings.table();
    call.on_data = [&](std::string_view piece) {
      lines.feed(piece);
      return true;
    };
    http().perform(call);
    lines.finish();
  }
};

}  // namespace

const std::vector<std::string>& known_options() {
  static const std::vector<std::string> options = {"headers", "keep_alive"};
  return options;
}

std::unique_ptr<seam::plugin::Worker> make_chat_worker(const seam::plugin::WorkerArgs& args) {
  return std::make_unique<ChatWorker>(args);
}

}  // namespace seam_ollama
