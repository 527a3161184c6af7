// One way of running N streaming requests at once; each run starts them all together and returns
// when every one has ended.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "numbered_stream.hpp"
#include "round.hpp"

namespace seam::bench {

class ConcurrentClient {
 public:
  virtual ~ConcurrentClient() = default;
  // One outcome per stream, in the order of the specs the client was made with. Throws when a
  // stream fails.
  virtual std::vector<StreamOutcome> run_round() = 0;
};

// The chat request every stream sends: {"messages": [...]}.
nlohmann::json chat_request();
// Byte for byte the body the openai plugin posts for chat_request() and MODEL_ID (streaming,
// usage included).
std::string chat_body(const std::string& model_id);

}  // namespace seam::bench
