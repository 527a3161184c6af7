// Which plugin serves a key ("llm:openai", "lister:openai") and why that one.
#pragma once

#include <seam/loader/export.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace seam {

struct Choice {
  enum class Why {
    only_candidate,    // no other plugin contributes the key
    pin,               // LoaderOptions::prefer ([plugins] prefer, seam run --plugin) chose it
    builtin_override,  // a plugin flagged SEAM_BACKEND_OVERRIDES_BUILTIN replaced the builtin
    first_found,       // others contribute it too and are `duplicate` problems: no pin chose
  };
  // A candidate that lost the key: shadowed by the pin, overridden, or a duplicate.
  struct Loser {
    std::string name;
    std::string origin;
  };
  std::string key;
  std::string plugin;
  std::string origin;  // "builtin" or the plugin file
  Why why = Why::only_candidate;
  std::vector<Loser> losers;
};

// "only candidate", "pin", "builtin override" or "first found".
SEAM_LOADER_EXPORT std::string_view to_string(Choice::Why why);

}  // namespace seam
