// The `seam` command's exit codes (documented in docs/errors.md).
#pragma once

namespace seam::host {

constexpr int kExitOk = 0;
// A configuration, usage or run-time error; the message is on stderr.
constexpr int kExitError = 1;
// `plugins list`: at least one plugin was rejected (every row is still printed).
constexpr int kExitPluginProblems = 3;
// A plugin crashed (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) or called exit() during a call made
// at run time; stderr names the plugin, its file, the call and the backend.
constexpr int kExitPluginCrashed = 4;

}  // namespace seam::host
