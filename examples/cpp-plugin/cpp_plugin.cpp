// A plugin written in C++ with seam.hpp: a "reverse" llm backend that streams the last user message
// reversed, and refuses (by throwing) any prompt containing "fail", to show that a C++ exception
// reaches the host as a clean error instead of unwinding through it.
#include <seam/seam.hpp>

#include <string>

namespace {

// Pulls the content of the last message out of a request (the host puts the user's message last).
// Good enough for an example: it handles \" and \\ escapes only; a real plugin uses a JSON library.
std::string last_user_content(std::string_view request) {
  const std::string_view marker = "\"content\":\"";
  std::size_t at = request.rfind(marker);
  if (at == std::string_view::npos) {
    throw seam::plugin::Failure(SEAM_E_INVALID_ARGUMENT,
                                "reverse: the request has no user message");
  }
  std::string text;
  for (std::size_t i = at + marker.size(); i < request.size() && request[i] != '"'; ++i) {
    if (request[i] == '\\' && i + 1 < request.size()) ++i;
    text += request[i];
  }
  return text;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class ReverseWorker : public seam::plugin::Worker {
 public:
  explicit ReverseWorker(const seam::plugin::WorkerArgs& args) : host_(args.host()) {}

  void invoke(std::string_view request_json, const seam::plugin::Events& events) override {
    std::string text = last_user_content(request_json);
    if (text.find("fail") != std::string::npos) {
      throw std::runtime_error("reverse: asked to fail (the prompt contains \"fail\")");
    }
    std::string reversed(text.rbegin(), text.rend());
    events.emit("{\"type\":\"delta\",\"text\":" + quoted(reversed) + "}");
    events.emit(R"({"type":"done","finish_reason":"stop"})");
  }

 private:
  seam::plugin::Host host_;
};

void list_reverse_models(const seam::plugin::ListArgs&, const seam::plugin::Models& models) {
  models.emit("reverse", "llm", "Reverse (C++ example)");
}

int32_t SEAM_CALL register_reverse(const seam_registrar* registrar) {
  return seam::plugin::register_with(registrar, [](seam::plugin::Registrar& r) {
    r.add_backend<ReverseWorker>("llm", "reverse");
    r.add_lister("reverse", &list_reverse_models);
  });
}

const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "cpp-reverse",
    "0.1.0",
    "Streams the prompt reversed; a C++ plugin built on seam.hpp.",
    "Seam examples",
    nullptr,
    &register_reverse,
};

}  // namespace

SEAM_PLUGIN(&descriptor)
