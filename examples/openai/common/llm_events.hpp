// The llm family's events (docs/spi.md) as the example backends emit them: delta, usage (also
// reported through the host's usage reporting), done, and the closing error event of a failed run.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <seam/seam.hpp>

namespace seam_examples {

class LlmEvents {
 public:
  LlmEvents(const seam::plugin::Events& events, seam::plugin::Host host, std::string backend,
            std::string model_id)
      : events_(events),
        host_(host),
        backend_(std::move(backend)),
        model_id_(std::move(model_id)) {}

  // {"type":"delta","text":TEXT}; nothing for empty text. Throws Cancelled when the host says stop.
  void delta(std::string_view text) const;
  // {"type":"usage","input_tokens":IN,"output_tokens":OUT}, and the same counts with the backend
  // and model to seam_host.report_usage.
  void usage(std::int64_t input_tokens, std::int64_t output_tokens) const;
  // {"type":"done","finish_reason":REASON}
  void done(std::string_view finish_reason) const;

  // Runs BODY; when it fails with anything but a cancellation, emits
  // {"type":"error","message":...,"kind":...} (best effort) and lets the failure go on.
  template <class Body>
  void run(Body&& body) const {
    try {
      body();
    } catch (const seam::plugin::Cancelled&) {
      throw;
    } catch (const seam::plugin::Failure& failure) {
      if (failure.status() != SEAM_E_CANCELLED) error(failure);
      throw;
    } catch (const std::exception& failure) {
      error(failure);
      throw;
    }
  }

 private:
  void error(const std::exception& failure) const noexcept;

  const seam::plugin::Events& events_;
  seam::plugin::Host host_;
  std::string backend_;
  std::string model_id_;
};

}  // namespace seam_examples
