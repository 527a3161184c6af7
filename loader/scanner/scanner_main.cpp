// seam-plugin-scanner: scans plugin files for the loader in a process of its own, so that a plugin
// that crashes, aborts, exits or hangs while loading or registering takes down only this process.
//
//   seam-plugin-scanner --host-version V --budget-ms N -- FILE...
//
// It answers on the stdout it was started with: "seam-scanner 2", then for each file a line
// "begin I" before any of the plugin's code runs and, after, "record N" followed by the N bytes of
// the file's record (record_codec).
// The plugins' own writes to stdout are sent to stderr so they cannot corrupt that stream.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "record_codec.hpp"
#include "scan.hpp"

namespace {

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  seam::detail::ScanSettings settings;
  std::vector<std::string> files;
  bool in_files = false;
  for (int i = 1; i < argc; ++i) {
    if (in_files) {
      files.emplace_back(argv[i]);
    } else if (!std::strcmp(argv[i], "--")) {
      in_files = true;
    } else if (!std::strcmp(argv[i], "--host-version") && i + 1 < argc) {
      settings.host_version = argv[++i];
    } else if (!std::strcmp(argv[i], "--budget-ms") && i + 1 < argc) {
      settings.budget = std::chrono::milliseconds(std::stol(argv[++i]));
    } else {
      std::fprintf(stderr,
                   "usage: seam-plugin-scanner --host-version V --budget-ms N -- FILE...\n");
      return 2;
    }
  }
  const int answer = ::dup(STDOUT_FILENO);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);

  write_all(answer, "seam-scanner 2\n");
  auto shared = std::make_shared<seam::detail::SharedServices>();
  shared->host_version = settings.host_version;
  // Per file: "begin I" (its index) before touching it, so a crash or hang is pinned on it, then
  // "record N" and the N bytes of its encoded record.
  for (std::size_t i = 0; i < files.size(); ++i) {
    write_all(answer, "begin " + std::to_string(i) + "\n");
    seam::detail::InProcessScan scan = seam::detail::scan_in_process(files[i], shared);
    std::string record;
    seam::detail::encode_record(scan.record, record);
    write_all(answer, "record " + std::to_string(record.size()) + "\n" + record);
  }
  return 0;
}
