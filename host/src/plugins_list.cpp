#include "plugins_list.hpp"

#include <seam/loader/security.hpp>

#include <algorithm>
#include <array>
#include <map>

#include <seam/loader/dependencies.hpp>
#include <seam/loader/printable.hpp>

#include "exit_codes.hpp"
#include "json_writer.hpp"
#include "plugin_explain.hpp"

namespace seam::host {

namespace {

// Members are written in sorted key order: the output used to be a default nlohmann::json object,
// whose keys are sorted, and scripts may compare it byte for byte.
void write_contribution(JsonWriter& w, const Contribution& c, bool probe) {
  w.begin_object();
  w.key("dependencies");
  w.begin_array();
  for (const auto& d : c.dependencies) {
    w.begin_object();
    DependencyProbe found;
    if (probe) {
      found = probe_dependency(d);
      if (found.found) {
        w.key("candidate");
        w.string(found.candidate);
      }
    }
    w.key("candidates");
    w.begin_array();
    for (const auto& candidate : d.candidates) w.string(candidate);
    w.end_array();
    if (probe) {
      w.key("found");
      w.boolean(found.found);
    }
    w.key("install_hint");
    w.string(d.install_hint);
    w.key("name");
    w.string(d.name);
    if (probe && !found.found) {
      w.key("why");
      w.string(found.why);
    }
    w.end_object();
  }
  w.end_array();
  w.key("family");
  w.string(c.family);
  w.key("flags");
  w.number(c.flags);
  w.key("kind");
  w.string(c.kind == Contribution::Kind::lister ? "lister" : "backend");
  w.key("label");
  w.string(c.label());
  w.key("sdk");
  w.string(c.sdk);
  w.end_object();
}

void write_row(JsonWriter& w, const PluginRow& row, bool probe) {
  w.begin_object();
  w.key("api_version");
  w.number(row.api_version);
  w.key("builtin");
  w.boolean(row.builtin);
  w.key("contributions");
  w.begin_array();
  for (const auto& c : row.contributions) write_contribution(w, c, probe);
  w.end_array();
  w.key("core_unconditional");
  w.boolean(row.core_unconditional);
  w.key("description");
  w.string(row.description);
  w.key("error_kind");
  w.string(row.error_kind);
  w.key("name");
  w.string(row.name);
  w.key("origin");
  w.string(row.origin);
  w.key("reason");
  w.string(row.reason);
  w.key("state");
  w.string(to_string(row.state));
  w.key("vendor");
  w.string(row.vendor);
  w.key("version");
  w.string(row.version);
  w.end_object();
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

namespace {

void write_report(JsonWriter& w, const std::vector<PluginRow>& report,
                  const std::vector<std::exception_ptr>& problems, bool probe);

}  // namespace

std::string report_json(const std::vector<PluginRow>& report,
                        const std::vector<std::exception_ptr>& problems, bool probe) {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  write_report(w, report, problems, probe);
  w.end_object();
  return text;
}

void write_report_json(const Loader& loader, bool probe, bool explain, std::ostream& out) {
  constexpr std::size_t kChunk = 64 * 1024;
  std::string text;
  text.reserve(kChunk + kChunk / 2);
  JsonWriter w(text, out, kChunk);
  w.begin_object();
  if (explain) {
    w.key("explain");
    write_explanation(w, loader);
  }
  // Keys in the order a JSON DOM sorts them, as everywhere in this report.
  w.key("folders");
  w.begin_array();
  for (const SearchedFolder& folder : loader.searched_folders()) {
    w.begin_object();
    w.key("exists");
    w.boolean(folder.exists);
    w.key("origin");
    w.string(std::string(to_string(folder.origin)));
    w.key("path");
    w.string(folder.path.string());
    w.end_object();
  }
  w.end_array();
  write_report(w, loader.report(), loader.problems(), probe);
  w.end_object();
  text += '\n';
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void print_folders(const Loader& loader, std::ostream& out) {
  out << "\nPlugin folders, in search order:\n";
  std::size_t width = 0;
  for (const SearchedFolder& folder : loader.searched_folders()) {
    width = std::max(width, to_string(folder.origin).size());
  }
  for (const SearchedFolder& folder : loader.searched_folders()) {
    const std::string_view origin = to_string(folder.origin);
    out << "  " << origin << std::string(width - origin.size() + 2, ' ') << folder.path.string()
        << (folder.exists ? "" : "  (does not exist)") << '\n';
  }
  if (loader.searched_folders().empty()) out << "  (none)\n";
}

namespace {

void write_report(JsonWriter& w, const std::vector<PluginRow>& report,
                  const std::vector<std::exception_ptr>& problems, bool probe) {
  w.key("ok");
  w.boolean(problems.empty());
  w.key("plugins");
  w.begin_array();
  for (const PluginRow& row : report) write_row(w, row, probe);
  w.end_array();
  w.key("problems");
  w.begin_array();
  for (const auto& problem : problems) {
    try {
      std::rethrow_exception(problem);
    } catch (const Error& e) {
      w.begin_object();
      w.key("kind");
      w.string(e.kind());
      w.key("message");
      w.string(e.what());
      w.end_object();
    }
  }
  w.end_array();
}

}  // namespace

void print_report_table(const Loader& loader, bool probe, std::ostream& out) {
  constexpr std::size_t kColumns = 6;
  const std::array<std::string, kColumns> header{"NAME",  "VERSION", "API",
                                                 "STATE", "ORIGIN",  "CONTRIBUTES"};
  const std::vector<PluginRow>& rows = loader.report();
  // One flat array of cells and one text written at once: a row of vectors and a stream insert
  // per cell cost more than the loader's whole warm start at a thousand plugins.
  std::vector<std::string> cells;
  cells.reserve(rows.size() * kColumns);
  for (const PluginRow& row : rows) {
    // Every cell may hold a plugin's bytes: escaped, so none can steer the terminal.
    cells.push_back(printable_text(row.name));
    cells.push_back(printable_text(or_dash(row.version)));
    cells.push_back(row.api_version ? std::to_string(row.api_version) : "-");
    cells.emplace_back(to_string(row.state));
    cells.push_back(printable_text(row.origin));
    cells.push_back(printable_text(contributions_text(row)));
  }
  std::array<std::size_t, kColumns> width{};
  std::size_t line_width = 0;
  for (std::size_t i = 0; i < kColumns; ++i) {
    width[i] = header[i].size();
    for (std::size_t r = 0; r < rows.size(); ++r)
      width[i] = std::max(width[i], cells[r * kColumns + i].size());
    line_width += width[i] + 2;
  }
  std::string text;
  text.reserve((rows.size() + 1) * line_width);
  auto print_line = [&](const std::string* line) {
    for (std::size_t i = 0; i < kColumns; ++i) {
      text += line[i];
      if (i + 1 < kColumns) text.append(width[i] - line[i].size() + 2, ' ');
    }
    text += '\n';
  };
  print_line(header.data());
  std::map<std::string_view, int> counts;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const PluginRow& row = rows[r];
    print_line(&cells[r * kColumns]);
    if (!row.reason.empty()) text.append("    ").append(printable_text(row.reason)) += '\n';
    for (const auto& c : probe ? row.contributions : std::vector<Contribution>{}) {
      for (const auto& d : c.dependencies) {
        DependencyProbe found = probe_dependency(d);
        text.append("    ").append(printable_text(
            c.label() + " needs " + d.name + ": " +
            (found.found ? "found (" + found.candidate + ")"
                         : "MISSING" + (d.install_hint.empty() ? "" : " - " + d.install_hint))));
        text += '\n';
      }
    }
    ++counts[to_string(row.state)];
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  // Problems no row carries (a pin that cannot hold) would otherwise go unseen in the table.
  for (const auto& problem : loader.problems()) {
    try {
      std::rethrow_exception(problem);
    } catch (const ConfigError& e) {
      out << "error: " << e.kind() << ": " << printable_text(e.what()) << '\n';
    } catch (...) {
    }
  }
  out << '\n' << rows.size() << " plugin(s):";
  const char* separator = " ";
  for (const auto& [state, count] : counts) {
    out << separator << count << ' ' << state;
    separator = ", ";
  }
  out << '\n';
}

int plugins_list(const Loader& loader, const ListOptions& options, std::ostream& out) {
  if (options.json) {
    write_report_json(loader, options.probe, options.explain, out);
  } else {
    print_report_table(loader, options.probe, out);
    if (options.explain) print_explanation(loader, out);
    if (options.folders) {
      if (!options.explain) print_folders(loader, out);
      out << "\nConfiguration file: "
          << (options.config_file ? options.config_file->string() : std::string("none")) << '\n';
      if (secure_mode()) {
        out << "Secure mode: on ("
            << (process_is_elevated() ? "the process is elevated" : "--secure")
            << "); the user plugin folder and ./seam.toml are not used";
        const auto ignored = ignored_environment();
        for (std::size_t i = 0; i < ignored.size(); ++i) {
          out << (i == 0 ? "; ignored: " : ", ") << ignored[i];
        }
        out << '\n';
      } else {
        out << "Secure mode: off\n";
      }
    }
  }
  return loader.ok() ? kExitOk : kExitPluginProblems;
}

}  // namespace seam::host
