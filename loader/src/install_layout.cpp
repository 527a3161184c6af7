#include "install_layout.hpp"

#include <seam/loader/options.hpp>

#include "dynlib.hpp"

namespace seam::detail {

namespace {

// Set by the build from cmake/SeamLayout.cmake; the defaults are the GNU layout.
#if !defined(SEAM_LIBDIR_TO_PREFIX)
#define SEAM_LIBDIR_TO_PREFIX ".."
#define SEAM_BINDIR_TO_PREFIX ".."
#define SEAM_SCANNER_SUBDIR "libexec/seam"
#define SEAM_PLUGIN_SUBDIR "lib/seam/plugins"
#endif

// Whether the loader is a library of its own (libseam-loader) or part of an executable.
bool loader_is_shared_library(const std::filesystem::path& module) {
#if defined(_WIN32)
  return module.extension() == ".dll";
#else
  const std::string name = module.filename().string();
  return name.find(".so") != std::string::npos || module.extension() == ".dylib";
#endif
}

}  // namespace

std::filesystem::path installation_prefix() {
  const std::filesystem::path module = loader_module_path();
  if (module.empty()) return {};
  const char* up = loader_is_shared_library(module) ? SEAM_LIBDIR_TO_PREFIX : SEAM_BINDIR_TO_PREFIX;
  return (module.parent_path() / up).lexically_normal();
}

std::filesystem::path default_scanner_path() {
  const std::filesystem::path prefix = installation_prefix();
  if (prefix.empty()) return {};
#if defined(_WIN32)
  return prefix / SEAM_SCANNER_SUBDIR / "seam-plugin-scanner.exe";
#else
  return prefix / SEAM_SCANNER_SUBDIR / "seam-plugin-scanner";
#endif
}

}  // namespace seam::detail

namespace seam {

std::filesystem::path http_module_file() {
  const std::filesystem::path prefix = detail::installation_prefix();
  return prefix.empty() ? prefix : prefix / SEAM_SCANNER_SUBDIR / "seam-http-curl.so";
}

std::filesystem::path system_plugin_folder() {
  const std::filesystem::path prefix = detail::installation_prefix();
  return prefix.empty() ? prefix : (prefix / SEAM_PLUGIN_SUBDIR).lexically_normal();
}

}  // namespace seam
