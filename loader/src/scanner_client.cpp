#include "scanner_client.hpp"

#include "dynlib.hpp"
#include "log.hpp"
#include "printable_text.hpp"
#include "record_codec.hpp"
#include "scanner_process.hpp"
#include "scanner_protocol.hpp"

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <cstring>
#endif

namespace seam::detail {

#if defined(_WIN32)

bool isolated_scanning_available() noexcept {
  return false;
}

std::vector<ScanResult> scan_isolated(const std::filesystem::path&,
                                      const std::vector<std::filesystem::path>&,
                                      const ScanSettings&) {
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
// A record this large is no plugin's registration (100,000 backends take about 3 MiB).
constexpr std::size_t kMaxRecordBytes = std::size_t{256} << 20;
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

// One scanner's run over the files from FIRST on.
class ScannerRun {
 public:
  ScannerRun(const std::vector<std::string>& asked, std::size_t first, const ScanSettings& settings)
      : asked_(asked), first_(first), next_(first), settings_(settings) {}

  // Runs the scanner until it ends or must be replaced; appends a result per file it accounts
  // for. Returns the first file not accounted for.
  std::size_t run(const std::filesystem::path& scanner,
                  const std::vector<std::filesystem::path>& files,
                  std::vector<ScanResult>& results);

 private:
  enum class Verdict { go_on, stop };
  Verdict on_message(const std::string& text, std::vector<ScanResult>& results,
                     const std::vector<std::filesystem::path>& files);
  ScanResult broken(const std::filesystem::path& file, const std::string& what);

  const std::vector<std::string>& asked_;
  const std::size_t first_;
  std::size_t next_;
  const ScanSettings& settings_;
  ScannerProcess* process_ = nullptr;
  bool greeted_ = false;
  bool in_file_ = false;
  std::string record_;
  std::string violation_;  // an answer out of turn while a file was being scanned
  std::string doubt_;
  int interrupted_by_ = 0;
  Clock::time_point deadline_;
};

ScanResult ScannerRun::broken(const std::filesystem::path& file, const std::string& what) {
  ScanResult result;
  result.record = broken_scan_record(file, what);
  result.record.row.reason += quoted_output(process_->output());
  return result;
}

ScannerRun::Verdict ScannerRun::on_message(const std::string& text,
                                           std::vector<ScanResult>& results,
                                           const std::vector<std::filesystem::path>& files) {
  if (!greeted_) {
    if (text != protocol::kHello) {
      throw ScannerUnavailable("the scanner answered '" + printable_text(text.substr(0, 40)) +
                               "' instead of '" + protocol::kHello + "'");
    }
    greeted_ = true;
    deadline_ = Clock::now() + settings_.budget;
    return Verdict::go_on;
  }
  const std::size_t space = text.find(' ');
  const std::string_view kind = std::string_view(text).substr(0, space);
  std::size_t index = 0;
  const char* after_index = nullptr;
  if (space != std::string::npos) {
    char* end = nullptr;
    index = std::strtoull(text.c_str() + space + 1, &end, 10);
    if (end != text.c_str() + space + 1) after_index = end;
  }
  const std::size_t expected = next_ - first_;
  auto rest = [&] { return std::string_view(after_index + 1); };
  if (kind == "interrupted" && after_index) {
    // Believed only once the scanner has exited the way its stop handler does (below).
    interrupted_by_ = static_cast<int>(index);
    return Verdict::go_on;
  }
  if (interrupted_by_ != 0) return Verdict::go_on;  // nothing more counts
  if (!in_file_) {
    if (kind == "begin" && after_index && *after_index == ' ' && index == expected &&
        text.compare(after_index + 1 - text.c_str(), std::string::npos, asked_[next_]) == 0) {
      in_file_ = true;
      record_.clear();
      process_->forget_output_until(protocol::output_marker(index));
      deadline_ = Clock::now() + settings_.budget;
      return Verdict::go_on;
    }
    if (kind == "doubt" && after_index && *after_index == ' ' && next_ > first_ &&
        index + 1 == expected) {
      doubt_ = std::string(rest());
    } else {
      // Nobody's file is open: no plugin to blame, but this scanner is not to be trusted.
      doubt_ = "it answered out of turn between files";
    }
    return Verdict::stop;
  }
  if (kind == "record" && after_index && index == expected &&
      (std::strncmp(after_index, " 0\n", 3) == 0 || std::strncmp(after_index, " 1\n", 3) == 0)) {
    const bool more = after_index[1] == '1';
    record_.append(after_index + 3, text.c_str() + text.size());
    if (record_.size() > kMaxRecordBytes) {
      violation_ =
          "sent a scan result larger than " + std::to_string(kMaxRecordBytes >> 20) + " MiB";
      return Verdict::stop;
    }
    if (more) return Verdict::go_on;
    auto decoded = decode_records(record_);
    if (!decoded || decoded->size() != 1) {
      violation_ = "sent a scan result the loader cannot read";
      return Verdict::stop;
    }
    ScanResult result;
    result.record = std::move(decoded->front());
    if (result.record.path() != asked_[next_]) {
      violation_ =
          "sent a scan result for another file ('" + printable_text(result.record.path()) + "')";
      return Verdict::stop;
    }
    result.record.row.origin = path_text(files[next_]);
    result.record.fingerprint = fingerprint_of(files[next_]);
    if (result.record.row.state == PluginState::broken) {
      result.record.row.reason += quoted_output(process_->output());
    }
    results.push_back(std::move(result));
    ++next_;
    in_file_ = false;
    deadline_ = Clock::now() + settings_.budget;
    return Verdict::go_on;
  }
  violation_ = "wrote to the scanner's answer channel ('" +
               printable_text(std::string_view(text).substr(0, 40)) + "')";
  return Verdict::stop;
}

std::size_t ScannerRun::run(const std::filesystem::path& scanner,
                            const std::vector<std::filesystem::path>& files,
                            std::vector<ScanResult>& results) {
  std::vector<std::string> args{"--host-version", settings_.host_version, "--budget-ms",
                                std::to_string(settings_.budget.count()), "--"};
  args.insert(args.end(), asked_.begin() + static_cast<std::ptrdiff_t>(first_), asked_.end());
  ScannerProcess process(scanner, std::move(args));
  process_ = &process;
  deadline_ = Clock::now() + std::max(kStartBudget, settings_.budget);
  bool exited = false, timed_out = false;
  for (;;) {
    ScannerProcess::Message message;
    const ScannerProcess::Event event = process.wait(deadline_, message);
    if (event == ScannerProcess::Event::deadline) {
      timed_out = true;
      break;
    }
    if (event == ScannerProcess::Event::exited) {
      exited = true;
      break;
    }
    if (event == ScannerProcess::Event::end_of_answers) continue;
    if (message.sender != process.pid()) {
      // A process a plugin forked kept the channel: its words count for nothing.
      log().debug("ignored an answer from process {}, not the scanner {}", message.sender,
                  process.pid());
      continue;
    }
    if (on_message(message.text, results, files) == Verdict::stop) break;
  }
  // Read what is left before the group dies, so the quoted output is complete.
  process.output();
  process.kill_group();
  if (!greeted_) {
    bool ignored = true;
    throw ScannerUnavailable(
        "the scanner " + scanner.string() +
        (timed_out ? " did not start in time"
                   : " ended before it started: " + describe_end(process.status(), ignored)));
  }
  if (!doubt_.empty()) {
    log().debug("a new scanner takes over after {}: the plugin {}", asked_[next_ - 1], doubt_);
  }
  // "interrupted" without the stop handler's exit is a plugin speaking on the channel.
  const bool really_interrupted = interrupted_by_ != 0 && exited && WIFEXITED(process.status()) &&
                                  WEXITSTATUS(process.status()) == 128 + interrupted_by_;
  if (interrupted_by_ != 0 && !really_interrupted && violation_.empty()) {
    violation_ = "wrote to the scanner's answer channel (a false 'interrupted')";
  }
  // Stopped from outside between files: the next file gets a row that blames no one, so that a
  // scanner killed over and over still ends.
  if (in_file_ || (really_interrupted && next_ < asked_.size())) {
    std::string what;
    bool cacheable = true;
    if (!violation_.empty()) {
      what = violation_;
    } else if (really_interrupted) {
      cacheable = false;
      what = "was being scanned when another process stopped the scanner with " +
             signal_name(interrupted_by_) + "; it will be scanned again at the next start";
    } else if (timed_out) {
      what = "did not finish loading and registering within " +
             std::to_string(settings_.budget.count()) + " ms (timeout)";
    } else if (exited) {
      what = describe_end(process.status(), cacheable);
    } else {
      what = "left the scanner in an unknown state";
    }
    results.push_back(broken(files[next_], what));
    results.back().cacheable = cacheable;
    log().warn("{}", results.back().record.row.reason);
    ++next_;
  } else if (next_ == first_) {
    throw ScannerUnavailable("the scanner ended without scanning anything");
  }
  process_ = nullptr;
  return next_;
}

}  // namespace

std::vector<ScanResult> scan_isolated(const std::filesystem::path& scanner,
                                      const std::vector<std::filesystem::path>& files,
                                      const ScanSettings& settings) {
  // Absolute before any plugin runs: a plugin that changes the working directory cannot make a
  // later relative path name another file.
  std::vector<std::string> asked;
  asked.reserve(files.size());
  for (const auto& file : files) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(file, ec);
    asked.push_back(path_text(ec ? file : absolute));
  }
  std::vector<ScanResult> results;
  results.reserve(files.size());
  for (std::size_t next = 0; next < files.size();) {
    try {
      next = ScannerRun(asked, next, settings).run(scanner, files, results);
    } catch (const ScannerUnavailable& e) {
      // Before any file: the caller decides (scan in process). After some: the plugins left are
      // not run here without isolation; they get rows that are scanned again next time.
      if (results.empty()) throw;
      for (; next < files.size(); ++next) {
        ScanResult result;
        result.record =
            broken_scan_record(files[next], std::string("could not be scanned: ") + e.what() +
                                                "; it will be scanned again at the next start");
        result.cacheable = false;
        results.push_back(std::move(result));
      }
    }
  }
  return results;
}

#endif

}  // namespace seam::detail
