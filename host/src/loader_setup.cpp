#include "loader_setup.hpp"

#include <seam/loader/security.hpp>

#include <echo.h>
#include <seam/seam_http.h>
#include <spdlog/spdlog.h>

#include "backend_secrets.hpp"

namespace seam::host {

const char* host_version() {
  return SEAM_HOST_VERSION;
}

std::filesystem::path registry_file(const Config& config) {
  if (const char* env = environment_value("SEAM_REGISTRY")) return env;
  if (config.registry) return *config.registry;
  return registry_cache_from_environment();
}

namespace {

void add_filters(std::vector<PluginFilter>& out, const std::vector<std::string>& globs,
                 const std::string& source) {
  for (const auto& glob : globs) out.push_back(PluginFilter{glob, source});
}

}  // namespace

void apply_global_flags(LoaderOptions& options, bool no_default_folders, bool safe_mode) {
  if (no_default_folders) options.default_folders = false;
  if (safe_mode) options.disable_filters.push_back(PluginFilter{"*", "--safe-mode"});
}

LoaderOptions loader_options(const Config& config,
                             const std::vector<std::filesystem::path>& extra_plugin_paths,
                             const seam_http_service* http) {
  LoaderOptions options;
  for (const auto& path : config.plugin_paths) {
    options.search_paths.emplace_back(path, FolderOrigin::config);
  }
  for (const auto& path : extra_plugin_paths) {
    options.search_paths.emplace_back(path, FolderOrigin::option);
  }
  for (auto& path : plugin_path_from_environment()) {
    options.search_paths.emplace_back(std::move(path), FolderOrigin::env);
  }
  options.default_folders = config.default_folders;
  options.trusted_folders = config.trusted_folders;
  options.secure_mode = secure_mode();
  // echo is what `seam run` falls back to with no configuration, so it cannot be disabled.
  options.builtins.push_back(BuiltinPlugin{&seam_echo_plugin, true});
  options.disabled = config.disabled;
  options.prefer = config.prefer;
  add_filters(options.disable_filters, config.disable_globs, "[plugins] disable_globs");
  add_filters(options.select_filters, config.select_globs, "[plugins] select");
  // Ignored in secure mode, as every variable.
  add_filters_from_environment(options);
  // The loader's advice names this command's keys and flags.
  options.names.disabled = "[plugins] disabled";
  options.names.prefer = "[plugins] prefer";
  options.names.on_error = "[plugins] on_error";
  options.names.trusted_folders = "[plugins] trusted";
  options.names.in_process_fallback = "[plugins] in_process_fallback";
  options.names.search_paths = "--plugin-path";
  options.names.config_paths = "[plugins] paths";
  options.on_error = config.on_error;
  options.host_version = host_version();
  options.registry_cache = registry_file(config);
  options.trust_registry_cache = !registry_update_from_environment();
  options.isolate_scanning = config.isolate;
  options.in_process_fallback = config.in_process_fallback;
  options.scan_jobs = config.scan_jobs;
  if (http != nullptr) options.services[SEAM_HTTP_SERVICE_ID] = http;
  // The usage a plugin reports is an event of the run too; here it is a log line for -v.
  options.usage_sink = [](const std::string& plugin, const std::string& usage) {
    if (auto logger = spdlog::get("seam")) {
      logger->info("usage reported by plugin '{}': {}", plugin, usage);
    }
  };
  return options;
}

http::HttpServiceOptions http_service_options(
    const Config& config, const std::optional<std::filesystem::path>& capture_file,
    const std::atomic<bool>* cancel) {
  http::HttpServiceOptions options;
  options.capture_file = capture_file;
  options.secrets = configured_secrets(config);
  options.cancel = cancel;
  if (const char* bundle = environment_value("SEAM_CA_BUNDLE")) {
    options.ca_bundle = bundle;
  }
  options.user_agent = std::string("seam/") + host_version();
  options.secure = secure_mode();
  return options;
}

}  // namespace seam::host
