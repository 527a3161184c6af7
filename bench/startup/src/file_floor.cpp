#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include "floors.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

bool is_plugin_name(const char* name) {
  const std::size_t n = std::strlen(name);
  return n > 3 && std::strcmp(name + n - 3, ".so") == 0;
}

}  // namespace

Sample measure_file_floor(const std::filesystem::path& dir, int expected) {
  const Stopwatch stopwatch;
  DIR* d = ::opendir(dir.c_str());
  if (!d) throw std::runtime_error("cannot open " + dir.string());
  int found = 0;
  std::uint64_t total_size = 0;  // used, so the stat calls cannot be optimised away
  while (const dirent* entry = ::readdir(d)) {
    if (!is_plugin_name(entry->d_name)) continue;
    struct stat st;
    if (::fstatat(::dirfd(d), entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode)) {
      ++found;
      total_size += static_cast<std::uint64_t>(st.st_size);
    }
  }
  ::closedir(d);
  const Sample time = stopwatch.elapsed();
  if (found != expected || total_size == 0) {
    throw std::runtime_error("file floor found " + std::to_string(found) + " plugin files, not " +
                             std::to_string(expected));
  }
  return time;
}

}  // namespace seam::bench
