// seam's own standard output, kept apart from the process's descriptor 1. Plugin code runs in this
// process at run time; whatever it writes to stdout (printf, std::cout, write(1, ...)) goes to
// stderr instead, so `seam run --json` stays one JSON object per line and `seam models list --json`
// one document, whatever a plugin prints.
#pragma once

#include <ext/stdio_filebuf.h>

#include <memory>
#include <ostream>

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
  std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> buffer_;
  std::unique_ptr<std::ostream> own_;
  std::ostream* stream_;
};

}  // namespace seam::host
