// Probing a declared optional library: is it installed, and under which file name.
#pragma once

#include <seam/loader/export.hpp>

#include <string>

#include <seam/loader/report.hpp>

namespace seam {

struct DependencyProbe {
  bool found = false;
  std::string candidate;  // the file name that loaded, when found
  std::string why;        // every attempt's error, when not found
};

// Tries DEPENDENCY's candidates in order by loading each (and unloading it again). Loads only the
// library, never a plugin's code.
SEAM_LOADER_EXPORT DependencyProbe probe_dependency(const DependencyInfo& dependency);

}  // namespace seam
