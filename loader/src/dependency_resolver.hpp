// Resolves declared optional libraries (seam_dependency) once per loader, shared by every plugin.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <seam/seam.h>
#include <seam/loader/report.hpp>

#include "dynlib.hpp"

namespace seam::detail {

class DependencyResolver {
 public:
  // The opened library for DEPENDENCY, trying its candidates in order; cached by logical name once
  // found. On failure returns nullptr and sets WHY to the list of attempts.
  DynLib* require(const DependencyInfo& dependency, std::string& why);

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<DynLib>> found_;
};

// Copies a plugin-owned dependency declaration.
DependencyInfo copy_dependency(const seam_dependency& dependency);

// "Backend llm:x of plugin 'p' needs the library 'sqlite3', which was not found (...). Install it:
// ..."
std::string missing_dependency_message(const std::string& user, const DependencyInfo& dependency,
                                       const std::string& why);

}  // namespace seam::detail
