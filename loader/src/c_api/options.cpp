#include "options.hpp"

#include <utility>

#include <seam/loader/security.hpp>

namespace seam::c_api {

namespace {

std::vector<std::string> strings(const char* const* list) {
  std::vector<std::string> out;
  for (; list != nullptr && *list != nullptr; ++list) out.emplace_back(*list);
  return out;
}

std::vector<std::filesystem::path> paths(const char* const* list) {
  std::vector<std::filesystem::path> out;
  for (const std::string& s : strings(list)) out.emplace_back(s);
  return out;
}

bool given(const char* s) {
  return s != nullptr && *s != '\0';
}

// A three-way switch: SEAM_LOADER_DEFAULT leaves the C++ default.
void set_switch(bool& member, std::uint32_t value) {
  if (value != SEAM_LOADER_DEFAULT) member = value == SEAM_LOADER_YES;
}

}  // namespace

std::int32_t to_loader_options(const seam_loader_options* in, LoaderOptions& out,
                               seam_loader_error* error) {
  if (in == nullptr) return succeed(error);
  if (in->struct_size < offsetof(seam_loader_options, on_error) + sizeof(in->on_error)) {
    return invalid_argument(error, "seam_loader_create", "options.struct_size is too small");
  }
  using O = seam_loader_options;
  const std::uint32_t on_error = SEAM_C_FIELD(in, O, on_error, SEAM_LOADER_ON_ERROR_FAIL);
  if (on_error != SEAM_LOADER_ON_ERROR_FAIL && on_error != SEAM_LOADER_ON_ERROR_SKIP) {
    return invalid_argument(error, "seam_loader_create",
                            "options.on_error is neither SEAM_LOADER_ON_ERROR_FAIL nor _SKIP");
  }
  out.on_error = on_error == SEAM_LOADER_ON_ERROR_SKIP ? OnError::skip : OnError::fail;
  for (auto& path : paths(SEAM_C_FIELD(in, O, search_paths, nullptr))) {
    out.search_paths.emplace_back(std::move(path), FolderOrigin::option);
  }
  out.plugin_files = paths(SEAM_C_FIELD(in, O, plugin_files, nullptr));
  out.disabled = strings(SEAM_C_FIELD(in, O, disabled, nullptr));

  const seam_loader_builtin* builtins = SEAM_C_FIELD(in, O, builtins, nullptr);
  const std::uint32_t builtin_count = SEAM_C_FIELD(in, O, builtin_count, 0u);
  for (std::uint32_t i = 0; i < builtin_count; ++i) {
    const seam_loader_builtin* b = builtins != nullptr ? &builtins[i] : nullptr;
    if (!SEAM_HAS_FIELD(b, seam_loader_builtin, descriptor) || b->descriptor == nullptr) {
      return invalid_argument(error, "seam_loader_create",
                              ("options.builtins[" + std::to_string(i) +
                               "] has no descriptor (or builtins is NULL, or its struct_size is "
                               "too small)")
                                  .c_str());
    }
    out.builtins.push_back(BuiltinPlugin{b->descriptor, b->core_unconditional != 0});
  }

  const seam_loader_service* services = SEAM_C_FIELD(in, O, services, nullptr);
  const std::uint32_t service_count = SEAM_C_FIELD(in, O, service_count, 0u);
  for (std::uint32_t i = 0; i < service_count; ++i) {
    const seam_loader_service* s = services != nullptr ? &services[i] : nullptr;
    if (!SEAM_HAS_FIELD(s, seam_loader_service, table) || !given(s->id) || s->table == nullptr) {
      return invalid_argument(error, "seam_loader_create",
                              ("options.services[" + std::to_string(i) +
                               "] needs an id and a table (or services is NULL, or its "
                               "struct_size is too small)")
                                  .c_str());
    }
    out.services[s->id] = s->table;
  }

  if (const char* v = SEAM_C_FIELD(in, O, host_version, nullptr); given(v)) out.host_version = v;
  if (const char* v = SEAM_C_FIELD(in, O, registry_cache, nullptr); given(v)) {
    out.registry_cache = v;
  }
  if (const char* v = SEAM_C_FIELD(in, O, scanner_path, nullptr); given(v)) out.scanner_path = v;
  out.trust_registry_cache = SEAM_C_FIELD(in, O, trust_registry_cache, 0u) != 0;
  out.isolate_scanning = SEAM_C_FIELD(in, O, scan_in_process, 0u) == 0;
  if (std::uint32_t ms = SEAM_C_FIELD(in, O, scan_budget_ms, 0u); ms != 0) {
    out.scan_budget = std::chrono::milliseconds(ms);
  }
  const seam_loader_pin* prefer = SEAM_C_FIELD(in, O, prefer, nullptr);
  const std::uint32_t prefer_count = SEAM_C_FIELD(in, O, prefer_count, 0u);
  for (std::uint32_t i = 0; i < prefer_count; ++i) {
    const seam_loader_pin* pin = prefer != nullptr ? &prefer[i] : nullptr;
    const std::string where = "options.prefer[" + std::to_string(i) + "]";
    if (!SEAM_HAS_FIELD(pin, seam_loader_pin, plugin) || !given(pin->key) || !given(pin->plugin)) {
      return invalid_argument(error, "seam_loader_create",
                              (where + " needs a key and a plugin (or prefer is NULL, or its "
                                       "struct_size is too small)")
                                  .c_str());
    }
    if (!out.prefer.emplace(pin->key, pin->plugin).second) {
      return invalid_argument(
          error, "seam_loader_create",
          (where + " pins \"" + pin->key + "\" a second time; a key takes one pin").c_str());
    }
  }
  for (auto& glob : strings(SEAM_C_FIELD(in, O, disable_filters, nullptr))) {
    out.disable_filters.push_back(PluginFilter{std::move(glob), "disable_filters"});
  }
  for (auto& glob : strings(SEAM_C_FIELD(in, O, select_filters, nullptr))) {
    out.select_filters.push_back(PluginFilter{std::move(glob), "select_filters"});
  }

  set_switch(out.default_folders, SEAM_C_FIELD(in, O, default_folders, 0u));
  set_switch(out.secure_mode, SEAM_C_FIELD(in, O, secure_mode, 0u));
  // Secure mode first: it is what makes the environment be ignored.
  if (out.secure_mode) enable_secure_mode();
  if (SEAM_C_FIELD(in, O, use_environment, 0u) != 0) {
    for (auto& path : plugin_path_from_environment()) {
      out.search_paths.emplace_back(std::move(path), FolderOrigin::env);
    }
    if (out.registry_cache.empty()) out.registry_cache = registry_cache_from_environment();
    if (!registry_update_from_environment()) out.trust_registry_cache = true;
    add_filters_from_environment(out);
  }

  if (seam_loader_usage_fn usage = SEAM_C_FIELD(in, O, usage, nullptr); usage != nullptr) {
    void* ctx = SEAM_C_FIELD(in, O, usage_ctx, nullptr);
    out.usage_sink = [usage, ctx](const std::string& plugin, const std::string& usage_json) {
      usage(ctx, plugin.c_str(), usage_json.c_str());
    };
  }
  return succeed(error);
}

}  // namespace seam::c_api
