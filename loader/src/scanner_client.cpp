#include "scanner_client.hpp"

#include <seam/loader/options.hpp>

#include "dynlib.hpp"
#include "log.hpp"
#include "printable_text.hpp"
#include "record_codec.hpp"
#include "scanner_conversation.hpp"
#include "scanner_process.hpp"
#include "scanner_protocol.hpp"

#if !defined(_WIN32)
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#endif

namespace seam::detail {

#if defined(_WIN32)

bool isolated_scanning_available() noexcept {
  return false;
}

std::size_t scanners_for(unsigned, std::size_t) {
  return 1;
}

std::vector<ScanResult> scan_isolated(const std::filesystem::path&,
                                      const std::vector<std::filesystem::path>&,
                                      const ScanSettings&, unsigned) {
  throw ScannerUnavailable("isolated scanning is not implemented on Windows yet");
}

#else

bool isolated_scanning_available() noexcept {
  return true;
}

namespace {

namespace protocol = scanner_protocol;
using Clock = std::chrono::steady_clock;

// The scanner's own start (exec, dynamic linking) is not a plugin's time.
constexpr std::chrono::milliseconds kStartBudget{10000};
// How often the loader looks at its scanners while they scan. It does not wake for each message:
// a scanner whose message wakes a sleeping loader pays for that wakeup (an inter-processor
// interrupt, dear in a virtual machine), and for small plugins that cost as much as the scan. A
// scanner's end still wakes the loader at once.
constexpr std::chrono::milliseconds kTick{2};
// The most files a scanner holds at once: enough that it does not run dry between two looks.
constexpr std::size_t kMaxInHand = 16;
// How many of the last lines a plugin printed a broken row quotes.
constexpr std::size_t kQuotedLines = 4;
constexpr std::size_t kQuotedLineBytes = 200;

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return std::string("SIG") + (abbrev ? abbrev : std::to_string(sig)) + " (" + strsignal(sig) + ")";
}

// The last lines of OUTPUT, quoted for a row's reason; "" when there are none.
std::string quoted_output(const std::string& output) {
  std::vector<std::string_view> lines;
  std::string_view rest(output);
  while (!rest.empty() && lines.size() <= 64) {
    std::size_t end = rest.find_last_of('\n', rest.size() - 1);
    std::string_view line = end == std::string_view::npos ? rest : rest.substr(end + 1);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(0, end);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
    if (lines.size() == kQuotedLines) break;
  }
  if (lines.empty()) return {};
  std::string quoted = " Its last output: ";
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    std::string_view line = it->substr(0, kQuotedLineBytes);
    quoted += "\"" + printable_text(line) + (line.size() < it->size() ? "…" : "") + "\"";
    if (it + 1 != lines.rend()) quoted += " / ";
  }
  return quoted;
}

// What the scanner's end says about the file it was on; CACHEABLE is cleared when the end came
// from outside and says nothing about the plugin.
std::string describe_end(int status, bool& cacheable) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGKILL) {
      // The loader's own kills are told apart before this; a plugin hardly kills itself this way.
      cacheable = false;
      return "was being scanned when another process killed the scanner with " + signal_name(sig) +
             "; it will be scanned again at the next start";
    }
    return "crashed the scanner with " + signal_name(sig);
  }
  const int code = WEXITSTATUS(status);
  if (code == protocol::kAnswerLostExit) {
    return "closed or replaced the scanner's private answer descriptor";
  }
  return "made the scanner exit with code " + std::to_string(code);
}

// One scanner and the files handed to it.
struct Lane {
  std::unique_ptr<ScannerProcess> process;
  ScannerConversation conversation;
  // Indices into the files, asked of this scanner and not accounted for yet, in the order asked.
  std::deque<std::size_t> files;
  std::size_t accounted = 0;
  Clock::time_point deadline;
  Clock::time_point begun;  // of the file in progress
  bool ended = false;       // exited, out of time, or to be ended: finish() it
  bool exited = false;
  bool timed_out = false;
};

// Files scanned by up to JOBS scanners at once, each file handed to whichever scanner is free
// first. The calling thread starts every scanner and looks after all of them with one poll: no
// lock is needed, and PR_SET_PDEATHSIG (which fires when the thread that started a scanner ends)
// cannot fire while the scan runs. A scanner's crash, hang or doubt ends that scanner alone: the
// file it was on gets its own broken row, the files it held but never began go back to the queue.
class ParallelScan {
 public:
  ParallelScan(const std::filesystem::path& scanner, const std::vector<std::filesystem::path>& files,
               const ScanSettings& settings, std::size_t jobs);
  std::vector<ScanResult> run();

