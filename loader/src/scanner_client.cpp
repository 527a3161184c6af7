#include "scanner_client.hpp"

#include "dynlib.hpp"
#include "log.hpp"
#include "record_codec.hpp"

#if !defined(_WIN32)
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;
#endif

namespace seam::detail {

#if defined(_WIN32)

std::vector<PluginRecord> scan_isolated(const std::filesystem::path&,
                                        const std::vector<std::filesystem::path>&,
                                        const ScanSettings&) {
  throw ScannerUnavailable("isolated scanning is not implemented on Windows yet");
}

#else

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;  // the scanner's answer stream
};

Child spawn_scanner(const std::filesystem::path& scanner,
                    const std::vector<std::filesystem::path>& files, std::size_t first,
                    const ScanSettings& settings) {
  std::vector<std::string> args{scanner.string(),
                                "--host-version",
                                settings.host_version,
                                "--budget-ms",
                                std::to_string(settings.budget.count()),
                                "--"};
  for (std::size_t i = first; i < files.size(); ++i) args.push_back(files[i].string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw ScannerUnavailable(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  Child child;
  int rc = posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw ScannerUnavailable("cannot start " + scanner.string() + ": " + std::strerror(rc));
  }
  child.out = fds[0];
  return child;
}

std::string describe_end(int status, bool timed_out, std::chrono::milliseconds budget) {
  if (timed_out) {
    return "did not finish loading and registering within " + std::to_string(budget.count()) +
           " ms (timeout)";
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* abbrev = sigabbrev_np(sig);
    return std::string("crashed the scanner with SIG") + (abbrev ? abbrev : std::to_string(sig)) +
           " (" + strsignal(sig) + ")";
  }
  return "made the scanner exit with code " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

std::vector<PluginRecord> scan_isolated(const std::filesystem::path& scanner,
                                        const std::vector<std::filesystem::path>& files,
                                        const ScanSettings& settings) {
  std::vector<PluginRecord> records;
  std::size_t next = 0;  // the first file not yet accounted for
  while (next < files.size()) {
    const std::size_t first = next;
    Child child = spawn_scanner(scanner, files, next, settings);
    bool greeted = false, in_file = false, timed_out = false;
    std::string pending;
    std::size_t record_bytes = 0;  // of the record being received; 0 between records
    auto deadline = std::chrono::steady_clock::now() + settings.budget;
    char buffer[65536];
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        timed_out = true;
        ::kill(child.pid, SIGKILL);
        break;
      }
      pollfd pfd{child.out, POLLIN, 0};
      int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
      if (ready <= 0) continue;  // EINTR or the deadline: the loop head decides
      ssize_t n = ::read(child.out, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      pending.append(buffer, static_cast<std::size_t>(n));
      std::size_t start = 0;
      for (;;) {
        if (record_bytes > 0) {
          // The record's bytes, once they have all arrived.
          if (pending.size() - start < record_bytes) break;
          auto decoded = decode_records(std::string_view(pending).substr(start, record_bytes));
          start += record_bytes;
          record_bytes = 0;
          if (decoded && decoded->size() == 1) {
            PluginRecord record = std::move(decoded->front());
            record.fingerprint = fingerprint_of(files[next]);
            records.push_back(std::move(record));
          } else {
            records.push_back(
                broken_scan_record(files[next], "produced an unreadable scan result"));
          }
          ++next;
          in_file = false;
          continue;
        }
        const std::size_t newline = pending.find('\n', start);
        if (newline == std::string::npos) break;
        std::string_view line(pending.data() + start, newline - start);
        start = newline + 1;
        if (!greeted) {
          greeted = line == "seam-scanner 2";
        } else if (line.substr(0, 6) == "begin ") {
          in_file = true;
          deadline = std::chrono::steady_clock::now() + settings.budget;
        } else if (in_file && line.substr(0, 7) == "record ") {
          record_bytes = std::strtoull(std::string(line.substr(7)).c_str(), nullptr, 10);
          if (record_bytes == 0) {
            records.push_back(
                broken_scan_record(files[next], "produced an unreadable scan result"));
            ++next;
            in_file = false;
          }
        }
      }
      pending.erase(0, start);
    }
    ::close(child.out);
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!greeted) {
      throw ScannerUnavailable("the scanner " + scanner.string() + " " +
                               describe_end(status, timed_out, settings.budget) +
                               " before it started");
    }
    if (next < files.size() && (in_file || timed_out)) {
      records.push_back(
          broken_scan_record(files[next], describe_end(status, timed_out, settings.budget)));
      log().warn("{}", records.back().row.reason);
      ++next;
    } else if (next == first) {
      // It ended between files having done nothing: another try would do the same.
      throw ScannerUnavailable("the scanner ended without scanning anything");
    }
  }
  return records;
}

#endif

}  // namespace seam::detail
