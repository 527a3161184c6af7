// An out-of-tree C++ plugin: a "shout" llm backend that answers in capitals, with C++ types,
// templates and exceptions inside it, none of which may leak out as exported symbols.
#include <seam/seam.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

namespace {

class ShoutWorker : public seam::plugin::Worker {
 public:
  explicit ShoutWorker(const seam::plugin::WorkerArgs&) {}

  void invoke(std::string_view request_json, const seam::plugin::Events& events) override {
    std::string text(request_json.size(), ' ');
    std::transform(request_json.begin(), request_json.end(), text.begin(),
                   [](unsigned char c) { return std::isalpha(c) ? char(std::toupper(c)) : 'x'; });
    seen_[text] += 1;
    events.emit(R"({"type":"delta","text":")" + text + R"("})");
    events.emit(R"({"type":"done","finish_reason":"stop"})");
  }

 private:
  std::map<std::string, int> seen_;
};

int32_t SEAM_CALL register_shouter(const seam_registrar* registrar) {
  return seam::plugin::register_with(registrar, [](seam::plugin::Registrar& r) {
    r.add_backend<ShoutWorker>("llm", "shout");
  });
}

const seam_plugin_descriptor descriptor = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "shouter",
    "1.0.0",
    "Answers in capitals; an out-of-tree C++ plugin.",
    "Seam tests",
    nullptr,
    &register_shouter,
};

}  // namespace

SEAM_PLUGIN(&descriptor)
