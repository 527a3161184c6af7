#include "conflict_check.hpp"

#include <algorithm>

#include "log.hpp"
#include "option_names.hpp"
#include "record.hpp"

namespace seam::detail {

std::string ConflictCheck::pin_text(const std::string& key) const {
  return "pinned: prefer \"" + key + "\" = \"" + prefer_.at(key) + "\"";
}

bool ConflictCheck::accept(PluginInProgress& p) {
  // A pin decides before any conflict: the loser is out as a whole, as a duplicate would be, but
  // that is what the user asked for, not a problem.
  for (const Contribution& c : p.row.contributions) {
    const std::string label = c.label();
    auto pin = prefer_.find(label);
    if (pin == prefer_.end() || pin->second == p.row.name) continue;
    p.row.state = PluginState::shadowed;
    p.row.reason = "Shadowed: " + label + " is served by '" + pin->second + "' (" +
                   pin_text(label) + "); nothing of this plugin is used.";
    p.plugin.reset();
    shadows_.push_back(Shadow{label, p.row.name, p.row.origin});
    return false;
  }
  std::vector<Override> overriding;
  for (const Contribution& c : p.row.contributions) {
    const bool lister = c.kind == Contribution::Kind::lister;
    const std::string label = c.label();
    auto& holders = lister ? listers_ : backends_;
    auto it = holders.find(key(c));
    if (it == holders.end()) continue;
    if (!lister && it->second->builtin && (c.flags & SEAM_BACKEND_OVERRIDES_BUILTIN)) {
      overriding.push_back(Override{c.family, c.sdk, it->second->name, p.row.name, {}});
      continue;
    }
    const std::string message =
        (lister ? "Model lister for sdk '" + c.sdk + "'" : "Inference backend " + c.label()) +
        " is registered by both " + who(*it->second) + " and " + who(p.row) +
        remedy(p.row, *it->second) + " Or choose one: " + option_names_.prefer + " = { \"" + label +
        "\" = \"" + p.row.name + "\" }.";
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
                                       who(*it->second) + " and " + who(p.row) +
                                       remedy(p.row, *it->second));
    return false;
  }
  for (Override& o : overriding) {
    const std::string note = "Inference backend " + o.family + ":" + o.sdk + " of " +
                             who(*backends_.at(Key{o.family, o.sdk})) + " is overridden by " +
                             who(p.row) + " (SEAM_BACKEND_OVERRIDES_BUILTIN)";
    log().warn("{}", note);
    p.row.reason += (p.row.reason.empty() ? "" : " ") + note + ".";
    o.note = note;
    overrides_.push_back(std::move(o));
  }
  return true;
}

void ConflictCheck::reserve(std::size_t plugins) {
  backends_.reserve(plugins * 2);
  listers_.reserve(plugins);
  names_.reserve(plugins);
}

void ConflictCheck::hold(const PluginRow& row) {
  names_.emplace(row.name, &row);
  for (const Contribution& c : row.contributions) {
    // An override takes the key over from the builtin.
    (c.kind == Contribution::Kind::lister ? listers_ : backends_)[key(c)] = &row;
  }
}

bool ConflictCheck::dropped(const PluginRow& row, const Contribution& c) const {
  if (!row.builtin || overrides_.empty()) return false;
  for (const auto& o : overrides_) {
    if (o.builtin == row.name && o.family == c.family && o.sdk == c.sdk) return true;
  }
  return false;
}

