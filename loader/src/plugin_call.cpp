#include "plugin_call.hpp"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "dynlib.hpp"

namespace seam {

namespace {
// Initial-exec TLS in the host's executable: reading it from a signal handler is safe.
thread_local const char* current_call = nullptr;

// Plugin code ranges, in static storage: a signal handler reads them without locks or allocation.
// An entry is complete before the count that publishes it grows.
struct CodeRange {
  std::uintptr_t begin, end;
  char who[512];
};
constexpr std::size_t kMaxRanges = 1024;
CodeRange ranges[kMaxRanges];
std::atomic<std::size_t> range_count{0};
std::mutex ranges_mutex;
}  // namespace

const char* plugin_containing(const void* address) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  const std::size_t count = range_count.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < count; ++i) {
    if (at >= ranges[i].begin && at < ranges[i].end) return ranges[i].who;
  }
  return nullptr;
}

const char* current_plugin_call() noexcept {
  return current_call;
}

namespace detail {

void remember_plugin_code(const void* address, const std::string& who) {
  std::uintptr_t begin = 0, end = 0;
  if (!code_range_of(address, begin, end)) return;
  std::lock_guard<std::mutex> lock(ranges_mutex);
  const std::size_t count = range_count.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < count; ++i) {
    if (ranges[i].begin == begin) return;  // the same library, activated again
  }
  if (count == kMaxRanges) return;
  CodeRange& range = ranges[count];
  range.begin = begin;
  range.end = end;
  std::strncpy(range.who, who.c_str(), sizeof range.who - 1);
  range.who[sizeof range.who - 1] = '\0';
  range_count.store(count + 1, std::memory_order_release);
}

PluginCallScope::PluginCallScope(const std::string& who, const std::string& what)
    : text_(who + " in " + what), outer_(current_call) {
  current_call = text_.c_str();
}

PluginCallScope::~PluginCallScope() {
  current_call = outer_;
}

}  // namespace detail
}  // namespace seam
