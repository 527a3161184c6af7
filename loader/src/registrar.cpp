#include "registrar.hpp"

#include <cstdio>
#include <mutex>
#include <unordered_set>

#include "abi_v1_sizes.hpp"
#include "dependency_resolver.hpp"
#include "identifiers.hpp"
#include "log.hpp"

namespace seam::detail {

namespace {

// Every registrar alive, so that a self pointer is checked before anything is read through it.
std::mutex live_mutex;
std::unordered_set<const seam_registrar*>& live_registrars() {
  static std::unordered_set<const seam_registrar*> live;
  return live;
}
// The session whose register runs on this thread.
thread_local RegistrarSession* running_here = nullptr;

// The flag bits this version defines.
constexpr std::uint32_t kBackendFlags = SEAM_BACKEND_OVERRIDES_BUILTIN;
constexpr std::uint32_t kListerFlags = 0;

std::string hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%x", value);
  return text;
}

// Why FLAGS is refused, or "".
std::string flags_problem(std::uint32_t flags, std::uint32_t defined) {
  if ((flags & ~defined) == 0) return {};
  return "def->flags " + hex(flags) + " sets bits (" + hex(flags & ~defined) +
         ") that this version of Seam does not define";
}

// Why a declared dependency list is unusable, or "".
std::string dependencies_problem(const seam_dependency* deps, std::uint32_t count) {
  if (count == 0) return {};
  if (deps == nullptr)
    return "dependency_count is " + std::to_string(count) + " but dependencies is NULL";
  for (std::uint32_t i = 0; i < count; ++i) {
    const seam_dependency& d = deps[i];
    std::string at = "dependencies[" + std::to_string(i) + "]";
    if (d.struct_size < kDependencyV1Size) return at + ".struct_size is too small";
    if (d.name == nullptr || *d.name == '\0') return at + ".name is NULL or empty";
    if (d.candidates == nullptr || d.candidates[0] == nullptr) {
      return at + " ('" + std::string(d.name) + "') declares no candidate file names";
    }
  }
  return {};
}

std::vector<DependencyInfo> copy_dependencies(const seam_dependency* deps, std::uint32_t count) {
  std::vector<DependencyInfo> out;
  for (std::uint32_t i = 0; i < count; ++i) out.push_back(copy_dependency(deps[i]));
  return out;
}

}  // namespace

RegistrarSession::RegistrarSession() {
  c_.struct_size = sizeof(seam_registrar);
  c_.host_ctx = this;
  c_.add_inference_backend = &RegistrarSession::add_inference_backend;
  c_.add_model_lister = &RegistrarSession::add_model_lister;
  c_.fail = &RegistrarSession::fail;
  c_.set_lifecycle = &RegistrarSession::set_lifecycle;
  std::lock_guard<std::mutex> lock(live_mutex);
  live_registrars().insert(&c_);
}

RegistrarSession::~RegistrarSession() {
  std::lock_guard<std::mutex> lock(live_mutex);
  live_registrars().erase(&c_);
}

std::int32_t RegistrarSession::run(seam_register_fn register_fn) {
  RegistrarSession* outer = running_here;
  running_here = this;
  std::int32_t status = register_fn(&c_);
  running_here = outer;
  close();
  return status;
}

RegistrarSession* RegistrarSession::session_for(const seam_registrar* self, const char* method,
                                                std::int32_t& status) {
  bool live;
  {
    std::lock_guard<std::mutex> lock(live_mutex);
    live = live_registrars().count(self) != 0;
  }
  RegistrarSession* here = running_here;
  if (!live || (here != nullptr && self != &here->c_)) {
    status = SEAM_E_INVALID_ARGUMENT;
    if (here != nullptr) {
      here->refuse(status,
                   std::string(method) + ": self is " +
                       (self == nullptr ? "NULL" : "not the registrar handed to this plugin"));
    }
    return nullptr;
  }
  auto* session = static_cast<RegistrarSession*>(self->host_ctx);
  if (!session->open_.load()) {
    log().warn("a plugin called {} after its register returned; ignored", method);
    status = SEAM_E_INVALID_STATE;
    return nullptr;
  }
  return session;
}

std::int32_t SEAM_CALL RegistrarSession::fail(const seam_registrar* self, const char* message) {
  std::int32_t status = SEAM_OK;
  RegistrarSession* session = session_for(self, "fail", status);
  if (session == nullptr) return status;
  try {
    session->failure = message != nullptr && *message != '\0' ? message : "(no message)";
    return SEAM_OK;
  } catch (...) {
    return SEAM_E_NO_MEMORY;
  }
}

