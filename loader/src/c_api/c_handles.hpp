// What the C API's opaque handles are on this side, and the one place where a C++ exception turns
// into a status, a kind and a message for a C caller.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <seam/seam_loader.h>
#include <seam/loader/loader.hpp>
#include <seam/loader/worker.hpp>

struct seam_loader_error {
  std::int32_t status = SEAM_OK;
  std::string kind;
  std::string message;
};

// The report as C structs point into it: the loader's own strings, plus the arrays C needs.
struct ReportView {
  struct Contribution {
    std::string label;
    std::vector<std::vector<const char*>> candidates;  // per dependency, NULL-terminated
  };
  struct Row {
    std::vector<Contribution> contributions;
  };
  struct Problem {
    std::string kind;
    std::string message;
  };
  std::vector<Row> rows;
  std::vector<Problem> problems;
};

struct seam_loader {
  explicit seam_loader(seam::LoaderOptions options) : loader(std::move(options)) {}
  seam::Loader loader;
  ReportView view;
};

struct seam_loader_worker {
  explicit seam_loader_worker(seam::Worker w) : worker(std::move(w)) {}
  seam::Worker worker;
  std::atomic<bool> cancel{false};
};

namespace seam::c_api {

// Records a success in ERROR (when given) and returns SEAM_OK.
std::int32_t succeed(seam_loader_error* error) noexcept;

// Records STATUS, KIND and MESSAGE in ERROR (when given) and returns STATUS.
std::int32_t fail(seam_loader_error* error, std::int32_t status, const char* kind,
                  const std::string& message) noexcept;

// Call from a catch (...) block: records the exception in flight and returns its status.
std::int32_t fail_with_current_exception(seam_loader_error* error) noexcept;

// An argument check that fails with SEAM_E_INVALID_ARGUMENT naming FUNCTION and WHAT.
std::int32_t invalid_argument(seam_loader_error* error, const char* function, const char* what);

}  // namespace seam::c_api

// FIELD of the caller's struct at PTR when its struct_size covers it, else FALLBACK.
#define SEAM_C_FIELD(PTR, TYPE, FIELD, FALLBACK) \
  (SEAM_HAS_FIELD(PTR, TYPE, FIELD) ? (PTR)->FIELD : (FALLBACK))
