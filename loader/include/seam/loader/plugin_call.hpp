// Which plugin code the calling thread is running, for a host's crash report. Plugin code runs in
// the host's process at run time; when it crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) or
// calls exit() in the middle of a call, a host's signal or exit handler reads this to say which
// plugin, file, call and backend it was.
#pragma once

#include <seam/loader/export.hpp>

namespace seam {

// "plugin 'NAME' (FILE) in CALL for backend FAMILY:SDK" (or "for model lister SDK", or "while it
// was being activated") while this thread runs plugin code through the loader; nullptr otherwise.
// Async-signal-safe: it reads one thread-local pointer, and the text stays valid while the call
// runs.
SEAM_LOADER_EXPORT const char* current_plugin_call() noexcept;

// "plugin 'NAME' (FILE)" when ADDRESS lies in the code of a plugin loaded in this process, else
// nullptr: for a crash on a thread a plugin started itself, where no call is current. Async-signal-
// safe.
SEAM_LOADER_EXPORT const char* plugin_containing(const void* address) noexcept;

}  // namespace seam
