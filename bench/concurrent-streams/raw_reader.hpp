// The server's ceiling: one thread, one epoll, a socket per stream kept open across rounds. It
// sends each stream's request as raw bytes and reads the response as fast as it comes, discarding
// it, checking only that the body has exactly the size numbered_stream.hpp says. Whatever this
// reaches, the server and the loopback can deliver; a client that reaches much less is limited by
// itself.
#pragma once

#include <string>
#include <vector>

#include "concurrent_client.hpp"

namespace seam::bench {

class RawReader : public ConcurrentClient {
 public:
  // PATH is the request target, e.g. "/v1/chat/completions".
  RawReader(int port, const std::string& path, const std::vector<StreamSpec>& streams);
  ~RawReader() override;
  RawReader(const RawReader&) = delete;
  RawReader& operator=(const RawReader&) = delete;

  std::vector<StreamOutcome> run_round() override;

 private:
  int epoll_ = -1;
  std::vector<int> sockets_;
  std::vector<std::string> requests_;
  std::vector<std::size_t> body_sizes_;
  std::vector<char> buffer_;  // every read lands here, and is dropped
};

}  // namespace seam::bench
