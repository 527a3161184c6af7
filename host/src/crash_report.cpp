#include "crash_report.hpp"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <seam/loader/plugin_call.hpp>

#include "answer_stream.hpp"
#include "exit_codes.hpp"
#include "write_all.hpp"

namespace seam::host {

namespace {

struct CrashSignal {
  int number;
  const char* text;
};

constexpr CrashSignal kCrashSignals[] = {
    {SIGSEGV, "SIGSEGV (segmentation fault)"},
    {SIGBUS, "SIGBUS (bus error)"},
    {SIGILL, "SIGILL (illegal instruction)"},
    {SIGFPE, "SIGFPE (arithmetic exception)"},
    {SIGABRT, "SIGABRT (aborted)"},
};

void say(const char* text) {
  write_all(STDERR_FILENO, text, std::strlen(text));
}

// Where the crashed thread was, when this platform says.
const void* program_counter(void* context) {
  const auto* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  return reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return reinterpret_cast<const void*>(uc->uc_mcontext.pc);
#else
  (void)uc;
  return nullptr;
#endif
}

void on_crash(int sig, siginfo_t*, void* context) {
  const char* call = seam::current_plugin_call();
  // A thread a plugin started runs no call of seam's: its code is known by address.
  const char* owner = call == nullptr ? seam::plugin_containing(program_counter(context)) : nullptr;
  if (call == nullptr && owner == nullptr) {
    // Not plugin code: the default action (a core dump, the signal as exit status).
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  const char* what = "a fatal signal";
  for (const CrashSignal& s : kCrashSignals) {
    if (s.number == sig) what = s.text;
  }
  end_answer_line_now();
  say("error: PluginCrashed: ");
  say(what);
  if (call != nullptr) {
    say(" in ");
    say(call);
  } else {
    say(" in the code of ");
    say(owner);
    say(", on a thread the plugin started");
  }
  say(". seam stopped (exit code 4). Disable the plugin in [plugins] disabled, or report the "
      "crash to its author.\n");
  ::_exit(kExitPluginCrashed);
}

void on_exit_during_call() {
  const char* call = seam::current_plugin_call();
  if (call == nullptr) return;
  end_answer_line_now();
  say("error: PluginExited: ");
  say(call);
  say(" called exit(); its answer is incomplete. seam stopped (exit code 4). Disable the plugin "
      "in [plugins] disabled, or report it to its author.\n");
  ::_exit(kExitPluginCrashed);
}

}  // namespace

void report_plugin_crashes() {
  // Its own stack, so a plugin that overflowed the thread's stack is still reported.
  static char alternate_stack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_sigaction = on_crash;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (const CrashSignal& s : kCrashSignals) ::sigaction(s.number, &action, nullptr);
  std::atexit(on_exit_during_call);
}

}  // namespace seam::host
