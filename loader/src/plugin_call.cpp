#include "plugin_call.hpp"

namespace seam {

namespace {
// Initial-exec TLS in the host's executable: reading it from a signal handler is safe.
thread_local const char* current_call = nullptr;
}  // namespace

const char* current_plugin_call() noexcept {
  return current_call;
}

namespace detail {

PluginCallScope::PluginCallScope(const std::string& who, const std::string& what)
    : text_(who + " in " + what), outer_(current_call) {
  current_call = text_.c_str();
}

PluginCallScope::~PluginCallScope() {
  current_call = outer_;
}

}  // namespace detail
}  // namespace seam
