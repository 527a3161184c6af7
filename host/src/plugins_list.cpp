#include "plugins_list.hpp"

#include <algorithm>
#include <iomanip>
#include <map>

#include <seam/loader/dependencies.hpp>

#include "exit_codes.hpp"

namespace seam::host {

namespace {

nlohmann::json contribution_json(const Contribution& c, bool probe) {
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : c.dependencies) {
    nlohmann::json dep{
        {"name", d.name}, {"candidates", d.candidates}, {"install_hint", d.install_hint}};
    if (probe) {
      DependencyProbe found = probe_dependency(d);
      dep["found"] = found.found;
      dep[found.found ? "candidate" : "why"] = found.found ? found.candidate : found.why;
    }
    deps.push_back(dep);
  }
  return {{"kind", c.kind == Contribution::Kind::lister ? "lister" : "backend"},
          {"family", c.family},
          {"sdk", c.sdk},
          {"label", c.label()},
          {"flags", c.flags},
          {"dependencies", deps}};
}

std::string contributions_text(const PluginRow& row) {
  std::string text;
  for (const auto& c : row.contributions) text += (text.empty() ? "" : ", ") + c.label();
  return text.empty() ? "-" : text;
}

std::string or_dash(const std::string& s) {
  return s.empty() ? "-" : s;
}

}  // namespace

nlohmann::json report_json(const Loader& loader, bool probe) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const PluginRow& row : loader.report()) {
    nlohmann::json contributions = nlohmann::json::array();
    for (const auto& c : row.contributions) contributions.push_back(contribution_json(c, probe));
    plugins.push_back({{"name", row.name},
                       {"version", row.version},
                       {"description", row.description},
                       {"vendor", row.vendor},
                       {"api_version", row.api_version},
                       {"origin", row.origin},
                       {"builtin", row.builtin},
                       {"core_unconditional", row.core_unconditional},
                       {"state", std::string(to_string(row.state))},
                       {"reason", row.reason},
                       {"error_kind", row.error_kind},
                       {"contributions", contributions}});
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& problem : loader.problems()) {
    try {
      std::rethrow_exception(problem);
    } catch (const Error& e) {
      problems.push_back({{"kind", e.kind()}, {"message", e.what()}});
    }
  }
  return {{"ok", loader.ok()}, {"plugins", plugins}, {"problems", problems}};
}

void print_report_table(const Loader& loader, bool probe, std::ostream& out) {
  const std::vector<std::string> header{"NAME", "VERSION", "API", "STATE", "ORIGIN", "CONTRIBUTES"};
  std::vector<std::vector<std::string>> cells;
  for (const PluginRow& row : loader.report()) {
    cells.push_back({row.name, or_dash(row.version),
                     row.api_version ? std::to_string(row.api_version) : "-",
                     std::string(to_string(row.state)), row.origin, contributions_text(row)});
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    width[i] = header[i].size();
    for (const auto& line : cells) width[i] = std::max(width[i], line[i].size());
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      out << line[i];
      if (i + 1 < line.size()) out << std::string(width[i] - line[i].size() + 2, ' ');
    }
    out << '\n';
  };
  print_line(header);
  std::map<std::string, int> counts;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const PluginRow& row = loader.report()[i];
    print_line(cells[i]);
    if (!row.reason.empty()) out << "    " << row.reason << '\n';
    for (const auto& c : probe ? row.contributions : std::vector<Contribution>{}) {
      for (const auto& d : c.dependencies) {
        DependencyProbe found = probe_dependency(d);
        out << "    " << c.label() << " needs " << d.name << ": "
            << (found.found ? "found (" + found.candidate + ")"
                            : "MISSING" + (d.install_hint.empty() ? "" : " - " + d.install_hint))
            << '\n';
      }
    }
    ++counts[std::string(to_string(row.state))];
  }
  out << '\n' << cells.size() << " plugin(s):";
  const char* separator = " ";
  for (const auto& [state, count] : counts) {
    out << separator << count << ' ' << state;
    separator = ", ";
  }
  out << '\n';
}

int plugins_list(const Loader& loader, const ListOptions& options, std::ostream& out) {
  if (options.json) {
    out << report_json(loader, options.probe).dump(2) << '\n';
  } else {
    print_report_table(loader, options.probe, out);
  }
  return loader.ok() ? kExitOk : kExitPluginProblems;
}

}  // namespace seam::host
