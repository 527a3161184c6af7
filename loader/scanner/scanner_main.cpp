// seam-plugin-scanner: scans plugin files for the loader in a process of its own, so that a plugin
// that crashes, aborts, exits, hangs or misbehaves while loading or registering takes down only
// this process.
//
//   seam-plugin-scanner --host-version V --budget-ms N --answer-fd FD --parent PID
//
// It takes the files to scan one at a time from FD and answers there, as scanner_protocol.hpp
// describes; several scanners may share the loader's queue. Its stdout and stderr are the loader's
// capture of what plugins print; they never reach the host's own output.
// A plugin that leaves the process in doubt (see process_state.hpp) ends the scanner after its
// record: the loader starts a fresh one for the files that remain.
#if defined(_WIN32)
#include <cstdio>

// Isolated scanning is POSIX-only so far: the loader scans in process on Windows.
int main() {
  std::fprintf(stderr, "seam-plugin-scanner: not supported on Windows yet\n");
  return 2;
}
#else
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "answer_channel.hpp"
#include "process_state.hpp"
#include "record_codec.hpp"
#include "scan.hpp"
#include "scanner_protocol.hpp"

namespace {

namespace protocol = seam::detail::scanner_protocol;

// Each library a process has loaded makes the next dlopen slower (the dynamic linker compares the
// new file with every loaded one, and a plugin's code range is found among them), so one process
// scanning N files costs O(N^2): 10,000 plugins took 29-36 s of CPU in one scanner and 8 s in
// scanners of 256 files each (2,000: 1.6-2.1 s and 1.3 s). After this many files the scanner ends
// between two files, and the loader starts a fresh one for the rest, as it does after a doubt.
// 128 to 512 measured alike; a fresh scanner costs a few milliseconds.
constexpr std::size_t kFilesPerProcess = 256;

struct Arguments {
  seam::detail::ScanSettings settings;
  int answer_fd = -1;
  long parent = 0;
};

bool parse(int argc, char** argv, Arguments& a) {
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--host-version") && has_value) {
      a.settings.host_version = argv[++i];
    } else if (!std::strcmp(argv[i], "--budget-ms") && has_value) {
      a.settings.budget = std::chrono::milliseconds(std::atol(argv[++i]));
    } else if (!std::strcmp(argv[i], "--answer-fd") && has_value) {
      a.answer_fd = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--parent") && has_value) {
      a.parent = std::atol(argv[++i]);
    } else {
      return false;
    }
  }
  return a.answer_fd >= 0 && a.parent > 0;
}

// Sends file I's encoded record in pieces that each fit one message, with its scan time.
bool send_record(std::size_t i, const std::string& record, long long micros) {
  std::size_t done = 0;
  do {
    const std::size_t piece = std::min(protocol::kRecordPiece, record.size() - done);
    const bool more = done + piece < record.size();
    std::string message = "record " + std::to_string(i) + (more ? " 1 " : " 0 ") +
                          std::to_string(micros) + "\n";
    message.append(record, done, piece);
    if (!seam::scanner::send_answer(message)) return false;
    done += piece;
  } while (done < record.size());
  return true;
}

[[noreturn]] void answer_lost() {
  static const char text[] =
      "seam-plugin-scanner: the plugin closed or replaced the scanner's answer descriptor\n";
  (void)!::write(STDERR_FILENO, text, sizeof text - 1);
  ::_exit(protocol::kAnswerLostExit);
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (!parse(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: seam-plugin-scanner --host-version V --budget-ms N --answer-fd FD "
                 "--parent PID\n");
    return 2;
  }
  // Dies with the loader; a loader gone before this line is caught by the parent check.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != static_cast<pid_t>(args.parent)) return 2;
  // Orphans of a plugin's children become ours, so has_children() sees them too.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::string why;
  if (!seam::scanner::open_answer_channel(args.answer_fd, why)) {
    std::fprintf(stderr, "seam-plugin-scanner: %s\n", why.c_str());
    return 2;
  }
  // Line by line, so what a plugin printed before it crashed reaches the loader's capture.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  seam::scanner::watch_forks(seam::scanner::forget_answer_channel_in_child);
  seam::scanner::answer_stop_signals();

  auto shared = std::make_shared<seam::detail::SharedServices>();
  shared->host_version = args.settings.host_version;
  // Scanned plugins stay mapped until the process ends: a thread or handler a plugin left behind
  // never runs into unmapped code and gets pinned on the next file.
  std::vector<std::shared_ptr<seam::detail::LoadedPlugin> > kept;
  const seam::scanner::ProcessState before = seam::scanner::ProcessState::capture();
  const unsigned long forks_before = seam::scanner::forks_so_far();
  if (!seam::scanner::send_answer(protocol::kHello)) return 2;
  std::string request;
  for (std::size_t i = 0;; ++i) {
    if (!seam::scanner::receive_request(request)) ::_exit(2);
    const auto asked = protocol::parse_request(request);
    if (!asked || asked->index != i) {
      // Only the loader writes to this channel, but plugin code can read from it: a request that
      // went missing was taken by the plugin just scanned. Nothing is scanned out of turn.
      if (i == 0) ::_exit(2);
      seam::scanner::send_answer("doubt " + std::to_string(i - 1) +
                                 " took a request meant for the scanner from its channel");
      ::_exit(0);
    }
    if (asked->end) break;
    const std::string file(asked->path);
    const std::string marker = protocol::output_marker(i);
    std::fflush(stdout);
    (void)!::write(STDOUT_FILENO, marker.data(), marker.size());
    if (!seam::scanner::send_answer("begin " + std::to_string(i) + " " + file)) ::_exit(2);
    const auto start = std::chrono::steady_clock::now();
    seam::detail::ScanResult scan = seam::detail::scan_in_process(file, shared);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    // A child the plugin forked returns here too: it must never answer or scan on.
    if (seam::scanner::in_forked_child()) ::_exit(0);
    std::fflush(stdout);
    if (!seam::scanner::answer_channel_intact()) answer_lost();
    kept.push_back(std::move(scan.loaded));
    std::string record;
    seam::detail::encode_record(scan.record, record);
    if (!send_record(i, record, static_cast<long long>(took.count()))) answer_lost();

    std::string doubt;
    if (seam::scanner::forks_so_far() != forks_before) {
      doubt = "forked a process";
    } else if (seam::scanner::has_children()) {
      doubt = "started a process that is still running or was not waited for";
    } else {
      doubt = before.difference_from_now();
    }
    if (!doubt.empty()) {
      seam::scanner::send_answer("doubt " + std::to_string(i) + " " + doubt);
      ::_exit(0);
    }
    // Files it held but did not begin go back to the loader's queue, as after a doubt.
    if (i + 1 == kFilesPerProcess) ::_exit(0);
  }
  // No exit handlers or static destructors: plugin code must not run after the last answer.
  ::_exit(0);
}
#endif
