// The select and disable globs (LoaderOptions::select_filters / disable_filters), applied as the
// Vulkan loader applies its driver filters: disable first, then select as an allowlist when set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <seam/loader/options.hpp>

namespace seam::detail {

// fnmatch-style: '*' any run, '?' one character, '[a-z]' / '[!a-z]' a set; no escapes, and '/'
// is an ordinary character (names and stems hold none). The same on every platform.
bool glob_matches(const std::string& pattern, const std::string& text);

class PluginFilters {
 public:
  explicit PluginFilters(const LoaderOptions& options)
      : disable_(options.disable_filters), select_(options.select_filters) {}

  // Why a file with this STEM is filtered before it is opened (a disable glob matched); nullopt
  // when the file has to be opened to decide.
  std::optional<std::string> by_stem(const std::string& stem) const;

  // Why a plugin named NAME (from file STEM, empty for a builtin) is filtered; nullopt when it
  // passes. Core-unconditional builtins are never asked.
  std::optional<std::string> by_name(const std::string& name, const std::string& stem) const;

 private:
  std::vector<PluginFilter> disable_;
  std::vector<PluginFilter> select_;
};

}  // namespace seam::detail