std::exception_ptr ConflictCheck::check_pins(const std::vector<PluginRow>& rows) const {
  for (const auto& [label, pinned] : prefer_) {
    const auto colon = label.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == label.size()) {
      return std::make_exception_ptr(
          ConfigError(option_names_.prefer, 0, 0,
                      "\"" + label +
                          "\" is not a key: write \"family:sdk\" (\"llm:openai\") for a backend or "
                          "\"lister:sdk\" for a model lister"));
    }
    std::string candidates;
    bool served = false;
    for (const PluginRow& row : rows) {
      for (const Contribution& c : row.contributions) {
        if (c.label() != label) continue;
        candidates += (candidates.empty() ? "" : ", ") + who(row) + " [" +
                      std::string(to_string(row.state)) + "]";
        if (row.name == pinned && row.state == PluginState::registered) served = true;
      }
    }
    if (served) continue;
    return std::make_exception_ptr(
        ConfigError(option_names_.prefer, 0, 0,
                    "the pin \"" + label + "\" = \"" + pinned +
                        "\" names a plugin that does not serve " + label + "; " +
                        (candidates.empty() ? "no plugin contributes " + label
                                            : "the candidates are " + candidates) +
                        ". Pin one of them, or remove the pin"));
  }
  return nullptr;
}

std::vector<Choice> ConflictCheck::choices(const std::vector<PluginRow>& rows) const {
  // Who lost each key as a duplicate, gathered in one pass: comparing every choice with every row
  // made a start with 10,000 plugins spend most of its time here.
  std::unordered_map<std::string, std::vector<Choice::Loser>> duplicates;
  for (const PluginRow& other : rows) {
    if (other.state != PluginState::duplicate) continue;
    for (const Contribution& oc : other.contributions) {
      duplicates[oc.label()].push_back(Choice::Loser{other.name, other.origin});
    }
  }
  std::vector<Choice> out;
  std::size_t contributions = 0;
  for (const PluginRow& row : rows) contributions += row.contributions.size();
  out.reserve(contributions);
  for (const PluginRow& row : rows) {
    if (row.state != PluginState::registered) continue;
    for (const Contribution& c : row.contributions) {
      if (dropped(row, c)) continue;
      Choice choice;
      choice.key = c.label();
      choice.plugin = row.name;
      choice.origin = row.origin;
      if (prefer_.count(choice.key) != 0) {
        choice.why = Choice::Why::pin;
        for (const Shadow& s : shadows_) {
          if (s.key == choice.key) choice.losers.push_back(Choice::Loser{s.loser, s.origin});
        }
      }
      for (const Override& o : overrides_) {
        if (o.plugin == row.name && o.family == c.family && o.sdk == c.sdk) {
          if (choice.why != Choice::Why::pin) choice.why = Choice::Why::builtin_override;
          choice.losers.push_back(Choice::Loser{o.builtin, "builtin"});
        }
      }
      if (choice.why == Choice::Why::only_candidate) {
        if (auto lost = duplicates.find(choice.key); lost != duplicates.end()) {
          choice.why = Choice::Why::first_found;
          choice.losers.insert(choice.losers.end(), lost->second.begin(), lost->second.end());
        }
      }
      out.push_back(std::move(choice));
    }
  }
  return out;
}

// What to do about NEWCOMER colliding with HOLDER: a denylist entry that denies exactly one of them
// (the newcomer first, by file stem first: that never opens the file), or, when every entry would
// deny both, removing or renaming one.
std::string ConflictCheck::remedy(const PluginRow& newcomer, const PluginRow& holder) const {
  auto stem = [](const PluginRow& row) {
    return row.builtin ? std::string() : file_stem(row.origin);
  };
  auto denies = [&](const PluginRow& row, const std::string& entry) {
    return entry == row.name || (!row.builtin && entry == stem(row));
  };
  for (const PluginRow* target : {&newcomer, &holder}) {
    const PluginRow& other = target == &newcomer ? holder : newcomer;
    if (target->core_unconditional) continue;
    for (const std::string& entry : {stem(*target), target->name}) {
      if (!entry.empty() && !denies(other, entry)) {
        return ". Remove one of them, or add \"" + entry + "\" to " + denylist(option_names_) + ".";
      }
    }
  }
  return ". Remove or rename one of the files: every entry of " + denylist(option_names_) +
         " that matches one of them also matches the other.";
}

}  // namespace seam::detail
