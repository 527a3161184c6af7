#include "seam_run_client.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace seam::bench {

namespace {

// The CPU time of the children this process has waited for, in milliseconds.
double children_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

}  // namespace

StreamTiming run_seam_command(const std::filesystem::path& seam,
                              const std::filesystem::path& config, const std::string& model,
                              const std::string& prompt) {
  using Clock = std::chrono::steady_clock;
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  std::vector<std::string> args = {seam.string(), "--config", config.string(), "run",
                                   "--model",     model,      prompt};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  StreamTiming timing;
  const double children_before = children_cpu_ms();
  const Clock::time_point start = Clock::now();
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (error != 0) {
    close(out[0]);
    throw std::runtime_error("cannot start " + seam.string());
  }
  char buffer[65536];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) continue;
    if (timing.text.empty()) {
      timing.first_token_ms =
          std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    }
    timing.text.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  timing.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  timing.cpu_ms = children_cpu_ms() - children_before;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("seam run failed");
  if (!timing.text.empty() && timing.text.back() == '\n') timing.text.pop_back();
  return timing;
}

}  // namespace seam::bench
