#include <seam/loader/loader.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "discovery.hpp"
#include "loader_state.hpp"
#include "log.hpp"
#include "plugin_loading.hpp"

namespace seam {

namespace detail {
namespace {

// Keeps the denylist's entries and remembers which of them matched something.
class Denylist {
 public:
  explicit Denylist(const std::vector<std::string>& entries)
      : entries_(entries.begin(), entries.end()) {}
  bool matches(const std::string& key) {
    if (entries_.count(key) == 0) return false;
    used_.insert(key);
    return true;
  }
  void warn_unused() const {
    for (const auto& entry : entries_) {
      if (used_.count(entry) == 0) {
        log().warn("[plugins] disabled entry '{}' matches no plugin name or file", entry);
      }
    }
  }

 private:
  std::set<std::string> entries_;
  std::set<std::string> used_;
};

void disable(PluginInProgress& p, const std::string& why) {
  p.row.state = PluginState::disabled;
  p.row.reason = why;
  p.plugin.reset();
}

// Who holds each key so far; a newcomer that collides is rejected whole, naming both plugins.
class ConflictCheck {
 public:
  // True when P was accepted; otherwise P is rejected as a duplicate.
  bool accept(PluginInProgress& p) {
    // A file is best denied by its stem: that never opens it, and it cannot hit a builtin's name.
    const std::string deny =
        p.row.builtin ? p.row.name : std::filesystem::path(p.row.origin).stem().string();
    const std::string remedy =
        ". Remove one of them, or deny one in [plugins] disabled (e.g. disabled = [\"" + deny +
        "\"]).";
    for (const Contribution& c : p.row.contributions) {
      const bool lister = c.kind == Contribution::Kind::lister;
      auto& holders = lister ? listers_ : backends_;
      auto it = holders.find(c.label());
      if (it == holders.end()) continue;
      const std::string message =
          (lister ? "Model lister for sdk '" + c.sdk + "'" : "Inference backend " + c.label()) +
          " is registered by both " + it->second + " and " + p.plugin->who() + remedy;
      if (lister) {
        p.reject<DuplicateModelListerError>(PluginState::duplicate, message);
      } else {
        p.reject<DuplicateInferenceBackendError>(PluginState::duplicate, message);
      }
      return false;
    }
    if (auto it = names_.find(p.row.name); it != names_.end()) {
      p.reject<DuplicatePluginError>(PluginState::duplicate,
                                     "Plugin name '" + p.row.name + "' is declared by both " +
                                         it->second + " and " + p.plugin->who() + remedy);
      return false;
    }
    names_.emplace(p.row.name, p.plugin->who());
    for (const Contribution& c : p.row.contributions) {
      auto& holders = c.kind == Contribution::Kind::lister ? listers_ : backends_;
      holders.emplace(c.label(), p.plugin->who());
    }
    return true;
  }

 private:
  std::map<std::string, std::string> backends_;  // label -> who
  std::map<std::string, std::string> listers_;
  std::map<std::string, std::string> names_;
};

Registry build_registry(const std::vector<std::shared_ptr<LoadedPlugin>>& plugins) {
  std::vector<Backend> backends;
  std::vector<ModelLister> listers;
  for (const auto& plugin : plugins) {
    const auto& live_backends = plugin->registrar->backends;
    for (std::size_t i = 0; i < live_backends.size(); ++i) {
      backends.emplace_back(live_backends[i].info.family, live_backends[i].info.sdk, plugin->name,
                            plugin, i);
    }
    const auto& live_listers = plugin->registrar->listers;
    for (std::size_t i = 0; i < live_listers.size(); ++i) {
      listers.emplace_back(live_listers[i].info.sdk, plugin->name, plugin, i);
    }
  }
  return Registry(std::move(backends), std::move(listers));
}

}  // namespace
}  // namespace detail

Loader::Loader(LoaderOptions options) : state_(std::make_unique<detail::LoaderState>()) {
  using namespace detail;
  state_->options = std::move(options);
  const LoaderOptions& opts = state_->options;

  auto shared = std::make_shared<SharedServices>();
  shared->host_version = opts.host_version;
  shared->services = opts.services;
  shared->usage_sink = opts.usage_sink;

  std::vector<Candidate> candidates;
  for (const BuiltinPlugin& builtin : opts.builtins) {
    if (builtin.descriptor == nullptr)
      throw std::invalid_argument("builtin plugin with a null descriptor");
    candidates.push_back(Candidate{{}, &builtin});
  }
  for (Candidate& c : discover(opts)) candidates.push_back(std::move(c));

  Denylist denylist(opts.disabled);
  ConflictCheck conflicts;
  std::vector<std::shared_ptr<LoadedPlugin>> accepted;
  for (const Candidate& candidate : candidates) {
    PluginInProgress p;
    const std::string stem = candidate.builtin ? "" : candidate.path.stem().string();
    if (!candidate.builtin && denylist.matches(stem)) {
      // Decided on the file name alone, so a plugin too broken to load can still be denied.
      p.row.name = stem;
      p.row.origin = candidate.path.string();
      disable(p, "disabled by [plugins] disabled ('" + stem +
                     "' matches the file name; the file was not opened)");
    } else {
      p = open_plugin(candidate, opts, shared);
      if (p.plugin && denylist.matches(p.row.name)) {
        if (p.row.core_unconditional) {
          std::string message = "Plugin '" + p.row.name +
                                "' is core-unconditional and cannot be disabled. Remove '" +
                                p.row.name + "' from [plugins] disabled.";
          state_->config_problem =
              std::make_exception_ptr(CoreUnconditionalPluginDisabledError(message));
          state_->problems.push_back(state_->config_problem);
          p.row.reason = message;
          p.row.error_kind = "CoreUnconditionalPluginDisabledError";
        } else {
          disable(p,
                  "disabled by [plugins] disabled ('" + p.row.name + "' matches the plugin name)");
        }
      }
      if (p.plugin && p.row.state == PluginState::registered) register_plugin(p);
      if (p.plugin && conflicts.accept(p)) accepted.push_back(p.plugin);
    }
    if (p.problem) {
      log().debug("{}", p.row.reason);
      state_->problems.push_back(p.problem);
    }
    state_->rows.push_back(std::move(p.row));
  }
  denylist.warn_unused();
  state_->registry = build_registry(accepted);
}

Loader::~Loader() = default;
Loader::Loader(Loader&&) noexcept = default;
Loader& Loader::operator=(Loader&&) noexcept = default;

const std::vector<PluginRow>& Loader::report() const noexcept {
  return state_->rows;
}

const std::vector<std::exception_ptr>& Loader::problems() const noexcept {
  return state_->problems;
}

const Registry& Loader::registry() const {
  if (state_->config_problem) std::rethrow_exception(state_->config_problem);
  if (!state_->problems.empty()) {
    if (state_->options.on_error == OnError::fail) std::rethrow_exception(state_->problems.front());
    std::call_once(state_->warned, [this] {
      for (const auto& row : state_->rows) {
        if (!row.error_kind.empty()) {
          detail::log().warn("{} (skipped: [plugins] on_error = \"skip\")", row.reason);
        }
      }
    });
  }
  return state_->registry;
}

}  // namespace seam
