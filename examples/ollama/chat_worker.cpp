#include "chat_worker.hpp"

#include "chat_lines.hpp"
#include "chat_request.hpp"
#include "common/backend_failure.hpp"
#include "common/http_client.hpp"

namespace seam_ollama {

namespace {

using seam_examples::BackendSettings;
using seam_examples::HttpCall;
using seam_examples::HttpClient;
using seam_examples::LlmEvents;

class ChatWorker : public seam::plugin::Worker {
 public:
  explicit ChatWorker(const seam::plugin::WorkerArgs& args)
      : host_(args.host()),
        model_(read_model(args.model_json())),
        http_(args.host().get(),
              BackendSettings::read(args.backend_name(), args.backend_config_json(),
                                    kDefaultBaseUrl, known_options())) {}

  void invoke(std::string_view request_json, const seam::plugin::Events& sink) override {
    const BackendSettings& settings = http_.settings();
    LlmEvents events(sink, host_, settings.backend_name, model_.model_id);
    events.run([&] {
      const ChatBody body = chat_body(request_json, model_, settings);
      ChatLines lines(events, settings);
      HttpCall call;
      call.method = "POST";
      call.path = "/api/chat";
      call.body = body.json;
      call.accept = body.stream ? "application/x-ndjson" : "application/json";
      call.not_found_hint = "pull the model on the server with `ollama pull " + model_.model_id +
                            "`, or check base_url in " + settings.table();
      call.on_data = [&](std::string_view piece) {
        lines.feed(piece);
        return true;
      };
      http_.perform(call);
      lines.finish();
    });
  }

 private:
  seam::plugin::Host host_;
  ModelSpec model_;
  HttpClient http_;
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
