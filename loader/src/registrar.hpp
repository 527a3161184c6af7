// The host side of seam_registrar: validates every call and records what a plugin's register
// contributes. It stays valid as long as the plugin is loaded, so a plugin that stashes the pointer
// and calls it after register returned gets SEAM_E_INVALID_STATE instead of a crash.
#pragma once

#include <atomic>
#include <string>
#include <unordered_set>
#include <vector>

#include <seam/seam.h>
#include <seam/loader/report.hpp>

namespace seam::detail {

struct LiveBackend {
  Contribution info;
  seam_make_worker_fn make_worker = nullptr;
  void* user_data = nullptr;
};

struct LiveLister {
  Contribution info;
  seam_list_models_fn list_models = nullptr;
  void* user_data = nullptr;
};

class RegistrarSession {
 public:
  RegistrarSession();
  ~RegistrarSession();
  RegistrarSession(const RegistrarSession&) = delete;
  RegistrarSession& operator=(const RegistrarSession&) = delete;

  const seam_registrar* get() const noexcept { return &c_; }
  // Runs REGISTER_FN with this registrar, then ends the window in which calls are accepted. While
  // it runs, a call on this thread whose self is not this registrar is refused and recorded here.
  std::int32_t run(seam_register_fn register_fn);
  // Ends the window in which calls are accepted.
  void close() noexcept { open_.store(false); }

  std::vector<LiveBackend> backends;
  std::vector<LiveLister> listers;
  // Why the first refused call was refused, e.g. "add_inference_backend: family is NULL"; "" when
  // every call was accepted.
  std::string first_refusal;
  // What the plugin said through seam_registrar.fail, or "" when it said nothing.
  std::string failure;
  // The hooks given to seam_registrar.set_lifecycle; all null when none were set.
  seam_lifecycle_def lifecycle{};

 private:
  static std::int32_t SEAM_CALL add_inference_backend(const seam_registrar* self,
                                                      const seam_backend_def* def);
  static std::int32_t SEAM_CALL add_model_lister(const seam_registrar* self,
                                                 const seam_model_lister_def* def);
  static std::int32_t SEAM_CALL fail(const seam_registrar* self, const char* message);
  static std::int32_t SEAM_CALL set_lifecycle(const seam_registrar* self,
                                              const seam_lifecycle_def* def);
  std::int32_t refuse(std::int32_t status, const std::string& why);
  // The session SELF belongs to when a call through it may go on, else null with STATUS set (and
  // the refusal recorded on the session running on this thread, if any).
  static RegistrarSession* session_for(const seam_registrar* self, const char* method,
                                       std::int32_t& status);

  // The keys registered so far ("family\0sdk" for backends, sdk for listers): a duplicate is found
  // in constant time, so registering N contributions costs O(N), not O(N^2).
  std::unordered_set<std::string> backend_keys_;
  std::unordered_set<std::string> lister_keys_;

  std::atomic<bool> open_{true};
  seam_registrar c_{};
};

}  // namespace seam::detail
