#include "error_slot.hpp"

#include <seam/loader/errors.hpp>

namespace seam::detail {

ErrorSlot::ErrorSlot() {
  c_.struct_size = sizeof(seam_error);
  c_.host_ctx = this;
  c_.set = &ErrorSlot::set;
}

void SEAM_CALL ErrorSlot::set(seam_error* self, std::int32_t, const char* message) {
  if (self == nullptr || self->host_ctx == nullptr) return;
  auto* slot = static_cast<ErrorSlot*>(self->host_ctx);
  try {
    slot->message_ = message ? message : "";
  } catch (...) {
    // Out of memory while copying: keep whatever was there; nothing may cross into plugin code.
  }
}

std::string ErrorSlot::describe(std::int32_t status) const {
  std::string text = status_name(status);
  if (!message_.empty()) text += ": " + message_;
  return text;
}

}  // namespace seam::detail
