// Which sanitizer this test binary was built with, for the few tests whose subject a sanitizer's
// runtime changes.
#pragma once

namespace seam::test {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

// ThreadSanitizer defers an asynchronous signal to a handler until the thread next calls into its
// runtime. A plugin spinning in code built without it never does, so a stop from outside (SIGTERM,
// SIGINT, SIGHUP) never reaches the scanner's handler there and ends as the scan's timeout: the
// tests of that stop run in the plain and AddressSanitizer builds only.
inline constexpr bool kSignalsReachSpinningPlugins = !kThreadSanitizer;

}  // namespace seam::test
