#include <seam/loader/security.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>

#include "dynlib.hpp"

namespace seam {

namespace {

std::atomic<bool> forced{false};

struct Ignored {
  std::mutex mutex;
  std::vector<std::string> names;
};

Ignored& ignored() {
  static Ignored instance;
  return instance;
}

}  // namespace

bool process_is_elevated() noexcept {
  return detail::process_is_elevated();
}

bool secure_mode() noexcept {
  // Asked each time: cheap, and a process can become elevated (setuid programs) only before main.
  return forced.load(std::memory_order_relaxed) || detail::process_is_elevated();
}

void enable_secure_mode() noexcept {
  forced.store(true, std::memory_order_relaxed);
}

const char* environment_value(const char* name) noexcept {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return nullptr;
  if (!secure_mode()) return value;
  try {
    Ignored& list = ignored();
    std::lock_guard<std::mutex> lock(list.mutex);
    if (std::find(list.names.begin(), list.names.end(), name) == list.names.end()) {
      list.names.emplace_back(name);
    }
  } catch (...) {
    // Only the record of what was ignored is lost; the variable is ignored all the same.
  }
  return nullptr;
}

std::string location_untrusted(const std::filesystem::path& path) {
  return detail::untrusted_because(path, true);
}

std::vector<std::string> ignored_environment() {
  Ignored& list = ignored();
  std::lock_guard<std::mutex> lock(list.mutex);
  return list.names;
}

}  // namespace seam
