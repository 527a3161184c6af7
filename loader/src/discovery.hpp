// Finding plugin files: the search folders in order (in each, the plugin files and NAME/NAME.so,
// sorted by name), then the explicitly named files; the same file reached twice is one candidate.
// A missing folder the host named is a warning.
#pragma once

#include <vector>

#include <seam/loader/options.hpp>

#include "plugin_loading.hpp"

namespace seam::detail {

std::vector<Candidate> discover(const std::vector<SearchedFolder>& folders,
                                const LoaderOptions& options);

}  // namespace seam::detail
