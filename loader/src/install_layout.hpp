// Where the installation this loader belongs to keeps its scanner, the HTTP service's module and
// its system plugin folder, found from the loader's own file: never from argv[0], PATH or the
// current directory.
#pragma once

#include <filesystem>

namespace seam::detail {

// The prefix of the installation (or build tree) the loader's file sits in: the shared library's
// folder is <prefix>/lib, an executable's that links the loader statically is <prefix>/bin. Empty
// when the loader cannot tell where its file is.
std::filesystem::path installation_prefix();

// <prefix>/libexec/seam/seam-plugin-scanner (.exe on Windows).
std::filesystem::path default_scanner_path();

}  // namespace seam::detail
