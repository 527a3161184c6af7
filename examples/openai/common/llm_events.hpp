// The llm family's events (docs/spi.md) as the example backends emit them: delta, usage (also
// reported through the host's usage reporting), done, and the closing error event of a failed run.
//
// Deltas are coalesced per network read: text that arrives in one piece of the response body goes
// out as one delta event when the piece has been parsed (flush()). A fast server packs dozens of
// tokens into one read, and one event per token would cost the host a JSON event each for text it
// receives at the same instant anyway; a slow one sends a token per read, which still makes one
// event per token. The first text of a run is sent at once, so time to first token never waits
// for the rest of its piece.
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

  // Adds TEXT to the pending delta; the first text of a run is sent at once. Throws Cancelled when
  // the host says stop.
  void delta(std::string_view text);
  // Sends the pending text as one {"type":"delta","text":...} event, if there is any.
  void flush();
  // {"type":"usage","input_tokens":IN,"output_tokens":OUT} after any pending text, and the same
  // counts with the backend and model to seam_host.report_usage.
  void usage(std::int64_t input_tokens, std::int64_t output_tokens);
  // {"type":"done","finish_reason":REASON} after any pending text.
  void done(std::string_view finish_reason);
  // True once the host wants the run to stop (seam_event_sink.is_cancelled).
  bool cancelled() const { return events_.cancelled(); }

  // Runs BODY; when it fails with anything but a cancellation, emits
  // {"type":"error","message":...,"kind":...} (best effort) and lets the failure go on.
  template <class Body>
  void run(Body&& body) {
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
  // Sends the pending text, then the error event; never throws.
  void error(const std::exception& failure) noexcept;

  const seam::plugin::Events& events_;
  seam::plugin::Host host_;
  std::string backend_;
  std::string model_id_;
  std::string pending_;
  bool sent_text_ = false;
};

}  // namespace seam_examples
