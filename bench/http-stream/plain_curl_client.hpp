// The baseline: what an application does without Seam. libcurl posts the same chat request the
// openai plugin sends and parses the SSE stream with the same parser, keeping the text of each
// delta. Each chunk's JSON is read either the usual way (a nlohmann document per chunk) or with the
// plugin's own one-pass chunk reader, which leaves exactly Seam's own cost as the difference.
#pragma once

#include <string>

#include <curl/curl.h>

#include "stream_timing.hpp"

namespace seam::bench {

enum class ChunkParsing { document, chunk_reader };

class PlainCurlClient {
 public:
  // REUSE keeps one easy handle (and its connection) for every run; otherwise each run gets a
  // fresh handle and a new connection.
  PlainCurlClient(bool reuse, ChunkParsing parsing);
  ~PlainCurlClient();
  PlainCurlClient(const PlainCurlClient&) = delete;
  PlainCurlClient& operator=(const PlainCurlClient&) = delete;

  StreamTiming run(const std::string& url, const std::string& body);

 private:
  bool reuse_;
  ChunkParsing parsing_;
  CURL* handle_ = nullptr;
};

}  // namespace seam::bench
