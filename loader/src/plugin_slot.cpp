#include "plugin_slot.hpp"

#include <seam/loader/errors.hpp>

#include "log.hpp"
#include "option_names.hpp"
#include "plugin_call.hpp"
#include "plugin_loading.hpp"

namespace seam::detail {

namespace {

bool same_contributions(const std::vector<Contribution>& a, const std::vector<Contribution>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].label() != b[i].label() || a[i].flags != b[i].flags ||
        a[i].dependencies.size() != b[i].dependencies.size()) {
      return false;
    }
    for (std::size_t d = 0; d < a[i].dependencies.size(); ++d) {
      const auto &x = a[i].dependencies[d], &y = b[i].dependencies[d];
      if (x.name != y.name || x.candidates != y.candidates || x.install_hint != y.install_hint) {
        return false;
      }
    }
  }
  return true;
}

std::string labels(const std::vector<Contribution>& contributions) {
  std::string text;
  for (const auto& c : contributions) text += (text.empty() ? "" : ", ") + c.label();
  return "[" + text + "]";
}

}  // namespace

PluginSlot::PluginSlot(std::shared_ptr<const PluginRecord> record,
                       std::shared_ptr<SharedServices> shared,
                       std::shared_ptr<LoadedPlugin> preloaded,
                       std::function<void(const std::string&)> on_stale)
    : record_(std::move(record)),
      shared_(std::move(shared)),
      on_stale_(std::move(on_stale)),
      loaded_(std::move(preloaded)) {}

std::shared_ptr<const LoadedPlugin> PluginSlot::activate() const {
  std::call_once(once_, [this] {
    if (!loaded_) load();
    if (!loaded_) return;
    try {
      shared_->activations.activate(loaded_, shared_->names);
    } catch (...) {
      error_ = std::current_exception();
      loaded_.reset();
    }
  });
  if (error_) std::rethrow_exception(error_);
  return loaded_;
}

void PluginSlot::load() const {
  const std::string who = detail::who(record_->row);
  PluginInProgress p;
  {
    PluginCallScope call(who, "activation (loading and register)");
    p = load_plugin_file(text_path(record_->path()), shared_);
  }
  if (p.problem) {
    error_ = std::make_exception_ptr(BrokenPluginError(
        "The " + who +
        " was scanned fine but fails to load now: " + with_names(p.row.reason, shared_->names)));
  } else if (p.row.name != record_->row.name ||
             !same_contributions(p.row.contributions, record_->row.contributions)) {
    error_ = std::make_exception_ptr(
        BrokenPluginError("The " + who + " changed since it was scanned: it now registers " +
                          labels(p.row.contributions) + " as '" + p.row.name + "' instead of " +
                          labels(record_->row.contributions) +
                          ". Restart to rescan it (or run `seam plugins rescan`)."));
  } else {
    loaded_ = std::move(p.plugin);
    log().debug("activated {}", who);
    return;
  }
  if (on_stale_) on_stale_(record_->path());
}

}  // namespace seam::detail
