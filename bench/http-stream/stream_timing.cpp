#include "stream_timing.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace seam::bench {

namespace {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t index =
      static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

}  // namespace

double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

Summary summarize(const std::vector<StreamTiming>& runs) {
  std::vector<double> totals, firsts, cpus;
  for (const StreamTiming& run : runs) {
    totals.push_back(run.total_ms);
    firsts.push_back(run.first_token_ms);
    cpus.push_back(run.cpu_ms);
  }
  Summary summary;
  summary.median_total_ms = percentile(totals, 0.5);
  summary.p10_total_ms = percentile(totals, 0.1);
  summary.p90_total_ms = percentile(totals, 0.9);
  summary.median_first_token_ms = percentile(firsts, 0.5);
  summary.median_cpu_ms = percentile(cpus, 0.5);
  return summary;
}

}  // namespace seam::bench
