// Plugin code runs in seam's own process at run time. When it crashes or calls exit() in the middle
// of a call, seam says which plugin, file, call and backend it was, and exits with
// kExitPluginCrashed instead of dying silently or exiting 0 with half an answer.
#pragma once

namespace seam::host {

// Installs the crash signal handlers (on an alternate stack, async-signal-safe) and the exit
// handler. A crash outside any plugin call keeps its default behaviour.
void report_plugin_crashes();

}  // namespace seam::host
