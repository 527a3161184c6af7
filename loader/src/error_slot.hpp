// The host side of seam_error: a slot the plugin writes a status and message into.
#pragma once

#include <cstdint>
#include <string>

#include <seam/seam.h>

namespace seam::detail {

class ErrorSlot {
 public:
  ErrorSlot();
  ErrorSlot(const ErrorSlot&) = delete;
  ErrorSlot& operator=(const ErrorSlot&) = delete;

  seam_error* get() noexcept { return &c_; }
  // The message the plugin set, or "" when it set none.
  const std::string& message() const noexcept { return message_; }
  // "STATUS_NAME: message" or "STATUS_NAME" when no message was set.
  std::string describe(std::int32_t status) const;

 private:
  static void SEAM_CALL set(seam_error* self, std::int32_t status, const char* message);

  seam_error c_{};
  std::string message_;
};

}  // namespace seam::detail
