// The smallest struct_size a writer built against the v1 header declares: the end of the last field
// API version 1 defines. Later versions append fields, so a reader compares a declared size with
// these, never with today's sizeof (which grows, and would refuse every older plugin).
#pragma once

#include <cstddef>
#include <cstdint>

#include <seam/seam.h>

namespace seam::detail {

constexpr std::size_t kDescriptorV1Size =
    offsetof(seam_plugin_descriptor, register_plugin) + sizeof(seam_register_fn);
constexpr std::size_t kBackendDefV1Size = offsetof(seam_backend_def, reserved) + sizeof(uint32_t);
constexpr std::size_t kListerDefV1Size =
    offsetof(seam_model_lister_def, reserved) + sizeof(uint32_t);
constexpr std::size_t kWorkerVtableV1Size =
    offsetof(seam_worker_vtable, destroy) + sizeof(void (*)(void*));
constexpr std::size_t kModelRecordV1Size =
    offsetof(seam_model_record, extra_json) + sizeof(const char*);
constexpr std::size_t kDependencyV1Size =
    offsetof(seam_dependency, install_hint) + sizeof(const char*);
// seam_lifecycle_def came with API 1, step 1 (the first layout a writer can declare).
constexpr std::size_t kLifecycleDefV1Size = offsetof(seam_lifecycle_def, user_data) + sizeof(void*);

// Dependency arrays are read at this loader's stride, so seam_dependency may never grow, not even
// by appending (seam.h states the rule and stops a grown header's build too).
static_assert(sizeof(seam_dependency) == kDependencyV1Size,
              "seam_dependency is an array element and frozen at its v1 layout");

}  // namespace seam::detail
