// seam's own standard output, kept apart from the process's descriptor 1. Plugin code runs in this
// process at run time; whatever it writes to stdout (printf, std::cout, write(1, ...)) goes to
// stderr instead, so `seam run --json` stays one JSON object per line and `seam models list --json`
// one document, whatever a plugin prints.
//
// The answer and the log share a screen when stdout and stderr reach one file (a terminal,
// `seam run ... >out 2>&1`): a log line written while the answer's last line is still open would
// run into it. So the answer remembers whether its line is open, and every line seam writes to
// stderr goes through on_own_line(), which ends that line first.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <streambuf>

namespace seam::host {

class AnswerStream {
 public:
  // Moves the real stdout to a private close-on-exec descriptor and points descriptor 1 at stderr.
  // When that is impossible, answers go to std::cout as before.
  AnswerStream();
  ~AnswerStream();
  AnswerStream(const AnswerStream&) = delete;
  AnswerStream& operator=(const AnswerStream&) = delete;

  std::ostream& stream() noexcept { return *stream_; }

 private:
  std::unique_ptr<std::streambuf> buffer_;
  std::unique_ptr<std::ostream> own_;
  std::ostream* stream_;
};

// Runs WRITE_LINES, which writes whole lines to stderr, so that they start on a line of their own:
// when the answer reaches the same file as stderr and its last line is open, a newline goes first.
// The answer waits meanwhile, so neither lands in the middle of the other. Any thread.
void on_own_line(const std::function<void()>& write_lines);

// The same for a crash report, from a signal handler: ends the answer's open line without taking
// a lock (async-signal-safe).
void end_answer_line_now() noexcept;

}  // namespace seam::host
