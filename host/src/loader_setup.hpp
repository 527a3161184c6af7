// The LoaderOptions the `seam` command builds from its configuration, its flags and the
// environment, with the builtin plugins it links in and the host services it offers.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <seam/loader/options.hpp>

#include <seam/seam_http.h>
#include <seam/http_service.hpp>
#include "config.hpp"

namespace seam::host {

// Search order: [plugins] paths, then --plugin-path directories, then SEAM_PLUGIN_PATH, then
// (unless [plugins] default_folders is false) the user folder and the installation's system folder.
// When HTTP is given, it is offered to plugins as "seam.http/1"; it must outlive the loader.
LoaderOptions loader_options(const Config& config,
                             const std::vector<std::filesystem::path>& extra_plugin_paths,
                             const seam_http_service* http = nullptr);

// The global flags that narrow what the loader looks at, as every command and the help apply them:
// --no-default-folders (only the named folders) and --safe-mode (every plugin filtered out).
void apply_global_flags(LoaderOptions& options, bool no_default_folders, bool safe_mode);

// The HTTP service settings for CONFIG: the configured backends' API keys to redact, CAPTURE_FILE
// when given, CANCEL (Ctrl-C), and SEAM_CA_BUNDLE from the environment.
http::HttpServiceOptions http_service_options(
    const Config& config, const std::optional<std::filesystem::path>& capture_file,
    const std::atomic<bool>* cancel);

// The registry cache the command uses: $SEAM_REGISTRY, else [plugins] registry, else
// $XDG_CACHE_HOME/seam/registry.cache (~/.cache/seam/registry.cache). SEAM_REGISTRY_UPDATE=no
// trusts it without checking the files.
std::filesystem::path registry_file(const Config& config);

// The host program's version.
const char* host_version();

}  // namespace seam::host