 private:
  std::size_t in_hand_target(std::size_t scanners) const;
  void start_scanner(std::size_t in_hand);
  std::vector<std::string> hand_out(Lane& lane, std::size_t in_hand);
  void top_up(Lane& lane);
  void take_events(Lane& lane, const std::vector<pollfd>& fds);
  void on_message(Lane& lane, const std::string& text);
  void finish(Lane& lane);
  void lose_slot(const std::string& why);
  void account(std::size_t file, ScanResult result);
  ScanResult broken(Lane& lane, std::size_t file, const std::string& what);

  const std::filesystem::path& scanner_;
  const std::vector<std::filesystem::path>& files_;
  const ScanSettings& settings_;
  std::vector<std::string> asked_;  // absolute, parallel to files_
  std::deque<std::size_t> queue_;   // files no scanner holds, in discovery order
  std::vector<ScanResult> results_;
  std::vector<bool> accounted_for_;
  std::size_t accounted_ = 0;
  std::size_t slots_;  // scanners that may run at once; one less for each that cannot start
  std::string unavailable_;
  std::vector<std::unique_ptr<Lane>> lanes_;
};

ParallelScan::ParallelScan(const std::filesystem::path& scanner,
                           const std::vector<std::filesystem::path>& files,
                           const ScanSettings& settings, std::size_t jobs)
    : scanner_(scanner),
      files_(files),
      settings_(settings),
      results_(files.size()),
      accounted_for_(files.size(), false),
      slots_(std::max<std::size_t>(1, std::min(jobs, files.size()))) {
  // Absolute before any plugin runs: a plugin that changes the working directory cannot make a
  // later relative path name another file.
  asked_.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(files[i], ec);
    asked_.push_back(path_text(ec ? files[i] : absolute));
    queue_.push_back(i);
  }
}

void ParallelScan::account(std::size_t file, ScanResult result) {
  if (accounted_for_[file]) throw std::logic_error("a file was scanned twice");
  accounted_for_[file] = true;
  results_[file] = std::move(result);
  ++accounted_;
}

ScanResult ParallelScan::broken(Lane& lane, std::size_t file, const std::string& what) {
  ScanResult result;
  result.record = broken_scan_record(files_[file], what);
  result.record.row.reason += quoted_output(lane.process->output());
  return result;
}

void ParallelScan::lose_slot(const std::string& why) {
  --slots_;
  unavailable_ = why;
  log().debug("one scanner less ({} may run): {}", slots_, why);
}

// Starts a scanner holding IN_HAND files (fewer when the queue has fewer), whose requests wait
// on its channel before it runs.
void ParallelScan::start_scanner(std::size_t in_hand) {
  auto lane = std::make_unique<Lane>();
  const std::vector<std::string> requests = hand_out(*lane, in_hand);
  try {
    lane->process = std::make_unique<ScannerProcess>(
        scanner_,
        std::vector<std::string>{"--host-version", settings_.host_version, "--budget-ms",
                                 std::to_string(settings_.budget.count())},
        requests);
  } catch (const ScannerUnavailable& e) {
    queue_.insert(queue_.begin(), lane->files.begin(), lane->files.end());
    lose_slot(e.what());
    return;
  }
  lane->deadline = Clock::now() + std::max<Clock::duration>(kStartBudget, settings_.budget);
  lanes_.push_back(std::move(lane));
}

// Gives LANE files from the queue until it holds IN_HAND; once the queue is empty, it learns that
// nothing follows. Returns the requests that tell the scanner.
std::vector<std::string> ParallelScan::hand_out(Lane& lane, std::size_t in_hand) {
  std::vector<std::string> requests;
  // Told that nothing follows: files given back by a scanner that ended go to another.
  if (lane.conversation.finished()) return requests;
  while (lane.files.size() < in_hand && !queue_.empty()) {
    const std::size_t file = queue_.front();
    queue_.pop_front();
    if (asked_[file].size() > protocol::kMaxMessage - 64) {
      ScanResult result;
      result.record = broken_scan_record(
          files_[file], "has a path too long to be handed to the scanner (" +
                            std::to_string(asked_[file].size()) + " bytes); it was not opened");
      account(file, std::move(result));
      continue;
    }
    requests.push_back(lane.conversation.ask(asked_[file]));
    lane.files.push_back(file);
  }
  if (queue_.empty() && !lane.conversation.finished()) {
    requests.push_back(lane.conversation.finish());
  }
  return requests;
}

