// Secure mode, the one function through which Seam reads the environment, and trusted locations.
//
// In secure mode every environment variable Seam reads is ignored (SEAM_PLUGIN_PATH, SEAM_CONFIG,
// SEAM_REGISTRY, SEAM_REGISTRY_UPDATE, SEAM_LOG, SEAM_CA_BUNDLE, XDG_DATA_HOME, XDG_CACHE_HOME,
// HOME and any other), and so is everything derived from them: the user plugin folder and the
// default registry cache. Secure mode is on by itself when the process is elevated (setuid,
// setgid, file capabilities: the kernel's AT_SECURE, or real and effective ids that differ), as
// Vulkan's loader, OpenSSL and glibc do; a host can turn it on (never off) for any process.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <seam/loader/export.hpp>

namespace seam {

// Whether secure mode is on: the process is elevated, or enable_secure_mode() was called.
SEAM_LOADER_EXPORT bool secure_mode() noexcept;

// Whether the process runs with privileges its caller does not have.
SEAM_LOADER_EXPORT bool process_is_elevated() noexcept;

// Turns secure mode on for the rest of the process. LoaderOptions::secure_mode does the same.
SEAM_LOADER_EXPORT void enable_secure_mode() noexcept;

// The value of the environment variable NAME, or nullptr when it is unset, empty or secure mode is
// on. Every variable Seam reads goes through here. Thread-safe.
SEAM_LOADER_EXPORT const char* environment_value(const char* name) noexcept;

// The variables that were set but ignored because of secure mode, in the order first asked for.
SEAM_LOADER_EXPORT std::vector<std::string> ignored_environment();

// Why PATH is not a trusted location, or empty when it is: PATH and every folder above it must be
// owned by the effective user or root and not writable by group or others (a root-owned sticky
// folder such as /tmp is fine). Plugin files and folders, the registry cache and an implicitly
// found configuration file are used only from trusted locations.
SEAM_LOADER_EXPORT std::string location_untrusted(const std::filesystem::path& path);

}  // namespace seam
