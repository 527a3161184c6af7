// `seam plugins list --explain`: how each row came to be (cache hit or miss and why, each file's
// own scan time), the library or symbol a file that cannot be loaded is missing, and a loud line when no
// plugin file is usable.
#pragma once

#include <ostream>
#include <string>

#include <seam/loader/loader.hpp>

#include "json_writer.hpp"

namespace seam::host {

// What a row's load failure comes down to, from the loader's message and the file's DT_NEEDED
// entries and undefined symbols (libelf): the missing library, or the undefined symbol. Empty when
// neither applies.
struct LoadFailure {
  std::string missing_library;
  bool missing_library_is_direct = false;  // a DT_NEEDED entry of the file itself
  std::string undefined_symbol;
  bool undefined_symbol_is_direct = false;  // the file's own reference, not a library's
};
LoadFailure load_failure_of(const PluginRow& row);

// The explanation as text, after the table.
void print_explanation(const Loader& loader, std::ostream& out);

// The "explain" member of the JSON report: {"rows":[...], "scan_time_us", "usable_plugin_files"};
// each row has "scan_time_us" (its own scan) when this start scanned its file.
void write_explanation(JsonWriter& w, const Loader& loader);

}  // namespace seam::host
