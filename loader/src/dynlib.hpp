// The one place that touches the platform for plugin files: opening shared libraries (dlopen/dlsym/
// dlclose on POSIX, LoadLibraryW/GetProcAddress/FreeLibrary on Windows), listing a plugin folder,
// identifying a file version (size, mtime in ns, inode), writing the registry cache durably, and
// finding the loader's own module. Everything platform-specific about libraries lives here.
#pragma once

#include <cstdint>
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

// A plugin file found in a directory, with its identity when that was asked for.
struct DirectoryFile {
  std::string name;
  bool identified = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  // Why the file itself is not a trusted location (see untrusted_because), when that was asked.
  std::string untrusted;
  // The name is a symbolic link (POSIX; when the listing says so).
  bool link = false;
};

// The regular files (links followed) directly in DIR whose names end in a plugin suffix, and for
// each subfolder NAME the file NAME/NAME.<suffix> (named so, relative to DIR), unsorted, by name
// alone: a path object per file costs more than the listing.
// WITH_IDENTITY also reads each one's identity, in the same pass: on POSIX readdir plus one
// fstatat relative to the open directory per file, which is all a warm start should cost. False
// with ERROR when DIR cannot be read.
// WITH_TRUST also checks each file's owner and mode in the same stat.
bool list_plugin_files(const std::filesystem::path& dir, bool with_identity, bool with_trust,
                       std::vector<DirectoryFile>& files, std::string& error);

// Why PATH is not a trusted location, or empty when it is. Trusted: owned by the effective user or
// root, and not writable by group or others (a root-owned folder with the sticky bit, such as
// /tmp, is trusted too). With ANCESTORS every folder above PATH must be trusted as well, so nobody
// else can swap a folder on the way. The rule git applies to repositories; always trusted on
// Windows.
std::string untrusted_because(const std::filesystem::path& path, bool ancestors);

// True when the process runs with privileges its caller does not have: the kernel says so
// (AT_SECURE: setuid, setgid, file capabilities) or the real and effective ids differ.
bool process_is_elevated() noexcept;

// Reads FILE without following a symlink, only when it is a regular file owned by the effective
// user and not writable by group or others. False with ERROR saying why otherwise.
bool read_private_file(const std::filesystem::path& file, std::string& text, std::string& error);

// A path as the UTF-8 text rows, messages and the registry cache use, and that text as a path
// again. On Windows std::filesystem's narrow strings are not UTF-8 both ways, so these go through
// u8string/u8path; elsewhere the bytes are taken as they are.
std::string path_text(const std::filesystem::path& path);
std::filesystem::path text_path(const std::string& text);

// Size, modification time in nanoseconds and inode (file index on Windows) of FILE; false when it
// cannot be read.
bool file_identity(const std::filesystem::path& file, std::uint64_t& size, std::int64_t& mtime_ns,
                   std::uint64_t& inode);

// Writes TEXT to FILE so that a reader sees the old or the new content, never a mix: a private
// temp file (mode 0600, created exclusively with a random name) in the same folder, flushed to
// disk, renamed over FILE. Creates missing folders with mode 0700. False with ERROR on failure.
bool write_file_atomically(const std::filesystem::path& file, const std::string& text,
                           std::string& error);

// The file of the executable or shared library this loader is linked into.
std::filesystem::path loader_module_path();

// The separator of path lists such as SEAM_PLUGIN_PATH: ';' on Windows, ':' elsewhere.
char path_list_separator() noexcept;

}  // namespace seam::detail
