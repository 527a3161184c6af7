// The one place that opens shared libraries: dlopen/dlsym/dlclose on POSIX, LoadLibraryW/
// GetProcAddress/FreeLibrary on Windows. Everything platform-specific about libraries lives here.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace seam::detail {

class DynLib {
 public:
  DynLib() = default;
  DynLib(DynLib&& other) noexcept;
  DynLib& operator=(DynLib&& other) noexcept;
  DynLib(const DynLib&) = delete;
  DynLib& operator=(const DynLib&) = delete;
  ~DynLib();

  // Opens the library at PATH, resolving all its symbols now. On failure returns an empty DynLib
  // and sets ERROR to the system's explanation.
  static DynLib open(const std::filesystem::path& path, std::string& error);
  // Opens a library by file name through the system's search path ("libsqlite3.so.0").
  static DynLib open_by_name(const std::string& name, std::string& error);

  // The address of SYMBOL, or nullptr.
  void* symbol(const char* name) const noexcept;
  explicit operator bool() const noexcept { return handle_ != nullptr; }

 private:
  explicit DynLib(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

// The file suffixes of loadable libraries on this platform, e.g. {".so"}.
const std::vector<std::string>& plugin_suffixes();

// The separator of path lists such as SEAM_PLUGIN_PATH: ';' on Windows, ':' elsewhere.
char path_list_separator() noexcept;

}  // namespace seam::detail
