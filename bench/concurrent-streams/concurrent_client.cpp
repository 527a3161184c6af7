#include "concurrent_client.hpp"

namespace seam::bench {

nlohmann::json chat_request() {
  return {{"messages", {{{"role", "user"}, {"content", "bench"}}}}};
}

std::string chat_body(const std::string& model_id) {
  nlohmann::json body = chat_request();
  body["model"] = model_id;
  body["stream"] = true;
  body["stream_options"] = {{"include_usage", true}};
  return body.dump();
}

}  // namespace seam::bench