// How many files each of SCANNERS scanners should hold: enough to keep it busy between two looks,
// but not more than a part of what waits, so the last files go to whichever is free first.
std::size_t ParallelScan::in_hand_target(std::size_t scanners) const {
  const std::size_t share = queue_.size() / (2 * std::max<std::size_t>(1, scanners));
  return std::clamp<std::size_t>(share, 2, kMaxInHand);
}

// Keeps LANE's scanner holding files while the queue has some, so it never waits for this thread
// between files.
void ParallelScan::top_up(Lane& lane) {
  for (const std::string& request : hand_out(lane, in_hand_target(lanes_.size()))) {
    // A scanner that ended cannot take it; its end is noticed and the file asked again.
    (void)lane.process->send(request);
  }
}

void ParallelScan::on_message(Lane& lane, const std::string& text) {
  const auto now = Clock::now();
  switch (lane.conversation.on_message(text)) {
    case ScannerConversation::Step::go_on:
      return;
    case ScannerConversation::Step::greeted:
      lane.deadline = now + settings_.budget;
      return;
    case ScannerConversation::Step::file_begun:
      lane.process->forget_output_until(protocol::output_marker(lane.conversation.done()));
      lane.begun = now;
      lane.deadline = now + settings_.budget;
      return;
    case ScannerConversation::Step::file_done: {
      const std::size_t file = lane.files.front();
      lane.files.pop_front();
      ScanResult result;
      result.record = lane.conversation.take_record();
      result.scan_time = lane.conversation.scan_time();
      result.record.row.origin = path_text(files_[file]);
      result.record.fingerprint = fingerprint_of(files_[file]);
      if (result.record.row.state == PluginState::broken) {
        // What was read may run on into the next file's output: only this file's is quoted.
        const std::string& output = lane.process->output();
        result.record.row.reason += quoted_output(
            output.substr(0, output.find(protocol::output_marker(lane.conversation.done()))));
      }
      account(file, std::move(result));
      ++lane.accounted;
      top_up(lane);
      lane.deadline = now + settings_.budget;
      // Nothing more will be asked of it: no need to wait for its exit.
      if (lane.files.empty() && lane.conversation.finished()) lane.ended = true;
      return;
    }
    case ScannerConversation::Step::stop:
      lane.ended = true;
      return;
  }
}

void ParallelScan::take_events(Lane& lane, const std::vector<pollfd>& fds) {
  ScannerProcess::Message message;
  while (!lane.ended) {
    const auto event = lane.process->next(fds, message);
    if (!event) break;
    if (*event == ScannerProcess::Event::exited) {
      lane.exited = lane.ended = true;
    } else if (*event == ScannerProcess::Event::message) {
      if (message.sender == lane.process->pid()) {
        on_message(lane, message.text);
      } else {
        // A process a plugin forked kept the channel: its words count for nothing.
        log().debug("ignored an answer from process {}, not the scanner {}", message.sender,
                    lane.process->pid());
      }
    }
  }
  if (!lane.ended && Clock::now() >= lane.deadline) lane.timed_out = lane.ended = true;
}

