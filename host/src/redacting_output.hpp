// Everything the `seam` command writes that may carry a secret goes through one Redactor: its
// error messages, every log line (the loader's and the plugins'), and line-based output such as
// `seam run --json` and `seam models list`.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include <seam/redactor.hpp>

namespace seam::host {

// A stream buffer that holds text until a newline (or a flush), then writes the line to TARGET
// with every secret hidden. Lines, not characters: a secret split across two writes is still
// found.
class RedactingLines : public std::streambuf {
 public:
  RedactingLines(std::ostream& target, const http::Redactor& redactor)
      : target_(target), redactor_(redactor) {}
  ~RedactingLines() override { sync(); }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void emit_lines(bool everything);

  std::ostream& target_;
  const http::Redactor& redactor_;
  std::string pending_;
};

// Makes every line of the "seam" logger pass through REDACTOR before it reaches stderr. The
// redactor must outlive the logger's use.
void redact_log_lines(std::shared_ptr<const http::Redactor> redactor);

}  // namespace seam::host
