// NO_COLOR on a pseudo-terminal: the log lines `seam` writes to a terminal are coloured unless
// NO_COLOR is set (https://no-color.org).
#include <doctest/doctest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/temp_dir.hpp"

using namespace seam::test;

namespace {

// Runs `seam plugins list` with stdout and stderr on a new pseudo-terminal and SEAM_LOG set to a
// word that is not a level, so the command logs a warning; returns everything the terminal got.
std::string seam_on_terminal(bool no_color, const std::filesystem::path& cwd) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::setenv("SEAM_LOG", "loud", 1);
    ::unsetenv("SEAM_CONFIG");
    ::unsetenv("SEAM_PLUGIN_PATH");
    if (no_color) {
      ::setenv("NO_COLOR", "1", 1);
    } else {
      ::unsetenv("NO_COLOR");
    }
    const std::string seam = seam_executable().string();
    ::execl(seam.c_str(), seam.c_str(), "--no-default-folders", "plugins", "list",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string output;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child has closed its side
    output.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  return output;
}

}  // namespace

TEST_CASE("cli NO_COLOR: a warning on a terminal carries no escape sequence with NO_COLOR set") {
  TempDir dir;
  const std::string out = seam_on_terminal(true, dir.path());
  INFO(out);
  CHECK(out.find("SEAM_LOG='loud' is not a log level") != std::string::npos);
  CHECK(out.find("\x1b[") == std::string::npos);
}

// Twin: the same warning on the same terminal is coloured without NO_COLOR.
TEST_CASE("cli NO_COLOR: without it the warning on a terminal is coloured") {
  TempDir dir;
  const std::string out = seam_on_terminal(false, dir.path());
  INFO(out);
  CHECK(out.find("SEAM_LOG='loud' is not a log level") != std::string::npos);
  CHECK(out.find("\x1b[") != std::string::npos);
}
