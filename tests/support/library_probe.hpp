// Whether a library is mapped into this process, to check when the loader unloads a plugin.
#pragma once

#include <filesystem>

namespace seam::test {

// True when FILE is mapped right now (dlopen with RTLD_NOLOAD, which maps nothing new).
bool is_loaded(const std::filesystem::path& file);

}  // namespace seam::test
