// The loader's reading of one scanner's answers (scanner_protocol.hpp), apart from any process:
// told which files were asked and fed every message the scanner itself sent, in order, it checks
// each answer against what was asked and says what it means. The scanner client drives it from a
// running scanner; the scanner_protocol fuzz target drives it from captured bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "record.hpp"

namespace seam::detail {

class ScannerConversation {
 public:
  // A record this large is no plugin's registration (100,000 backends take about 3 MiB).
  static constexpr std::size_t kMaxRecordBytes = std::size_t{256} << 20;

  enum class Step {
    go_on,       // nothing to act on
    greeted,     // the scanner is ready
    file_begun,  // the code of file done() runs from now on
    file_done,   // file done() - 1 has its record: take_record()
    stop,        // end this scanner: refusal(), violation() or doubt() says why
  };

  // Hands the scanner the next file, an absolute path; returns the request to send it.
  std::string ask(std::string path);
  // Says that no file follows those asked; returns the request to send.
  std::string finish();

  // One message the scanner sent (the caller has checked that the scanner sent it).
  Step on_message(std::string_view text);

  std::size_t asked() const noexcept { return asked_.size(); }
  const std::string& asked_path(std::size_t k) const { return asked_[k]; }
  bool finished() const noexcept { return finished_; }
  // Files whose record arrived.
  std::size_t done() const noexcept { return done_; }
  bool greeted() const noexcept { return greeted_; }
  // File done() has begun and has no record yet.
  bool in_file() const noexcept { return in_file_; }
  // The signal of an "interrupted" message (0 when none came); believed by the caller only when
  // the scanner's end matches it.
  int interrupted_by() const noexcept { return interrupted_by_; }
  // Not a scanner: it did not greet as one (nothing is to be blamed).
  const std::string& refusal() const noexcept { return refusal_; }
  // What the file being scanned did to the channel; the file is to be blamed.
  const std::string& violation() const noexcept { return violation_; }
  // Why the scanner cannot be trusted for another file, when no file is to be blamed.
  const std::string& doubt() const noexcept { return doubt_; }

  // After file_done: the record, with its path as asked, and how long the scan took as the
  // scanner measured it.
  PluginRecord take_record() { return std::move(record_); }
  std::chrono::microseconds scan_time() const noexcept { return scan_time_; }

 private:
  Step stop_with(std::string& why, std::string text);
  Step on_record(std::string_view rest);

  std::vector<std::string> asked_;
  bool finished_ = false;
  std::size_t done_ = 0;
  bool greeted_ = false;
  bool in_file_ = false;
  bool stopped_ = false;
  int interrupted_by_ = 0;
  std::string pieces_;  // the record of the file in progress, as it arrives
  PluginRecord record_;
  std::chrono::microseconds scan_time_{0};
  std::string refusal_, violation_, doubt_;
};

}  // namespace seam::detail
