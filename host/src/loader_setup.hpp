// The LoaderOptions the `seam` command builds from its configuration, its flags and the
// environment, with the builtin plugins it links in.
#pragma once

#include <filesystem>
#include <vector>

#include <seam/loader/options.hpp>

#include "config.hpp"

namespace seam::host {

// Search order: [plugins] paths, then --plugin-path directories, then SEAM_PLUGIN_PATH.
LoaderOptions loader_options(const Config& config,
                             const std::vector<std::filesystem::path>& extra_plugin_paths);

// The host program's version.
const char* host_version();

}  // namespace seam::host