void ParallelScan::finish(Lane& lane) {
  ScannerProcess& process = *lane.process;
  const ScannerConversation& c = lane.conversation;
  // Read what is left before the group dies, so the quoted output is complete.
  process.output();
  process.kill_group();
  auto give_back = [&] {
    queue_.insert(queue_.begin(), lane.files.begin(), lane.files.end());
    lane.files.clear();
  };
  if (!c.greeted()) {
    bool ignored = true;
    lose_slot(!c.refusal().empty() ? c.refusal()
                                   : "the scanner " + scanner_.string() +
                                         (lane.timed_out ? " did not start in time"
                                                         : " ended before it started: " +
                                                               describe_end(process.status(), ignored)));
    give_back();
    return;
  }
  if (!c.doubt().empty() && c.done() > 0) {
    log().debug("a new scanner takes over after {}: the plugin {}", c.asked_path(c.done() - 1),
                printable_text(c.doubt()));
  }
  // "interrupted" without the stop handler's exit is a plugin speaking on the channel.
  const int sig = c.interrupted_by();
  const bool really_interrupted = sig != 0 && lane.exited && WIFEXITED(process.status()) &&
                                  WEXITSTATUS(process.status()) == 128 + sig;
  std::string violation = c.violation();
  if (sig != 0 && !really_interrupted && violation.empty()) {
    violation = "wrote to the scanner's answer channel (a false 'interrupted')";
  }
  // Stopped from outside between files: the next file gets a row that blames no one, so that a
  // scanner killed over and over still ends.
  if (c.in_file() || (really_interrupted && !lane.files.empty())) {
    const std::size_t file = lane.files.front();
    lane.files.pop_front();
    std::string what;
    bool cacheable = true;
    if (!violation.empty()) {
      what = violation;
    } else if (really_interrupted) {
      cacheable = false;
      what = "was being scanned when another process stopped the scanner with " +
             signal_name(sig) + "; it will be scanned again at the next start";
    } else if (lane.timed_out) {
      what = "did not finish loading and registering within " +
             std::to_string(settings_.budget.count()) + " ms (timeout)";
    } else if (lane.exited) {
      what = describe_end(process.status(), cacheable);
    } else {
      what = "left the scanner in an unknown state";
    }
    ScanResult result = broken(lane, file, what);
    result.cacheable = cacheable;
    if (c.in_file()) {
      result.scan_time =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - lane.begun);
    }
    log().warn("{}", result.record.row.reason);
    account(file, std::move(result));
    ++lane.accounted;
  } else if (lane.accounted == 0 && !lane.files.empty()) {
    lose_slot("the scanner ended without scanning anything");
  }
  give_back();
}

std::vector<ScanResult> ParallelScan::run() {
  std::vector<pollfd> fds;
  while (accounted_ < files_.size()) {
    // New scanners share what waits, one file each when there are not enough for more.
    const std::size_t starting = std::min(slots_ - std::min(slots_, lanes_.size()), queue_.size());
    const std::size_t target = in_hand_target(lanes_.size() + starting);
    const std::size_t in_hand = queue_.size() >= starting * target ? target : 1;
    while (!queue_.empty() && lanes_.size() < slots_) start_scanner(in_hand);
    for (auto& lane : lanes_) top_up(*lane);
    if (lanes_.empty()) {
      // No scanner can run. Before any file: the caller decides (scan in process). After some:
      // the plugins left are not run here without isolation; they get rows that are scanned
      // again next time.
      if (accounted_ == 0) throw ScannerUnavailable(unavailable_);
      for (const std::size_t file : queue_) {
        ScanResult result;
        result.record = broken_scan_record(files_[file], "could not be scanned: " + unavailable_ +
                                                             "; it will be scanned again at the "
                                                             "next start");
        result.cacheable = false;
        account(file, std::move(result));
      }
      queue_.clear();
      break;
    }
    fds.clear();
    auto deadline = Clock::time_point::max();
    for (const auto& lane : lanes_) {
      lane->process->watch(fds);
      deadline = std::min(deadline, lane->deadline);
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    // Rounded up, so a deadline a fraction of a millisecond away is not polled for in a loop.
    wait = std::clamp(wait + std::chrono::milliseconds(1), std::chrono::milliseconds(0),
                      std::chrono::milliseconds(kTick));
    if (::poll(fds.data(), fds.size(), static_cast<int>(wait.count())) < 0 && errno != EINTR) {
      throw ScannerUnavailable(std::string("poll: ") + std::strerror(errno));
    }
    for (auto& lane : lanes_) take_events(*lane, fds);
    for (auto it = lanes_.begin(); it != lanes_.end();) {
      if ((*it)->ended) {
        finish(**it);
        it = lanes_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return std::move(results_);
}

unsigned online_cpus() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<unsigned>(CPU_COUNT(&set));
  }
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1;
}

}  // namespace

std::size_t scanners_for(unsigned jobs, std::size_t files) {
  const unsigned wanted = std::min(jobs == 0 ? online_cpus() : jobs, kMaxScanJobs);
  return std::max<std::size_t>(1, std::min<std::size_t>(wanted, files));
}

std::vector<ScanResult> scan_isolated(const std::filesystem::path& scanner,
                                      const std::vector<std::filesystem::path>& files,
                                      const ScanSettings& settings, unsigned jobs) {
  if (files.empty()) return {};
  return ParallelScan(scanner, files, settings, scanners_for(jobs, files.size())).run();
}

#endif

}  // namespace seam::detail
