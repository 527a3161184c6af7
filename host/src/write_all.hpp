// Writing a whole buffer to a descriptor, for the places that bypass stdio: the answer stream, the
// isolated call's pipe and the crash report. Async-signal-safe (write(2) only, no allocation).
#pragma once

#include <cstddef>

namespace seam::host {

// Writes SIZE bytes of DATA to FD, again after a short write or EINTR; false when write fails.
bool write_all(int fd, const char* data, std::size_t size) noexcept;

}  // namespace seam::host
