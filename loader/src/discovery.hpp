// Finding plugin files: the search directories (non-recursive, sorted by file name) in order, then
// the explicitly named files; the same file reached twice is one candidate.
#pragma once

#include <vector>

#include <seam/loader/options.hpp>

#include "plugin_loading.hpp"

namespace seam::detail {

std::vector<Candidate> discover(const LoaderOptions& options);

}  // namespace seam::detail
