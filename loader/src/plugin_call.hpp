// Marks the span of a call into plugin code on this thread, so that seam::current_plugin_call()
// can name it from a signal or exit handler; nests (register inside activation inside make_worker).
#pragma once

#include <exception>
#include <string>

#include <seam/seam.h>
#include <seam/loader/errors.hpp>
#include <seam/loader/plugin_call.hpp>

namespace seam::detail {

class PluginCallScope {
 public:
  // WHO names the plugin ("plugin 'x' (/p/x.so)"), WHAT the call ("invoke for backend llm:x").
  PluginCallScope(const std::string& who, const std::string& what);
  ~PluginCallScope();
  PluginCallScope(const PluginCallScope&) = delete;
  PluginCallScope& operator=(const PluginCallScope&) = delete;

 private:
  std::string text_;
  const char* outer_;
};

// Remembers which plugin WHO owns the library holding ADDRESS (any of its symbols), for
// plugin_containing(). Up to a fixed number of plugins; later ones are not remembered.
void remember_plugin_code(const void* address, const std::string& who);

// Runs CALL (plugin code) inside a PluginCallScope(WHO, WHAT + " for " + TARGET); a C++ exception
// escaping it becomes a WorkerError "LABEL: a C++ exception escaped from WHAT: ...".
template <class Call>
auto call_plugin(const std::string& who, const std::string& what, const std::string& target,
                 const std::string& label, Call&& call) -> decltype(call()) {
  try {
    PluginCallScope scope(who, what + " for " + target);
    return call();
  } catch (const std::exception& e) {
    throw WorkerError(SEAM_E_INTERNAL, label + ": a C++ exception escaped from " + what + ": " +
                                           std::string(e.what()));
  } catch (...) {
    throw WorkerError(SEAM_E_INTERNAL, label + ": a C++ exception escaped from " + what);
  }
}

}  // namespace seam::detail
