// A failure that also says what kind of failure it is ("authentication", "timeout", ...), so the
// worker's closing error event can carry a machine-readable kind next to the message.
#pragma once

#include <string>

#include <seam/seam.hpp>

namespace seam_examples {

class BackendFailure : public seam::plugin::Failure {
 public:
  BackendFailure(std::int32_t status, std::string kind, const std::string& message)
      : Failure(status, message), kind_(std::move(kind)) {}
  // One of: configuration, authentication, rate_limit, not_found, request, server, timeout,
  // connection, stream.
  const std::string& kind() const noexcept { return kind_; }

 private:
  std::string kind_;
};

}  // namespace seam_examples
