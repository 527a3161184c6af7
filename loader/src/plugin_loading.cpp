#include "plugin_loading.hpp"

#include <seam/loader/errors.hpp>

#include <cstring>

#include "abi_v1_sizes.hpp"
#include "identifiers.hpp"
#include "log.hpp"
#include "option_names.hpp"
#include "plugin_call.hpp"
#include "semver.hpp"

namespace seam::detail {

namespace {

std::string text_or_empty(const char* text) {
  return text ? text : "";
}

std::string supported_range() {
  return std::to_string(SEAM_API_VERSION_MIN) + ".." + std::to_string(SEAM_API_VERSION);
}

// How a candidate is named in a message before its descriptor has been read.
std::string file_who(const PluginInProgress& p) {
  return "Plugin file '" + p.row.origin + "'";
}

std::string recovery_hint(const PluginInProgress& p) {
  if (p.row.builtin) return " This is a bug in the host's builtin plugin.";
  // The default names: this text may be made in the scanner and kept in the cache (with_names).
  return " Remove or rebuild it, or add '" + file_stem(p.row.origin) + "' to " + denylist() + ".";
}

// Checks the descriptor against the gate and the naming rules; on success fills the row.
void read_descriptor(PluginInProgress& p, const std::string& host_version) {
  const seam_plugin_descriptor* d = p.plugin->descriptor;
  // Read only the two leading fields until the version says which layout the rest has.
  if (d->api_version < SEAM_API_VERSION_MIN || d->api_version > SEAM_API_VERSION) {
    p.row.api_version = d->api_version;
    return p.reject<PluginApiVersionMismatchError>(
        PluginState::incompatible,
        file_who(p) + " targets Seam API version " + std::to_string(d->api_version) +
            ", but this host supports versions " + supported_range() +
            ". Rebuild the plugin against a supported seam.h, or install a version of it built "
            "for this host.");
  }
  p.row.api_version = d->api_version;
  if (d->struct_size < kDescriptorV1Size) {
    return p.reject<PluginApiVersionMismatchError>(
        PluginState::incompatible,
        file_who(p) + " has a descriptor of " + std::to_string(d->struct_size) +
            " bytes, smaller than the API version 1 descriptor (" +
            std::to_string(kDescriptorV1Size) + " bytes); this host supports versions " +
            supported_range() + ". Rebuild it against a supported seam.h.");
  }
  std::string name_problem = identifier_problem(d->name, "name");
  if (!name_problem.empty()) {
    return p.reject<BrokenPluginError>(
        PluginState::broken,
        file_who(p) + " declares an invalid plugin name: " + name_problem + "." + recovery_hint(p));
  }
  p.row.name = d->name;
  p.plugin->name = d->name;
  p.row.version = text_or_empty(d->version);
  p.row.description = text_or_empty(d->description);
  p.row.vendor = text_or_empty(d->vendor);

  if (!parse_semver(p.row.version)) {
    return p.reject<BrokenPluginError>(
        PluginState::broken,
        "Plugin '" + p.row.name + "' (" + p.row.origin + ") declares version '" + p.row.version +
            "', which is not a semantic version (MAJOR.MINOR.PATCH)." + recovery_hint(p));
  }
  if (d->host_version_range != nullptr) {
    auto host = parse_semver(host_version);
    std::string problem = host ? range_problem(d->host_version_range, *host)
                               : "the host's own version '" + host_version + "' is not semver";
    if (!problem.empty()) {
      return p.reject<PluginApiVersionMismatchError>(
          PluginState::incompatible, "Plugin '" + p.row.name + "' (" + p.row.origin +
                                         ") cannot run on this host: " + problem +
                                         ". Install a version of the plugin made for this host.");
    }
  }
  if (d->register_plugin == nullptr) {
    return p.reject<BrokenPluginError>(PluginState::broken,
                                       "Plugin '" + p.row.name + "' (" + p.row.origin +
                                           ") has no register function (register_plugin is NULL)." +
                                           recovery_hint(p));
  }
}

}  // namespace

std::string file_stem(std::string_view file) {
  // One character searched backwards: find_last_of walks its set for every character, and every
  // candidate's stem is asked for on each start.
#if defined(_WIN32)
  const std::size_t slash = file.find_last_of("/\\");
#else
  const std::size_t slash = file.rfind('/');
#endif
  std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot != 0 && name != "..") name = name.substr(0, dot);
  return std::string(name);
}

