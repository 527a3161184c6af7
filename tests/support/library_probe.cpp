#include "library_probe.hpp"

#include <dlfcn.h>

namespace seam::test {

bool is_loaded(const std::filesystem::path& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);  // RTLD_NOLOAD still took a reference
  return true;
}

}  // namespace seam::test
