#include <seam/loader/loader.hpp>

#include <seam/loader/security.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "conflict_check.hpp"
#include "discovery.hpp"
#include "install_layout.hpp"
#include "loader_state.hpp"
#include "log.hpp"
#include "option_names.hpp"
#include "plugin_filters.hpp"
#include "plugin_loading.hpp"
#include "plugin_slot.hpp"
#include "record.hpp"
#include "scan.hpp"
#include "scanner_client.hpp"

namespace seam {

namespace detail {
namespace {

// Keeps the denylist's entries and remembers which of them matched something.
class Denylist {
 public:
  Denylist(const std::vector<std::string>& entries, const OptionNames& names)
      : entries_(entries.begin(), entries.end()), names_(names) {}
  bool empty() const noexcept { return entries_.empty(); }
  bool matches(const std::string& key) {
    if (entries_.count(key) == 0) return false;
    used_.insert(key);
    return true;
  }
  void warn_unused() const {
    for (const auto& entry : entries_) {
      if (used_.count(entry) == 0) {
        log().warn("entry '{}' of {} matches no plugin name or file", entry, denylist(names_));
      }
    }
  }

 private:
  std::set<std::string> entries_;
  std::set<std::string> used_;
  const OptionNames& names_;
};

void disable(PluginInProgress& p, const std::string& why) {
  p.row.state = PluginState::disabled;
  p.row.reason = why;
  p.plugin.reset();
}

Registry build_registry(const std::vector<std::shared_ptr<PluginSlot>>& slots,
                        const ConflictCheck& conflicts) {
  std::vector<Backend> backends;
  std::vector<ModelLister> listers;
  std::size_t contributions = 0;
  for (const auto& slot : slots) contributions += slot->row().contributions.size();
  backends.reserve(contributions);
  listers.reserve(contributions);
  for (const auto& slot : slots) {
    std::size_t backend_index = 0, lister_index = 0;
    for (const Contribution& c : slot->row().contributions) {
      if (c.kind == Contribution::Kind::backend) {
        if (conflicts.dropped(slot->row(), c)) {
          ++backend_index;
          continue;
        }
        backends.emplace_back(c.family, c.sdk, slot, backend_index++);
      } else if (conflicts.dropped(slot->row(), c)) {
        ++lister_index;
      } else {
        listers.emplace_back(c.sdk, slot, lister_index++);
      }
    }
  }
  return Registry(std::move(backends), std::move(listers));
}

// The typed error a record's row stands for.
std::exception_ptr problem_of(const PluginRow& row) {
  if (row.error_kind == PluginApiVersionMismatchError("").kind()) {
    return std::make_exception_ptr(PluginApiVersionMismatchError(row.reason));
  }
  return std::make_exception_ptr(BrokenPluginError(row.reason));
}

// Scans FILES, in the scanner process when asked and possible, else here.
std::vector<ScanResult> scan_files(const std::vector<std::filesystem::path>& files,
                                   const LoaderOptions& opts, const ScanSettings& settings,
                                   const std::shared_ptr<SharedServices>& shared) {
  std::vector<ScanResult> scans;
  if (files.empty()) return scans;
  if (opts.isolate_scanning && isolated_scanning_available()) {
    auto scanner = opts.scanner_path.empty() ? default_scanner_path() : opts.scanner_path;
    try {
      return scan_isolated(scanner, files, settings, opts.scan_jobs);
    } catch (const ScannerUnavailable& e) {
      if (!opts.in_process_fallback) {
        // Isolation was asked for: no plugin code runs here instead, each file says why.
        log().warn("plugins are not scanned: {}", e.what());
        for (const auto& file : files) {
          ScanResult result;
          result.record = broken_scan_record(
              file, std::string("was not scanned: ") + e.what() +
                        ". Install seam-plugin-scanner where the loader looks for it (" +
                        path_text(default_scanner_path()) +
                        "), set the scanner's path, or allow scanning in the host process (" +
                        opts.names.in_process_fallback + " = true)");
          result.cacheable = false;
          scans.push_back(std::move(result));
        }
        return scans;
      }
      static std::once_flag warned;
      std::call_once(warned, [&] {
        log().warn("plugins are scanned in this process, without isolation: {}", e.what());
      });
    }
  }
  for (const auto& file : files) {
    const auto start = std::chrono::steady_clock::now();
    scans.push_back(scan_in_process(file, shared));
    scans.back().scan_time = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
  }
  return scans;
}

}  // namespace
}  // namespace detail

Loader::Loader(LoaderOptions options) : state_(std::make_unique<detail::LoaderState>()) {
  using namespace detail;
  state_->options = std::move(options);
  const LoaderOptions& opts = state_->options;
  if (opts.secure_mode) enable_secure_mode();

  auto shared = std::make_shared<SharedServices>();
  shared->host_version = opts.host_version;
  shared->services = opts.services;
  shared->usage_sink = opts.usage_sink;
  shared->names = opts.names;
  state_->shared = shared;

  const ScanSettings settings{opts.host_version, opts.scan_budget};
  if (!opts.registry_cache.empty()) {
    state_->cache = std::make_shared<RegistryCache>(opts.registry_cache, settings.hash());
    state_->cache->load();
  }
  std::weak_ptr<RegistryCache> weak_cache = state_->cache;
  auto on_stale = [weak_cache](const std::string& path) {
    if (auto cache = weak_cache.lock()) cache->invalidate(path);
  };

  for (const BuiltinPlugin& builtin : opts.builtins) {
    if (builtin.descriptor == nullptr) {
      throw std::invalid_argument("builtin plugin with a null descriptor");
    }
  }
  state_->folders = search_folders(opts);
  std::vector<Candidate> found = discover(state_->folders, opts);
  std::vector<Candidate> candidates;
  candidates.reserve(opts.builtins.size() + found.size());
  for (const BuiltinPlugin& builtin : opts.builtins) {
    candidates.push_back(Candidate{{}, &builtin, std::nullopt, {}});
  }
  for (Candidate& c : found) candidates.push_back(std::move(c));

  // Which files need a scan: those not denied by file name and not in the cache as they are now.
  Denylist denylist(opts.disabled, opts.names);
  const PluginFilters filters(opts);
  // Both indexed like CANDIDATES: a warm start hashes each path once, in the cache's lookup.
  std::vector<std::shared_ptr<const PluginRecord>> records(candidates.size());
  std::vector<std::shared_ptr<LoadedPlugin>> preloaded(candidates.size());
  std::vector<std::filesystem::path> to_scan;
  std::vector<std::size_t> scanned_candidate;  // parallel to TO_SCAN
  std::vector<std::string_view> seen_files;    // views of the candidates' paths
  seen_files.reserve(candidates.size());
  // How each candidate's row came to be, for --explain.
  std::vector<std::string> sources(candidates.size());
  std::vector<std::optional<std::chrono::microseconds>> scan_times(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.builtin || !c.untrusted.empty() || (!denylist.empty() && denylist.matches(c.stem())) ||
        filters.by_stem(c.stem())) {
      continue;
    }
    const std::string& path = c.file;
    const bool trust = opts.trust_registry_cache;
    if (state_->cache) {
      const Fingerprint now = trust           ? Fingerprint{}
                              : c.fingerprint ? *c.fingerprint
                                              : fingerprint_of(c.path());
      records[i] = state_->cache->find(path, now, trust);
      sources[i] = records[i]
                       ? "cache hit"
                       : "scanned (cache miss: " + state_->cache->why_missed(path, now) + ")";
    } else {
      sources[i] = "scanned (no registry cache)";
    }
    if (!records[i]) {
      to_scan.push_back(c.path());
      scanned_candidate.push_back(i);
    }
    seen_files.push_back(path);
  }
  // Scans come back one per file, in the order asked.
  const auto scan_start = std::chrono::steady_clock::now();
  std::vector<ScanResult> scans = scan_files(to_scan, opts, settings, shared);
  state_->scan_time = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - scan_start);
  if (scans.size() != to_scan.size()) throw std::logic_error("a scan result is missing");
  for (std::size_t k = 0; k < scans.size(); ++k) {
    auto record = std::make_shared<const PluginRecord>(std::move(scans[k].record));
    if (state_->cache && scans[k].cacheable) state_->cache->put(record);
    preloaded[scanned_candidate[k]] = std::move(scans[k].loaded);
    scan_times[scanned_candidate[k]] = scans[k].scan_time;
    records[scanned_candidate[k]] = std::move(record);
  }
  if (state_->cache) {
    state_->cache->retain(seen_files);
    state_->cache->save();
  }

  ConflictCheck conflicts(opts.prefer, opts.names);
  conflicts.reserve(candidates.size());
  std::vector<std::shared_ptr<PluginSlot>> accepted;
  accepted.reserve(candidates.size());
  state_->rows.reserve(candidates.size());  // the conflict check points into the rows
  state_->traces.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& candidate = candidates[i];
    PluginInProgress p;
    std::shared_ptr<const PluginRecord> record = std::move(records[i]);
    if (candidate.builtin) {
      p = open_plugin(candidate, shared);
    } else if (!candidate.untrusted.empty()) {
      // Never opened: its code could have been put there by someone else.
      p.row.name = candidate.stem();
      p.row.origin = candidate.file;
      p.row.state = PluginState::untrusted;
      p.row.reason = "not loaded: " + candidate.untrusted +
                     ". Fix the owner or mode (chmod go-w), move the plugin to a folder of your "
                     "own, or trust the folder explicitly (" +
                     opts.names.trusted_folders + ")";
      log().warn("plugin file '{}' {}", candidate.file, p.row.reason);
    } else if (auto why = filters.by_stem(candidate.stem());
               why && !denylist.matches(candidate.stem())) {
      p.row.name = candidate.stem();
      p.row.origin = candidate.file;
      p.row.state = PluginState::filtered;
      p.row.reason = *why;
    } else if (record) {
      p.row = record->row;
      p.row.reason = with_names(std::move(p.row.reason), opts.names);
      if (!p.row.error_kind.empty()) p.problem = problem_of(p.row);
      p.plugin = std::move(preloaded[i]);
    } else {
      // Decided on the file name alone, so a plugin too broken to load can still be denied.
      const std::string stem = candidate.stem();
      p.row.name = stem;
      p.row.origin = candidate.file;
      disable(p, "disabled by " + detail::denylist(opts.names) + ": '" + stem +
                     "' matches the file name; the file was not opened");
    }
    const bool in_running = !p.problem && p.row.state == PluginState::registered;
    if (in_running && denylist.matches(p.row.name)) {
      if (p.row.core_unconditional) {
        std::string message = "Plugin '" + p.row.name +
                              "' is core-unconditional and cannot be disabled. Remove '" +
                              p.row.name + "' from " + detail::denylist(opts.names) + ".";
        state_->config_problem =
            std::make_exception_ptr(CoreUnconditionalPluginDisabledError(message));
        state_->problems.push_back(state_->config_problem);
        p.row.reason = message;
        p.row.error_kind = "CoreUnconditionalPluginDisabledError";
      } else {
        disable(p, "disabled by " + detail::denylist(opts.names) + ": '" + p.row.name +
                       "' matches the plugin name");
      }
    }
    if (!p.problem && p.row.state == PluginState::registered && !p.row.core_unconditional) {
      if (auto why = filters.by_name(p.row.name, candidate.builtin ? "" : candidate.stem())) {
        p.row.state = PluginState::filtered;
        p.row.reason = *why;
        p.plugin.reset();
      }
    }
    if (candidate.builtin && p.plugin && p.row.state == PluginState::registered) register_plugin(p);
    const bool accept = !p.problem && p.row.state == PluginState::registered && conflicts.accept(p);
    if (accept) {
      if (candidate.builtin) record = std::make_shared<const PluginRecord>(PluginRecord{{}, p.row});
      accepted.push_back(
          std::make_shared<PluginSlot>(std::move(record), shared, p.plugin, on_stale));
    }
    if (p.problem) {
      log().debug("{}", p.row.reason);
      state_->problems.push_back(p.problem);
    }
    RowTrace trace;
    trace.source = candidate.builtin              ? "builtin"
                   : !candidate.untrusted.empty() ? "not opened (untrusted)"
                   : sources[i].empty()           ? "not opened (denied by its file name)"
                                                  : sources[i];
    trace.cache_hit = sources[i] == "cache hit";
    trace.scanned = scan_times[i].has_value();
    trace.scan_time = scan_times[i].value_or(std::chrono::microseconds(0));
    state_->traces.push_back(std::move(trace));
    state_->rows.push_back(std::move(p.row));
    if (accept) conflicts.hold(state_->rows.back());
  }
  denylist.warn_unused();
  // The builtin's row names who replaced its backend, as the plugin's names the builtin.
  for (const auto& o : conflicts.overrides()) {
    for (PluginRow& row : state_->rows) {
      if (row.builtin && row.name == o.builtin)
        row.reason += (row.reason.empty() ? "" : " ") + o.note + ".";
    }
  }
  if (auto pin_problem = conflicts.check_pins(state_->rows)) {
    if (!state_->config_problem) state_->config_problem = pin_problem;
    state_->problems.push_back(pin_problem);
  }
  state_->registry = build_registry(accepted, conflicts);
  // Who serves each key is worked out when first asked: a command that only lists or runs never
  // asks, and the list of choices (a few strings per key) was a sixth of a warm start's memory.
  state_->conflicts = std::make_unique<ConflictCheck>(std::move(conflicts));
}

Loader::~Loader() {
  // Teardown hooks run while the registry still holds every plugin's code.
  if (state_ && state_->shared) state_->shared->activations.tear_down();
}
Loader::Loader(Loader&&) noexcept = default;
Loader& Loader::operator=(Loader&& other) noexcept {
  if (this != &other) {
    if (state_ && state_->shared) state_->shared->activations.tear_down();
    state_ = std::move(other.state_);
  }
  return *this;
}

const std::vector<PluginRow>& Loader::report() const noexcept {
  return state_->rows;
}

const std::vector<SearchedFolder>& Loader::searched_folders() const noexcept {
  return state_->folders;
}

const std::vector<RowTrace>& Loader::traces() const noexcept {
  return state_->traces;
}

std::chrono::microseconds Loader::scan_time() const noexcept {
  return state_->scan_time;
}

const std::vector<Choice>& Loader::choices() const noexcept {
  std::call_once(state_->choices_once,
                 [&] { state_->choices = state_->conflicts->choices(state_->rows); });
  return state_->choices;
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
          detail::log().warn("{} (skipped: {} = \"skip\")", row.reason,
                             state_->options.names.on_error);
        }
      }
    });
  }
  return state_->registry;
}

}  // namespace seam
