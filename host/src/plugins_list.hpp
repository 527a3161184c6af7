// `seam plugins list`: the diagnostic. Prints every row of the loader's report, as an aligned table
// or as JSON, and never fails because a plugin is broken.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

namespace seam::host {

// The report as one JSON object: {"ok", "plugins":[...], "problems":[{"kind","message"}]}.
nlohmann::json report_json(const Loader& loader);

// The report as a table with a reason line under each rejected row and a summary line.
void print_report_table(const Loader& loader, std::ostream& out);

// Prints the report (JSON when AS_JSON) and returns the exit code: 0 or kExitPluginProblems.
int plugins_list(const Loader& loader, bool as_json, std::ostream& out);

}  // namespace seam::host
