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
  }
  return "unknown";
}

std::string Contribution::label() const {
  return (kind == Kind::lister ? std::string("lister") : family) + ":" + sdk;
}

}  // namespace seam
