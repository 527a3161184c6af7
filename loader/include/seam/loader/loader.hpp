// The loader: discovers plugins, gates them, applies the denylist, detects duplicates and builds
// the registry, recording every decision in the report.
#pragma once

#include <seam/loader/export.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <vector>

#include <seam/loader/choice.hpp>
#include <seam/loader/errors.hpp>
#include <seam/loader/options.hpp>
#include <seam/loader/registry.hpp>
#include <seam/loader/report.hpp>

namespace seam {

namespace detail {
struct LoaderState;
}

class SEAM_LOADER_EXPORT Loader {
 public:
  // Runs the whole pipeline. Never throws because of a plugin: every problem becomes a report row
  // and an entry in problems(). Throws only for programming errors (a null builtin descriptor).
  explicit Loader(LoaderOptions options);
  ~Loader();
  Loader(Loader&&) noexcept;
  Loader& operator=(Loader&&) noexcept;

  // One row per candidate, builtins first, then files in discovery order.
  const std::vector<PluginRow>& report() const noexcept;

  // Every folder searched, in order, with its origin and whether it exists.
  const std::vector<SearchedFolder>& searched_folders() const noexcept;

  // How each row came to be (cache hit or miss and why), parallel to report().
  const std::vector<RowTrace>& traces() const noexcept;
  // The time spent scanning the files that had no cache record, all together (they are scanned
  // in one scanner process).
  std::chrono::microseconds scan_time() const noexcept;

  // For every key in the registry, the plugin that serves it and why, in report order.
  const std::vector<Choice>& choices() const noexcept;

  // The typed errors of every broken, incompatible or duplicate plugin and every configuration
  // problem, in report order.
  const std::vector<std::exception_ptr>& problems() const noexcept;

  // The registry. Under OnError::fail, throws the first problem's typed error; under OnError::skip,
  // logs each problem once as a warning and returns the registry without the rejected plugins.
  // A CoreUnconditionalPluginDisabledError is a configuration error and is thrown under both.
  const Registry& registry() const;

  // True when no plugin was rejected.
  bool ok() const noexcept { return problems().empty(); }

 private:
  std::unique_ptr<detail::LoaderState> state_;
};

}  // namespace seam
