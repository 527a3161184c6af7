// The Seam path: the openai plugin loaded by seam::Loader, its HTTP through the host's seam.http/1
// service (libcurl underneath), its events handed to a consumer that parses each one and keeps the
// delta text, as `seam run` does.
#pragma once

#include <memory>
#include <string>

#include <seam/loader/loader.hpp>

#include <seam/http_service.hpp>
#include "stream_timing.hpp"

namespace seam::bench {

class PluginClient {
 public:
  // BASE_URL is the OpenAI-compatible endpoint, MODEL_ID the model to ask for; REUSE selects the
  // HTTP service's handle pool (true) or a handle per request (false).
  PluginClient(const std::string& plugin_dir, const std::string& base_url,
               const std::string& model_id, bool reuse);

  StreamTiming run(const std::string& request_json);

 private:
  std::unique_ptr<seam::http::HttpService> http_;
  std::unique_ptr<Loader> loader_;
  std::unique_ptr<Worker> worker_;
};

}  // namespace seam::bench
