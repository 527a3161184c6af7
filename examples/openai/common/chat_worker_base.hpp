// The worker both HTTP chat plugins build on: the model and the backend's settings are read once,
// in make_worker, and each request runs inside LlmEvents (a failure becomes an error event and a
// status, usage is reported, done is sent). A plugin supplies only the exchange with its server.
#pragma once

#include <string_view>
#include <vector>

#include <seam/seam.hpp>

#include "chat_model.hpp"
#include "http_client.hpp"
#include "llm_events.hpp"

namespace seam_examples {

class HttpChatWorker : public seam::plugin::Worker {
 public:
  HttpChatWorker(const seam::plugin::WorkerArgs& args, ModelSpec model,
                 std::string_view default_base_url, const std::vector<std::string>& known_options)
      : host_(args.host()),
        model_(std::move(model)),
        http_(args.host().get(),
              BackendSettings::read(args.backend_name(), args.backend_config_json(),
                                    default_base_url, known_options)) {}

  void invoke(std::string_view request_json, const seam::plugin::Events& sink) final {
    sink.throw_if_cancelled();
    LlmEvents events(sink, host_, http_.settings().backend_name, model_.model_id);
    events.run([&] { exchange(request_json, events); });
  }

 protected:
  // One request: build the body from REQUEST_JSON, talk to the server, feed EVENTS.
  virtual void exchange(std::string_view request_json, LlmEvents& events) = 0;

  const ModelSpec& model() const noexcept { return model_; }
  const HttpClient& http() const noexcept { return http_; }
  const BackendSettings& settings() const noexcept { return http_.settings(); }

 private:
  seam::plugin::Host host_;
  ModelSpec model_;
  HttpClient http_;
};

}  // namespace seam_examples
