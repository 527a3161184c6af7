// How the loader's messages point at the host's options (LoaderOptions::names): "the denylist
// (disabled)" for a C, C++ or Python host, "the denylist ([plugins] disabled)" for `seam`.
#pragma once

#include <string>

#include <seam/loader/options.hpp>

namespace seam::detail {

// "the denylist (NAME)", NAME being how the host's users reach LoaderOptions::disabled.
std::string denylist(const OptionNames& names = {});

// TEXT with the default option names replaced by NAMES. Messages made where the host's names are
// unknown (in the scanner process, or kept in the registry cache, which every host of the user
// shares) use the defaults; the loader puts its host's names in when it adopts them.
std::string with_names(std::string text, const OptionNames& names);

}  // namespace seam::detail
