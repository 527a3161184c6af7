#include "plugin_explain.hpp"

#include <seam/loader/printable.hpp>

#include <chrono>
#include <cstdio>

#include "elf_inspection.hpp"
#include "plugins_list.hpp"

namespace seam::host {

namespace {

// The word after MARKER in TEXT, up to a blank, comma or colon, without a closing full stop
// ("undefined symbol: foo, version X", "undefined symbol: foo.").
std::string word_after(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  if (at == std::string::npos) return "";
  auto start = at + marker.size();
  while (start < text.size() && text[start] == ' ') ++start;
  auto end = text.find_first_of(" ,:;()'\"", start);
  std::string word = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  // The loader ends the dynamic loader's message with a full stop.
  while (!word.empty() && word.back() == '.') word.pop_back();
  return word;
}

// The library dlopen could not find: the text before ": cannot open shared object file".
std::string unopenable_library(const std::string& text) {
  const auto at = text.find(": cannot open shared object file");
  if (at == std::string::npos) return "";
  auto start = text.find_last_of(" '\"(", at);
  start = start == std::string::npos ? 0 : start + 1;
  return text.substr(start, at - start);
}

std::string milliseconds(std::chrono::microseconds time) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(time.count()) / 1000.0);
  return text;
}

bool is_usable_file(const PluginRow& row) {
  return !row.builtin && row.state == PluginState::registered;
}

}  // namespace

LoadFailure load_failure_of(const PluginRow& row) {
  LoadFailure failure;
  if (row.builtin || row.state != PluginState::broken) return failure;
  failure.undefined_symbol = word_after(row.reason, "undefined symbol:");
  std::string missing = unopenable_library(row.reason);
  // dlopen names the plugin itself when the plugin's file is the one it cannot open.
  if (missing == row.origin) missing.clear();
  if (missing.empty() && failure.undefined_symbol.empty()) return failure;
  failure.missing_library = missing;
  // dlopen says what is missing, not whose need it is: the file's own headers tell.
  const ElfFacts facts = read_elf_facts(row.origin);
  for (const auto& needed : facts.needed) {
    if (!missing.empty() && needed == missing) failure.missing_library_is_direct = true;
  }
  for (const auto& symbol : facts.undefined) {
    if (symbol == failure.undefined_symbol) failure.undefined_symbol_is_direct = true;
  }
  return failure;
}

void print_explanation(const Loader& loader, std::ostream& out) {
  out << "\nHow each row came to be:\n";
  const auto& rows = loader.report();
  const auto& traces = loader.traces();
  std::size_t usable = 0, files = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const PluginRow& row = rows[i];
    if (!row.builtin) ++files;
    if (is_usable_file(row)) ++usable;
    out << "  " << printable_text(row.name) << ": "
        << (i < traces.size() ? traces[i].source : std::string("?")) << "; " << to_string(row.state);
    if (i < traces.size() && traces[i].scanned) {
      out << "; scan " << milliseconds(traces[i].scan_time) << " ms";
    }
    out << '\n';
    const LoadFailure failure = load_failure_of(row);
    if (!failure.missing_library.empty()) {
      out << "    missing library: " << printable_text(failure.missing_library)
          << (failure.missing_library_is_direct ? " (a DT_NEEDED entry of the plugin file)"
                                                : " (needed by a library the plugin needs)")
          << '\n';
    }
    if (!failure.undefined_symbol.empty()) {
      out << "    undefined symbol: " << printable_text(failure.undefined_symbol)
          << (failure.undefined_symbol_is_direct
                  ? " (the plugin file uses it; no library it loads defines it)"
                  : " (used by a library the plugin needs)")
          << '\n';
    }
  }
  out << "Scan time of the files without a cache record, all together (wall clock; scanners run "
         "in parallel): "
      << milliseconds(loader.scan_time()) << " ms\n";
  print_folders(loader, out);
  if (usable == 0) {
    std::string folders;
    for (const SearchedFolder& folder : loader.searched_folders()) {
      folders += (folders.empty() ? "" : ", ") + folder.path.string() +
                 (folder.exists ? "" : " (does not exist)");
    }
    out << "\nNO USABLE PLUGIN FILES: "
        << (files == 0 ? std::string("no plugin file was found")
                       : std::to_string(files) + " plugin file(s) found, none usable (see above)")
        << " in the folders searched: " << (folders.empty() ? "none" : folders)
        << ". Only builtins are available.\n";
  }
}

void write_explanation(JsonWriter& w, const Loader& loader) {
  const auto& rows = loader.report();
  const auto& traces = loader.traces();
  std::size_t usable = 0;
  w.begin_object();
  w.key("rows");
  w.begin_array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const PluginRow& row = rows[i];
    if (is_usable_file(row)) ++usable;
    const LoadFailure failure = load_failure_of(row);
    w.begin_object();
    w.key("cache_hit");
    w.boolean(i < traces.size() && traces[i].cache_hit);
    if (!failure.missing_library.empty()) {
      w.key("missing_library");
      w.string(failure.missing_library);
      w.key("missing_library_is_direct");
      w.boolean(failure.missing_library_is_direct);
    }
    w.key("name");
    w.string(row.name);
    w.key("origin");
    w.string(row.origin);
    if (i < traces.size() && traces[i].scanned) {
      w.key("scan_time_us");
      w.number(static_cast<long long>(traces[i].scan_time.count()));
    }
    w.key("source");
    w.string(i < traces.size() ? traces[i].source : std::string());
    if (!failure.undefined_symbol.empty()) {
      w.key("undefined_symbol");
      w.string(failure.undefined_symbol);
      w.key("undefined_symbol_is_direct");
      w.boolean(failure.undefined_symbol_is_direct);
    }
    w.end_object();
  }
  w.end_array();
  w.key("scan_time_us");
  w.number(static_cast<long long>(loader.scan_time().count()));
  w.key("usable_plugin_files");
  w.number(usable);
  w.end_object();
}

}  // namespace seam::host
