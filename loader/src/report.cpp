#include <seam/loader/choice.hpp>
#include <seam/loader/report.hpp>

namespace seam {

std::string_view to_string(PluginState state) {
  switch (state) {
    case PluginState::registered:
      return "registered";
    case PluginState::disabled:
      return "disabled";
    case PluginState::broken:
      return "broken";
    case PluginState::incompatible:
      return "incompatible";
    case PluginState::duplicate:
      return "duplicate";
    case PluginState::untrusted:
      return "untrusted";
    case PluginState::shadowed:
      return "shadowed";
    case PluginState::filtered:
      return "filtered";
  }
  return "unknown";
}

std::string_view to_string(Choice::Why why) {
  switch (why) {
    case Choice::Why::only_candidate:
      return "only candidate";
    case Choice::Why::pin:
      return "pin";
    case Choice::Why::builtin_override:
      return "builtin override";
    case Choice::Why::first_found:
      return "first found";
  }
  return "unknown";
}

std::string Contribution::label() const {
  return (kind == Kind::lister ? std::string("lister") : family) + ":" + sdk;
}

}  // namespace seam
