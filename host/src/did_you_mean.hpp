// "Did you mean ...?" for a name the user typed that is not among the known ones.
#pragma once

#include <string>
#include <vector>

namespace seam::host {

// The edit distance (insertions, deletions, substitutions, adjacent swaps) between A and B.
std::size_t edit_distance(const std::string& a, const std::string& b);

// " Did you mean 'X'?" for the known name closest to NAME when it is a likely typo (one edit for
// short names, two for names of six characters or more); empty otherwise.
std::string did_you_mean(const std::string& name, const std::vector<std::string>& known);

}  // namespace seam::host