PluginInProgress open_plugin(const Candidate& candidate,
                             const std::shared_ptr<SharedServices>& shared) {
  PluginInProgress p;
  p.plugin = std::make_shared<LoadedPlugin>();
  p.plugin->shared = shared;
  p.row.builtin = candidate.builtin != nullptr;
  p.row.origin = p.row.builtin ? "builtin" : candidate.file;
  p.row.name =
      p.row.builtin ? text_or_empty(candidate.builtin->descriptor->name) : candidate.stem();
  p.row.core_unconditional = p.row.builtin && candidate.builtin->core_unconditional;
  p.plugin->origin = p.row.origin;
  p.plugin->name = p.row.name;

  const void* entry_address = nullptr;
  if (p.row.builtin) {
    p.plugin->descriptor = candidate.builtin->descriptor;
  } else {
    std::string error;
    p.plugin->library = DynLib::open(candidate.path(), error);
    if (!p.plugin->library) {
      p.reject<BrokenPluginError>(PluginState::broken,
                                  file_who(p) + " could not be loaded: " + error +
                                      (error.empty() || error.back() != '.' ? "." : "") +
                                      recovery_hint(p));
      return p;
    }
    void* symbol = p.plugin->library.symbol(SEAM_PLUGIN_ENTRY_SYMBOL);
    if (symbol == nullptr) {
      p.reject<BrokenPluginError>(
          PluginState::broken,
          file_who(p) +
              " does not export '" SEAM_PLUGIN_ENTRY_SYMBOL
              "': it is not a Seam plugin, or it was built without SEAM_PLUGIN(...)." +
              recovery_hint(p));
      return p;
    }
    entry_address = symbol;
    seam_plugin_entry_fn entry = nullptr;
    static_assert(sizeof(entry) == sizeof(symbol), "function and data pointers differ in size");
    std::memcpy(&entry, &symbol, sizeof(entry));
    p.plugin->descriptor = entry(SEAM_API_VERSION);
    if (p.plugin->descriptor == nullptr) {
      p.reject<BrokenPluginError>(PluginState::broken,
                                  file_who(p) +
                                      " declined to load: its seam_plugin_entry returned NULL "
                                      "for API version " +
                                      std::to_string(SEAM_API_VERSION) + "." + recovery_hint(p));
      return p;
    }
  }
  read_descriptor(p, shared->host_version);
  // Its code is known by address from now on, so that a crash on a thread it started is named.
  if (entry_address != nullptr && p.plugin) remember_plugin_code(entry_address, p.plugin->who());
  return p;
}

void register_plugin(PluginInProgress& p) {
  LoadedPlugin& plugin = *p.plugin;
  plugin.registrar = std::make_unique<RegistrarSession>();
  plugin.host = std::make_unique<HostServices>(plugin.name, plugin.shared);
  std::int32_t status;
  try {
    status = plugin.registrar->run(plugin.descriptor->register_plugin);
  } catch (...) {
    // Only C++ code can throw; the registrar's own methods never let anything escape.
    plugin.registrar->close();
    return p.reject<BrokenPluginError>(
        PluginState::broken, "Plugin '" + plugin.name + "' (" + plugin.origin +
                                 "): a C++ exception escaped from register." + recovery_hint(p));
  }
  const std::string who = "Plugin '" + plugin.name + "' (" + plugin.origin + ")";
  const std::string& said = plugin.registrar->failure;
  if (status != SEAM_OK || !said.empty()) {
    return p.reject<BrokenPluginError>(
        PluginState::broken, who + ": register failed with " + status_name(status) +
                                 (said.empty() ? "" : ": " + said) + "." + recovery_hint(p));
  }
  if (!plugin.registrar->first_refusal.empty()) {
    return p.reject<BrokenPluginError>(
        PluginState::broken, who + ": the registrar refused a call: " +
                                 plugin.registrar->first_refusal + "." + recovery_hint(p));
  }
  for (const LiveBackend& b : plugin.registrar->backends) p.row.contributions.push_back(b.info);
  for (const LiveLister& l : plugin.registrar->listers) p.row.contributions.push_back(l.info);
  log().debug("{} registered {} contribution(s)", who, p.row.contributions.size());
}

}  // namespace seam::detail

namespace seam::detail {

PluginInProgress load_plugin_file(const std::filesystem::path& file,
                                  const std::shared_ptr<SharedServices>& shared) {
  PluginInProgress p = open_plugin(Candidate{path_text(file), nullptr, std::nullopt, {}}, shared);
  if (p.plugin) register_plugin(p);
  return p;
}

}  // namespace seam::detail
