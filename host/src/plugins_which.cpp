#include "plugins_which.hpp"

#include <seam/loader/errors.hpp>
#include <seam/loader/printable.hpp>

#include "did_you_mean.hpp"

namespace seam::host {

namespace {

std::string why_text(const Choice& choice) {
  switch (choice.why) {
    case Choice::Why::only_candidate:
      return "it is the only plugin that contributes " + choice.key;
    case Choice::Why::pin:
      return "it is pinned (prefer \"" + choice.key + "\" = \"" + choice.plugin +
             "\": [plugins] prefer, LoaderOptions::prefer or seam run --plugin)";
    case Choice::Why::builtin_override:
      return "it overrides the builtin (SEAM_BACKEND_OVERRIDES_BUILTIN)";
    case Choice::Why::first_found:
      return "it was found first; the others are duplicate problems until one is pinned "
             "([plugins] prefer = { \"" +
             choice.key + "\" = \"NAME\" })";
  }
  return "";
}

}  // namespace

void plugins_which(const Loader& loader, const std::string& key, std::ostream& out) {
  std::vector<std::string> keys;
  for (const Choice& choice : loader.choices()) {
    if (choice.key != key) {
      keys.push_back(choice.key);
      continue;
    }
    out << printable_text(key + " is served by plugin '" + choice.plugin + "'") << '\n'
        << "  from: " << printable_text(choice.origin) << '\n'
        << "  why:  " << printable_text(why_text(choice)) << " [" << to_string(choice.why) << "]\n";
    for (const Choice::Loser& loser : choice.losers) {
      const char* label = choice.why == Choice::Why::pin                ? "shadowed:   "
                          : choice.why == Choice::Why::builtin_override ? "overridden: "
                                                                        : "duplicate:  ";
      out << "  " << label << printable_text("'" + loser.name + "' (" + loser.origin + ")") << '\n';
    }
    return;
  }
  std::string message = "No plugin serves " + key + ".";
  // A key that lost every candidate to a problem still shows up in the report.
  for (const PluginRow& row : loader.report()) {
    for (const Contribution& c : row.contributions) {
      if (c.label() == key) {
        message += " Plugin '" + row.name + "' (" + row.origin + ") contributes it but is " +
                   std::string(to_string(row.state)) +
                   (row.reason.empty() ? "." : ": " + row.reason);
      }
    }
  }
  if (key.find(':') == std::string::npos) {
    message += " Write the key as family:sdk (llm:openai) or lister:sdk.";
  }
  message += did_you_mean(key, keys);
  throw InferenceBackendNotFoundError(message + " See `seam plugins list` for what is installed.");
}

}  // namespace seam::host