std::int32_t SEAM_CALL RegistrarSession::set_lifecycle(const seam_registrar* self,
                                                       const seam_lifecycle_def* def) {
  std::int32_t status = SEAM_OK;
  RegistrarSession* session = session_for(self, "set_lifecycle", status);
  if (session == nullptr) return status;
  const std::string method = "set_lifecycle: ";
  try {
    if (def == nullptr) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + "def is NULL");
    if (def->struct_size < kLifecycleDefV1Size) {
      return session->refuse(SEAM_E_INVALID_ARGUMENT,
                             method + "def->struct_size " + std::to_string(def->struct_size) +
                                 " is smaller than the first seam_lifecycle_def (" +
                                 std::to_string(kLifecycleDefV1Size) + ")");
    }
    if (session->lifecycle.struct_size != 0) {
      return session->refuse(SEAM_E_DUPLICATE, method + "called twice");
    }
    session->lifecycle = seam_lifecycle_def{};
    session->lifecycle.struct_size = sizeof(seam_lifecycle_def);
    session->lifecycle.activate = def->activate;
    session->lifecycle.teardown = def->teardown;
    session->lifecycle.user_data = def->user_data;
    return SEAM_OK;
  } catch (...) {
    return SEAM_E_NO_MEMORY;
  }
}

std::int32_t RegistrarSession::refuse(std::int32_t status, const std::string& why) {
  if (first_refusal.empty()) first_refusal = why;
  return status;
}

std::int32_t SEAM_CALL RegistrarSession::add_inference_backend(const seam_registrar* self,
                                                               const seam_backend_def* def) {
  std::int32_t status = SEAM_OK;
  RegistrarSession* session = session_for(self, "add_inference_backend", status);
  if (session == nullptr) return status;
  try {
    const std::string method = "add_inference_backend: ";
    if (def == nullptr) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + "def is NULL");
    if (def->struct_size < kBackendDefV1Size) {
      return session->refuse(SEAM_E_INVALID_ARGUMENT,
                             method + "def->struct_size " + std::to_string(def->struct_size) +
                                 " is smaller than the v1 seam_backend_def (" +
                                 std::to_string(kBackendDefV1Size) + ")");
    }
    std::string flags = flags_problem(def->flags, kBackendFlags);
    if (!flags.empty()) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + flags);
    for (auto [text, what] : {std::pair{def->family, "family"}, std::pair{def->sdk, "sdk"}}) {
      std::string problem = identifier_problem(text, what);
      if (!problem.empty()) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + problem);
    }
    std::string label = std::string(def->family) + ":" + def->sdk;
    if (def->make_worker == nullptr) {
      return session->refuse(SEAM_E_INVALID_ARGUMENT, method + label + ": make_worker is NULL");
    }
    std::string deps = dependencies_problem(def->dependencies, def->dependency_count);
    if (!deps.empty())
      return session->refuse(SEAM_E_INVALID_ARGUMENT, method + label + ": " + deps);
    if (!session->backend_keys_.insert(std::string(def->family) + '\0' + def->sdk).second) {
      return session->refuse(SEAM_E_DUPLICATE, method + label + " is registered twice");
    }
    LiveBackend backend;
    backend.info.kind = Contribution::Kind::backend;
    backend.info.family = def->family;
    backend.info.sdk = def->sdk;
    backend.info.flags = def->flags;
    backend.info.dependencies = copy_dependencies(def->dependencies, def->dependency_count);
    backend.make_worker = def->make_worker;
    backend.user_data = def->user_data;
    session->backends.push_back(std::move(backend));
    return SEAM_OK;
  } catch (...) {
    return SEAM_E_NO_MEMORY;
  }
}

std::int32_t SEAM_CALL RegistrarSession::add_model_lister(const seam_registrar* self,
                                                          const seam_model_lister_def* def) {
  std::int32_t status = SEAM_OK;
  RegistrarSession* session = session_for(self, "add_model_lister", status);
  if (session == nullptr) return status;
  try {
    const std::string method = "add_model_lister: ";
    if (def == nullptr) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + "def is NULL");
    if (def->struct_size < kListerDefV1Size) {
      return session->refuse(SEAM_E_INVALID_ARGUMENT,
                             method + "def->struct_size " + std::to_string(def->struct_size) +
                                 " is smaller than the v1 seam_model_lister_def (" +
                                 std::to_string(kListerDefV1Size) + ")");
    }
    std::string flags = flags_problem(def->flags, kListerFlags);
    if (!flags.empty()) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + flags);
    std::string problem = identifier_problem(def->sdk, "sdk");
    if (!problem.empty()) return session->refuse(SEAM_E_INVALID_ARGUMENT, method + problem);
    std::string label = std::string("lister:") + def->sdk;
    if (def->list_models == nullptr) {
      return session->refuse(SEAM_E_INVALID_ARGUMENT, method + label + ": list_models is NULL");
    }
    std::string deps = dependencies_problem(def->dependencies, def->dependency_count);
    if (!deps.empty())
      return session->refuse(SEAM_E_INVALID_ARGUMENT, method + label + ": " + deps);
    if (!session->lister_keys_.insert(def->sdk).second) {
      return session->refuse(SEAM_E_DUPLICATE, method + label + " is registered twice");
    }
    LiveLister lister;
    lister.info.kind = Contribution::Kind::lister;
    lister.info.sdk = def->sdk;
    lister.info.flags = def->flags;
    lister.info.dependencies = copy_dependencies(def->dependencies, def->dependency_count);
    lister.list_models = def->list_models;
    lister.user_data = def->user_data;
    session->listers.push_back(std::move(lister));
    return SEAM_OK;
  } catch (...) {
    return SEAM_E_NO_MEMORY;
  }
}

}  // namespace seam::detail
