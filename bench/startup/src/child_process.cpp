#include "child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <stdexcept>

#include "timing.hpp"

extern char** environ;

namespace seam::bench {

namespace {

std::vector<std::string> child_environment(const ChildOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    if (options.env.count(entry.substr(0, entry.find('='))) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : options.env) {
    if (value) env.push_back(name + "=" + *value);
  }
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Starts ARGV with its stdout on OUT_FD and returns its pid. posix_spawn, not fork: a fork copies
// the page tables of this driver, which by then has mapped plugins and megabytes of heap, and the
// child's share of that copy was billed to the tool being timed (several milliseconds a start on a
// virtual machine, the same for every tool, which pulled every ratio towards 1).
pid_t start(std::vector<std::string> argv, const ChildOptions& options, int out_fd) {
  std::vector<std::string> env = child_environment(options);
  std::vector<char*> argv_ptrs = pointers(argv);
  std::vector<char*> env_ptrs = pointers(env);
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  if (!options.cwd.empty()) ::posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
  ::posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  pid_t pid = -1;
  const int error =
      ::posix_spawnp(&pid, argv_ptrs[0], &actions, nullptr, argv_ptrs.data(), env_ptrs.data());
  ::posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw std::runtime_error("cannot run " + argv.front() + ": " + std::strerror(error));
  }
  return pid;
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits for PID; its CPU time goes to *CPU_SECONDS, its peak RSS to *MAX_RSS_KB.
int reap(pid_t pid, double* cpu_seconds, long* max_rss_kb) {
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  *cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  *max_rss_kb = usage.ru_maxrss;
  return exit_code_of(status);
}

}  // namespace

ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options) {
  ChildResult result;
  int fds[2] = {-1, -1};
  if (options.capture_stdout) {
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  } else {
    fds[1] = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  }
  const auto started = Clock::now();
  pid_t pid = start(argv, options, fds[1]);
  ::close(fds[1]);
  if (options.capture_stdout) {
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) != 0) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      result.out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
  }
  result.exit_code = reap(pid, &result.time.cpu, &result.max_rss_kb);
  result.time.wall = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

bool run_all(const std::vector<std::vector<std::string>>& commands, int jobs) {
  const int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  std::set<pid_t> running;
  bool ok = true;
  auto wait_one = [&] {
    int status = 0;
    pid_t pid;
    while ((pid = ::wait(&status)) < 0 && errno == EINTR) {
    }
    if (pid < 0) throw std::runtime_error("wait failed with children left");
    running.erase(pid);
    if (exit_code_of(status) != 0) ok = false;
  };
  for (const auto& command : commands) {
    while (static_cast<int>(running.size()) >= jobs) wait_one();
    running.insert(start(command, {}, devnull));
  }
  while (!running.empty()) wait_one();
  ::close(devnull);
  return ok;
}

std::filesystem::path self_executable() {
  return std::filesystem::read_symlink("/proc/self/exe");
}

long peak_rss_kb(const std::vector<std::string>& argv, const ChildOptions& options) {
  std::vector<std::string> launcher{self_executable().string(), kPeakRssChildFlag};
  launcher.insert(launcher.end(), argv.begin(), argv.end());
  ChildOptions capture = options;
  capture.capture_stdout = true;
  const ChildResult r = run_child(launcher, capture);
  long kb = 0;
  int exit_code = -1;
  if (r.exit_code != 0 || std::sscanf(r.out.c_str(), "%ld %d", &kb, &exit_code) != 2 ||
      exit_code != 0) {
    throw std::runtime_error("measuring the peak RSS of " + argv.front() + " failed");
  }
  return kb;
}

int peak_rss_child(char** argv) {
  const int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t pid = ::fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    ::dup2(devnull, STDOUT_FILENO);
    ::execvp(argv[0], argv);
    ::_exit(127);
  }
  double cpu = 0;
  long kb = 0;
  const int exit_code = reap(pid, &cpu, &kb);
  std::printf("%ld %d\n", kb, exit_code);
  return 0;
}

}  // namespace seam::bench
