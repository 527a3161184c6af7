#include "plugin_check.hpp"

#include <seam/loader/inspect.hpp>
#include <seam/loader/printable.hpp>

#include "elf_inspection.hpp"
#include "isolated_call.hpp"

namespace seam::host {

namespace {

nlohmann::json labels(const std::vector<Contribution>& contributions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : contributions) out.push_back(c.label());
  return out;
}

// What the child sends back: the inspection, flattened to JSON.
std::string inspection_json(const std::filesystem::path& file, const std::string& host_version) {
  PluginInspection inspection = inspect_plugin_file(file, 2, host_version);
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& run : inspection.runs) {
    runs.push_back(
        {{"contributions", labels(run.contributions)}, {"duration_ns", run.duration.count()}});
  }
  const PluginRow& row = inspection.row;
  return nlohmann::json{{"name", row.name},
                        {"version", row.version},
                        {"api_version", row.api_version},
                        {"state", std::string(to_string(row.state))},
                        {"reason", row.reason},
                        {"error_kind", row.error_kind},
                        {"runs", runs}}
      .dump();
}

void check_elf(const std::filesystem::path& file, CheckResult& result) {
  ElfFacts elf = read_elf_facts(file);
  if (!elf.is_elf) {
    result.findings.push_back({"error", "file", "not a loadable ELF shared library: " + elf.error});
    return;
  }
  std::string others;
  bool has_entry = false;
  for (const auto& name : elf.exports) {
    if (name == "seam_plugin_entry") {
      has_entry = true;
    } else {
      others += (others.empty() ? "" : ", ") + name;
    }
  }
  result.findings.push_back(has_entry ? Finding{"ok", "exports", "exports seam_plugin_entry"}
                                      : Finding{"error", "exports",
                                                "does not export seam_plugin_entry: define it with "
                                                "SEAM_PLUGIN(&descriptor)"});
  if (!others.empty()) {
    result.findings.push_back(
        {"warning", "exports",
         "exports symbols other than seam_plugin_entry (" + others +
             "): build with -fvisibility=hidden so only the entry point is visible"});
  }
  for (const auto& lib : elf.needed) {
    if (is_runtime_library(lib)) continue;
    if (const std::string sanitizer = sanitizer_runtime(lib); !sanitizer.empty()) {
      result.findings.push_back({"ok", "needed",
                                 "links " + lib + ", the " + sanitizer +
                                     " runtime a sanitizer build adds to every library; a "
                                     "release build of the plugin does not link it"});
      continue;
    }
    result.findings.push_back(
        {"error", "needed",
         "links " + lib +
             ", which is loaded at discovery: declare it as a dependency instead "
             "(seam_backend_def.dependencies) and resolve it with host->require on first use"});
  }
}

void check_behaviour(const nlohmann::json& seen, CheckResult& result) {
  result.plugin = {{"name", seen.value("name", "")},
                   {"version", seen.value("version", "")},
                   {"api_version", seen.value("api_version", 0)}};
  const auto& runs = seen.at("runs");
  if (seen.value("state", "") != "registered") {
    result.findings.push_back(
        {"error", "descriptor", seen.value("error_kind", "") + ": " + seen.value("reason", "")});
    return;
  }
  result.findings.push_back({"ok", "descriptor",
                             "plugin '" + seen.value("name", "") + "' " +
                                 seen.value("version", "") + ", API version " +
                                 std::to_string(seen.value("api_version", 0))});
  if (runs.size() == 2 && runs[0].at("contributions") != runs[1].at("contributions")) {
    result.findings.push_back({"error", "register",
                               "register is not repeatable: the first run registered " +
                                   runs[0].at("contributions").dump() + ", the second " +
                                   runs[1].at("contributions").dump() +
                                   "; register must be side-effect free"});
  } else {
    result.findings.push_back(
        {"ok", "register",
         "register registers the same contributions twice: " + runs[0].at("contributions").dump()});
  }
  for (const auto& run : runs) {
    const double ms = run.value("duration_ns", 0) / 1e6;
    const std::string text = "register took " + std::to_string(ms) + " ms";
    result.findings.push_back(
        ms > 10.0 ? Finding{"warning", "register-time",
                            text + ": keep register cheap, it runs at every cold start"}
                  : Finding{"ok", "register-time", text});
  }
}

}  // namespace

bool CheckResult::ok() const {
  for (const auto& f : findings) {
    if (f.severity == "error") return false;
  }
  return true;
}

nlohmann::json CheckResult::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) {
    list.push_back({{"severity", f.severity}, {"check", f.check}, {"message", f.message}});
  }
  return {{"file", file.string()}, {"ok", ok()}, {"plugin", plugin}, {"findings", list}};
}

CheckResult check_plugin(const std::filesystem::path& file, std::chrono::milliseconds timeout,
                         const std::string& host_version) {
  CheckResult result;
  result.file = file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    result.findings.push_back({"error", "file", "no such file: " + file.string()});
    return result;
  }
  check_elf(file, result);
  IsolatedOutcome outcome =
      run_isolated([&] { return inspection_json(file, host_version); }, timeout);
  if (!outcome.finished || outcome.exit_code != 0) {
    result.findings.push_back(
        {"error", "load",
         "loading the plugin and running its register " + outcome.describe(timeout)});
    return result;
  }
  nlohmann::json seen = nlohmann::json::parse(outcome.output, nullptr, false);
  if (seen.is_discarded()) {
    result.findings.push_back({"error", "load", "the inspection produced no readable result"});
    return result;
  }
  check_behaviour(seen, result);
  return result;
}

void print_check(const CheckResult& result, std::ostream& out) {
  // File names, exports and messages are the plugin's bytes: escaped for the terminal.
  out << "Checking " << printable_text(result.file.string()) << '\n';
  int errors = 0, warnings = 0;
  for (const auto& f : result.findings) {
    out << "  " << f.severity << std::string(9 - f.severity.size(), ' ') << f.check
        << std::string(f.check.size() < 14 ? 14 - f.check.size() : 1, ' ')
        << printable_text(f.message) << '\n';
    errors += f.severity == "error";
    warnings += f.severity == "warning";
  }
  out << (errors ? "FAILED" : "PASSED") << ": " << errors << " error(s), " << warnings
      << " warning(s)\n";
}

}  // namespace seam::host
