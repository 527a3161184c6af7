// What a Loader holds once its pipeline has run.
#pragma once

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include <seam/loader/choice.hpp>
#include <seam/loader/options.hpp>
#include <seam/loader/registry.hpp>
#include <seam/loader/report.hpp>

#include "conflict_check.hpp"
#include "host_services.hpp"
#include "registry_cache.hpp"

namespace seam::detail {

struct LoaderState {
  LoaderOptions options;
  std::vector<SearchedFolder> folders;
  std::vector<PluginRow> rows;
  // The conflict check the rows went through, kept to answer choices() when first asked. It
  // points into the rows, which never change once the loader is built.
  std::unique_ptr<ConflictCheck> conflicts;
  std::once_flag choices_once;
  std::vector<Choice> choices;
  std::vector<RowTrace> traces;  // parallel to rows
  std::chrono::microseconds scan_time{0};
  std::vector<std::exception_ptr> problems;
  // The first CoreUnconditionalPluginDisabledError, thrown by registry() whatever the policy.
  std::exception_ptr config_problem;
  std::shared_ptr<RegistryCache> cache;
  // What the plugins share, for tearing down the activated ones with the loader.
  std::shared_ptr<SharedServices> shared;
  Registry registry;
  std::once_flag warned;
};

}  // namespace seam::detail
