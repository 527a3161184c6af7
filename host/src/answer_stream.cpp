#include "answer_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "write_all.hpp"

namespace seam::host {

namespace {

// Where the answer's last line stands, shared by the answer and everything that writes lines to
// stderr.
struct AnswerLine {
  std::mutex mutex;  // held while either side writes
  // Atomics so that a signal handler may read them without the lock.
  std::atomic<bool> shares_stderr{false};  // the answer goes to the file stderr goes to
  std::atomic<bool> open{false};           // the answer's last byte written was not a newline
};

AnswerLine& answer_line() {
  static AnswerLine line;
  return line;
}

bool same_file(int a, int b) {
  struct stat first {};
  struct stat second {};
  return ::fstat(a, &first) == 0 && ::fstat(b, &second) == 0 && first.st_dev == second.st_dev &&
         first.st_ino == second.st_ino;
}

// The answer's bytes, buffered, and written under the line's lock together with the line's new
// state, so a log line never falls between the two.
class AnswerBuffer : public std::streambuf {
 public:
  explicit AnswerBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  ~AnswerBuffer() override {
    sync();
    ::close(fd_);
  }

 protected:
  int_type overflow(int_type ch) override {
    if (sync() != 0) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
  }

  int sync() override {
    const std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    if (size == 0) return 0;
    AnswerLine& line = answer_line();
    std::lock_guard<std::mutex> lock(line.mutex);
    const bool written = write_all(fd_, pbase(), size);
    line.open = written && pbase()[size - 1] != '\n';
    setp(buffer_, buffer_ + sizeof buffer_);
    return written ? 0 : -1;
  }

 private:
  int fd_;
  char buffer_[8192];
};

}  // namespace

AnswerStream::AnswerStream() : stream_(&std::cout) {
  std::cout.flush();
  std::fflush(stdout);
  const int answer = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (answer < 0) return;
  if (::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    ::close(answer);
    return;
  }
  answer_line().shares_stderr = same_file(answer, STDERR_FILENO);
  buffer_ = std::make_unique<AnswerBuffer>(answer);
  own_ = std::make_unique<std::ostream>(buffer_.get());
  stream_ = own_.get();
}

AnswerStream::~AnswerStream() {
  stream_->flush();
}

void on_own_line(const std::function<void()>& write_lines) {
  AnswerLine& line = answer_line();
  std::lock_guard<std::mutex> lock(line.mutex);
  if (line.open && line.shares_stderr) {
    std::fflush(stderr);
    write_all(STDERR_FILENO, "\n", 1);
    line.open = false;
  }
  write_lines();
}

void end_answer_line_now() noexcept {
  AnswerLine& line = answer_line();
  if (line.open && line.shares_stderr) {
    write_all(STDERR_FILENO, "\n", 1);
    line.open = false;
  }
}

}  // namespace seam::host
