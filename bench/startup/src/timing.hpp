// Stopwatch and medians. Every figure is the median of several runs, and every run is timed twice:
// wall clock (what the goals are stated in) and CPU time (this thread plus the children it reaped),
// because the machine is shared and a busy neighbour inflates wall time but not CPU time.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace seam::bench {

using Clock = std::chrono::steady_clock;

struct Sample {
  double wall = 0;  // seconds
  double cpu = 0;   // seconds
};

inline double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// User + system time of every child this process has reaped so far.
inline double reaped_children_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Counts children's CPU only when this thread is the one reaping them: use it on the driver's main
// thread for anything that starts processes, and it stays exact for in-process work on any thread.
class Stopwatch {
 public:
  Stopwatch()
      : wall_(Clock::now()), cpu_(thread_cpu_seconds()), children_(reaped_children_cpu_seconds()) {}
  Sample elapsed() const {
    return Sample{std::chrono::duration<double>(Clock::now() - wall_).count(),
                  thread_cpu_seconds() - cpu_ + reaped_children_cpu_seconds() - children_};
  }

 private:
  Clock::time_point wall_;
  double cpu_;
  double children_;
};

inline double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

// Wall and CPU medians taken separately.
inline Sample median(const std::vector<Sample>& samples) {
  std::vector<double> wall, cpu;
  for (const Sample& s : samples) {
    wall.push_back(s.wall);
    cpu.push_back(s.cpu);
  }
  return Sample{median(wall), median(cpu)};
}

// Median of REPETITIONS calls to MEASURE, each returning a Sample.
template <class Measure>
Sample median_of(int repetitions, Measure measure) {
  std::vector<Sample> samples;
  for (int i = 0; i < repetitions; ++i) samples.push_back(measure());
  return median(samples);
}

}  // namespace seam::bench
