// What one round cost: every stream started together, the round ends when the last one ends.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace seam::bench {

using Clock = std::chrono::steady_clock;

inline double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// One stream of a round, as the client saw it.
struct StreamOutcome {
  double first_token_ms = 0;  // from the round's start to the first text the client held
  double end_ms = 0;          // from the round's start to the stream's end
  std::string text;           // what the client assembled (empty for the raw reader)
};

struct Round {
  double wall_ms = 0;                  // the round's start to the last stream's end
  double cpu_ms = 0;                   // user + system time of this process during the round
  double server_cpu_ms = 0;            // the server's, during the round
  long tokens = 0;                     // tokens delivered by all streams together
  long connections = 0;                // connections the server accepted during the round
  std::vector<double> first_token_ms;  // one per stream

  double tokens_per_second() const { return static_cast<double>(tokens) * 1000.0 / wall_ms; }
};

// The CPU time (user + system, every thread) this process has used so far, in milliseconds.
double process_cpu_ms();

// The P-th percentile (0..1) of VALUES, nearest rank.
double percentile(std::vector<double> values, double p);

}  // namespace seam::bench
