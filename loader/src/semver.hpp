// Semantic versions, and the comparison lists of seam_plugin_descriptor.host_version_range.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace seam::detail {

// Each part as its decimal digits, without leading zeros: semver sets no bound on a number, so
// neither does this (a 10- or 30-digit part is as valid as "1").
struct Version {
  std::string major = "0", minor = "0", patch = "0";
};

// Parses a full semver "MAJOR.MINOR.PATCH[-pre][+build]"; nullopt when malformed.
std::optional<Version> parse_semver(std::string_view text);

// Checks VERSION against RANGE, a comma-separated list of comparisons such as ">=0.1.0, <2"
// (operators = == > >= < <=; partial versions like "2" or "1.4" fill zeros). Returns "" when it is
// satisfied, otherwise why not (including "malformed range" messages).
std::string range_problem(std::string_view range, const Version& version);

}  // namespace seam::detail
