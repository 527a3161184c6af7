#include "dependency_resolver.hpp"

#include <seam/loader/dependencies.hpp>

namespace seam::detail {

namespace {

// Tries the candidates in order; the first that loads is returned open.
DynLib open_first(const DependencyInfo& dependency, std::string& candidate, std::string& why) {
  why.clear();
  for (const std::string& name : dependency.candidates) {
    std::string error;
    DynLib library = DynLib::open_by_name(name, error);
    if (library) {
      candidate = name;
      return library;
    }
    why += (why.empty() ? "" : "; ") + error;
  }
  if (dependency.candidates.empty()) why = "no candidate file names were declared";
  return DynLib();
}

}  // namespace

DynLib* DependencyResolver::require(const DependencyInfo& dependency, std::string& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = found_.find(dependency.name);
  if (it != found_.end()) return it->second.get();
  std::string candidate;
  DynLib library = open_first(dependency, candidate, why);
  if (!library) return nullptr;
  auto& slot = found_[dependency.name];
  slot = std::make_unique<DynLib>(std::move(library));
  return slot.get();
}

DependencyInfo copy_dependency(const seam_dependency& dependency) {
  DependencyInfo info;
  info.name = dependency.name ? dependency.name : "";
  for (const char* const* c = dependency.candidates; c && *c; ++c) info.candidates.emplace_back(*c);
  info.install_hint = dependency.install_hint ? dependency.install_hint : "";
  return info;
}

std::string missing_dependency_message(const std::string& user, const DependencyInfo& dependency,
                                       const std::string& why) {
  std::string text =
      user + " needs the library '" + dependency.name + "', which was not found (" + why + ").";
  text += dependency.install_hint.empty() ? " Install it, or disable the plugin."
                                          : " Install it: " + dependency.install_hint;
  return text;
}

}  // namespace seam::detail

namespace seam {

DependencyProbe probe_dependency(const DependencyInfo& dependency) {
  DependencyProbe probe;
  probe.found = static_cast<bool>(detail::open_first(dependency, probe.candidate, probe.why));
  return probe;
}

}  // namespace seam
