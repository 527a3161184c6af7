// Choosing among plugins that contribute the same key: the first holder wins and a newcomer is a
// duplicate, unless a pin (LoaderOptions::prefer) names the winner or a plugin overrides a builtin.
#pragma once

#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <seam/loader/choice.hpp>
#include <seam/loader/errors.hpp>
#include <seam/loader/options.hpp>
#include <seam/loader/report.hpp>

#include "plugin_loading.hpp"

namespace seam::detail {

class ConflictCheck {
  // Keys view strings inside the held rows, which never move.
  struct Key {
    std::string_view family, sdk;
    bool operator==(const Key& o) const { return family == o.family && sdk == o.sdk; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
      std::hash<std::string_view> h;
      return h(k.family) * 31 + h(k.sdk);
    }
  };

 public:
  // PREFER: "family:sdk" or "lister:sdk" -> the plugin that serves it (LoaderOptions::prefer);
  // NAMES: how messages name the options that resolve a conflict.
  ConflictCheck(const std::map<std::string, std::string>& prefer, const OptionNames& names)
      : prefer_(prefer), option_names_(names) {}

  // True when P was accepted; otherwise P is rejected as a duplicate. A backend flagged
  // SEAM_BACKEND_OVERRIDES_BUILTIN that collides with a builtin's replaces it (see overrides());
  // a plugin contributing a pinned key that the pin does not name is shadowed (false, no problem).
  bool accept(PluginInProgress& p);

  // The builtin backends that plugins replaced.
  struct Override {
    std::string family, sdk, builtin, plugin, note;
  };
  const std::vector<Override>& overrides() const noexcept { return overrides_; }

  // Room for PLUGINS plugins of a few contributions each, so the maps never grow while checking.
  void reserve(std::size_t plugins);

  // Records what ROW holds; ROW must stay where it is until the check is done.
  void hold(const PluginRow& row);

  // True when the builtin ROW's contribution C was overridden by a plugin.
  bool dropped(const PluginRow& row, const Contribution& c) const;

  // A ConfigError (as an exception) for the first pin that names a plugin not serving its key,
  // naming the candidates; null when every pin holds.
  std::exception_ptr check_pins(const std::vector<PluginRow>& rows) const;

  // Who serves each key in the registry, and why.
  std::vector<Choice> choices(const std::vector<PluginRow>& rows) const;

 private:
  struct Shadow {
    std::string key, loser, origin;
  };
  static Key key(const Contribution& c) { return Key{c.family, c.sdk}; }
  std::string remedy(const PluginRow& newcomer, const PluginRow& holder) const;
  std::string pin_text(const std::string& key) const;

  std::map<std::string, std::string> prefer_;
  OptionNames option_names_;
  std::unordered_map<Key, const PluginRow*, KeyHash> backends_;
  std::unordered_map<Key, const PluginRow*, KeyHash> listers_;
  std::unordered_map<std::string_view, const PluginRow*> names_;
  std::vector<Override> overrides_;
  std::vector<Shadow> shadows_;
};

}  // namespace seam::detail
