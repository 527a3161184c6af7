// What one streamed request cost, seen from the client: total time, time to the first token, the
// text it assembled (to check both paths got the same answer) and the CPU this process spent.
#pragma once

#include <string>
#include <vector>

namespace seam::bench {

struct StreamTiming {
  double total_ms = 0;
  double first_token_ms = 0;
  double cpu_ms = 0;  // user + system time of this process during the request
  std::string text;
};

// The CPU time (user + system) this process has used so far, in milliseconds.
double process_cpu_ms();

// Summary of one variant's runs.
struct Summary {
  double median_total_ms = 0;
  double p10_total_ms = 0;
  double p90_total_ms = 0;
  double median_first_token_ms = 0;
  double median_cpu_ms = 0;
};
Summary summarize(const std::vector<StreamTiming>& runs);

}  // namespace seam::bench
