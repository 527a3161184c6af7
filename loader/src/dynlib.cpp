#include "dynlib.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dirent.h>
#include <dlfcn.h>
#if defined(__linux__)
#include <link.h>
#endif
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace seam::detail {

namespace {

#if defined(_WIN32)
std::wstring widen(const std::string& utf8) {
  if (utf8.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring wide(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), wide.data(), n);
  return wide;
}

std::string last_error_text() {
  DWORD code = GetLastError();
  char* buffer = nullptr;
  DWORD n = FormatMessageA(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<LPSTR>(&buffer), 0, nullptr);
  std::string text = n ? std::string(buffer, n) : "error " + std::to_string(code);
  if (buffer) LocalFree(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void* open_native(const std::wstring& path, std::string& error) {
  HMODULE module = LoadLibraryW(path.c_str());
  // Not pinned (GET_MODULE_HANDLE_EX_FLAG_PIN) yet: Windows locks a mapped DLL's file, and a
  // pinned plugin could then never be replaced or removed while the process runs.
  if (!module) error = last_error_text();
  return reinterpret_cast<void*>(module);
}
#else
void* open_native(const char* path, std::string& error) {
  // RTLD_NOW: a plugin with unresolved symbols fails here, at discovery, not at first call.
  // RTLD_LOCAL: two plugins' symbols never interpose on each other.
  // RTLD_NODELETE: plugin code is never unmapped, not even at exit, so a plugin's exit handlers,
  // static destructors and leftover threads never run into unmapped code.
  void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!handle) {
    const char* text = dlerror();
    error = text ? text : "unknown dlopen error";
  }
  return handle;
}
#endif

}  // namespace

DynLib::DynLib(DynLib&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

DynLib& DynLib::operator=(DynLib&& other) noexcept {
  if (this != &other) {
    DynLib old(std::move(*this));
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

DynLib::~DynLib() {
  if (!handle_) return;
#if defined(_WIN32)
  FreeLibrary(reinterpret_cast<HMODULE>(handle_));
#else
  dlclose(handle_);
#endif
}

DynLib DynLib::open(const std::filesystem::path& path, std::string& error) {
#if defined(_WIN32)
  return DynLib(open_native(path.wstring(), error));
#else
  // A bare file name would make dlopen search the system path; a plugin file is always a path.
  std::string text = path.has_parent_path() ? path.string() : "./" + path.string();
  return DynLib(open_native(text.c_str(), error));
#endif
}

DynLib DynLib::open_by_name(const std::string& name, std::string& error) {
#if defined(_WIN32)
  return DynLib(open_native(widen(name), error));
#else
  return DynLib(open_native(name.c_str(), error));
#endif
}

void* DynLib::symbol(const char* name) const noexcept {
  if (!handle_) return nullptr;
#if defined(_WIN32)
  return reinterpret_cast<void*>(GetProcAddress(reinterpret_cast<HMODULE>(handle_), name));
#else
  return dlsym(handle_, name);
#endif
}

namespace {

// The file suffixes of loadable libraries on this platform.
const std::vector<std::string>& plugin_suffixes() {
#if defined(_WIN32)
  static const std::vector<std::string> suffixes{".dll"};
#elif defined(__APPLE__)
  static const std::vector<std::string> suffixes{".dylib", ".so"};
#else
  static const std::vector<std::string> suffixes{".so"};
#endif
  return suffixes;
}

bool has_plugin_suffix(const std::string& name) {
  for (const std::string& suffix : plugin_suffixes()) {
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

#if !defined(_WIN32)
// Why a file or folder with status ST is not trusted by user ME, or empty. ME is the caller's
// effective user, asked once per folder: a listing of thousands of files would otherwise spend a
// system call per file asking the same question.
std::string untrusted_mode(const struct stat& st, uid_t me) {
  if (st.st_uid != me && st.st_uid != 0) {
    return "is owned by user " + std::to_string(st.st_uid) + ", neither you (" +
           std::to_string(me) + ") nor root";
  }
  const bool sticky_root = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) && st.st_uid == 0;
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !sticky_root) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return std::string("is writable by ") + ((st.st_mode & S_IWOTH) ? "others" : "its group") +
           " (mode " + mode + ")";
  }
  return {};
}
#endif

}  // namespace

std::string untrusted_because(const std::filesystem::path& path, bool ancestors) {
#if defined(_WIN32)
  (void)path, (void)ancestors;
  return {};
#else
  std::error_code ec;
  std::filesystem::path at = std::filesystem::absolute(path, ec);
  if (ec) at = path;
  for (;;) {
    struct stat st;
    // Links are followed: what matters is where the bytes are, and every folder on the way to
    // the link's target is checked when the target is (canonical paths, below).
    if (::stat(at.c_str(), &st) == 0) {
      std::string why = untrusted_mode(st, ::geteuid());
      if (!why.empty()) return "'" + at.string() + "' " + why;
    }
    if (!ancestors || !at.has_parent_path() || at.parent_path() == at) return {};
    at = at.parent_path();
  }
#endif
}

bool process_is_elevated() noexcept {
#if defined(_WIN32)
  return false;
#else
  if (::getauxval(AT_SECURE) != 0) return true;
  return ::getuid() != ::geteuid() || ::getgid() != ::getegid();
#endif
}

bool read_private_file(const std::filesystem::path& file, std::string& text, std::string& error) {
#if defined(_WIN32)
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot be opened";
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), {});
  return true;
#else
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = errno == ELOOP ? "is a symbolic link" : std::strerror(errno);
    return false;
  }
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  if (ok && !S_ISREG(st.st_mode)) {
    error = "is not a regular file";
    ok = false;
  } else if (ok && st.st_uid != ::geteuid()) {
    error = "is owned by user " + std::to_string(st.st_uid) + ", not you";
    ok = false;
  } else if (ok && (st.st_mode & (S_IWGRP | S_IWOTH))) {
    error = untrusted_mode(st, ::geteuid());
    ok = false;
  }
  if (ok) {
    text.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::read(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    text.resize(done);
  }
  ::close(fd);
  return ok;
#endif
}

std::string path_text(const std::filesystem::path& path) {
#if defined(_WIN32)
  return path.u8string();
#else
  return path.string();
#endif
}

std::filesystem::path text_path(const std::string& text) {
#if defined(_WIN32)
  return std::filesystem::u8path(text);
#else
  return std::filesystem::path(text);
#endif
}

bool list_plugin_files(const std::filesystem::path& dir, bool with_identity, bool with_trust,
                       std::vector<DirectoryFile>& files, std::string& error) {
#if defined(_WIN32)
  (void)with_trust;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    error = ec.message();
    return false;
  }
  for (const auto& entry : it) {
    DirectoryFile file;
    file.name = path_text(entry.path().filename());
    std::error_code type_ec;
    std::filesystem::path path = entry.path();
    if (entry.is_directory(type_ec)) {
      // A plugin with files of its own: NAME/NAME.dll.
      bool found = false;
      for (const std::string& suffix : plugin_suffixes()) {
        std::filesystem::path inner = path / text_path(file.name + suffix);
        if (std::filesystem::is_regular_file(inner, type_ec)) {
          file.name += '/' + file.name + suffix;
          path = inner;
          found = true;
          break;
        }
      }
      if (!found) continue;
    } else if (!has_plugin_suffix(file.name) || !entry.is_regular_file(type_ec)) {
      continue;
    }
    file.identified = with_identity && file_identity(path, file.size, file.mtime_ns, file.inode);
    files.push_back(std::move(file));
  }
  return true;
#else
  DIR* stream = ::opendir(dir.c_str());
  if (stream == nullptr) {
    error = std::strerror(errno);
    return false;
  }
  const int fd = ::dirfd(stream);
  const uid_t me = ::geteuid();
  while (const dirent* entry = ::readdir(stream)) {
    std::string name = entry->d_name;
    if (!has_plugin_suffix(name)) {
      // A plugin with files of its own: NAME/NAME.so. Folders are rare beside plugin files, so
      // this costs a flat folder of plugins nothing.
      if (entry->d_type != DT_DIR && entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN)
        continue;
      if (name == "." || name == "..") continue;
      std::string inner;
      for (const std::string& suffix : plugin_suffixes()) {
        struct stat st;
        std::string candidate = name + '/' + name + suffix;
        if (::fstatat(fd, candidate.c_str(), &st, 0) == 0 && S_ISREG(st.st_mode)) {
          inner = std::move(candidate);
          break;
        }
      }
      if (inner.empty()) continue;
      name = std::move(inner);
    }
    DirectoryFile file;
    // d_type answers "regular file?" without a stat; links and file systems that do not say need
    // one, and so does an identity.
    if (with_identity || with_trust || entry->d_type != DT_REG) {
      struct stat st;
      if (::fstatat(fd, name.c_str(), &st, 0) != 0 || !S_ISREG(st.st_mode)) continue;
      if (with_trust) file.untrusted = untrusted_mode(st, me);
      file.link = entry->d_type == DT_LNK;
      file.identified = true;
      file.size = static_cast<std::uint64_t>(st.st_size);
      file.mtime_ns =
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      file.inode = static_cast<std::uint64_t>(st.st_ino);
    }
    file.name = std::move(name);
    files.push_back(std::move(file));
  }
  ::closedir(stream);
  return true;
#endif
}

bool file_identity(const std::filesystem::path& file, std::uint64_t& size, std::int64_t& mtime_ns,
                   std::uint64_t& inode) {
#if defined(_WIN32)
  HANDLE h = CreateFileW(file.wstring().c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                         OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (h == INVALID_HANDLE_VALUE) return false;
  BY_HANDLE_FILE_INFORMATION info;
  bool ok = GetFileInformationByHandle(h, &info);
  CloseHandle(h);
  if (!ok) return false;
  size = (std::uint64_t(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  std::uint64_t ticks = (std::uint64_t(info.ftLastWriteTime.dwHighDateTime) << 32) |
                        info.ftLastWriteTime.dwLowDateTime;
  mtime_ns = static_cast<std::int64_t>(ticks * 100);
  inode = (std::uint64_t(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
  return true;
#else
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) return false;
  size = static_cast<std::uint64_t>(st.st_size);
  mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  inode = static_cast<std::uint64_t>(st.st_ino);
  return true;
#endif
}

bool write_file_atomically(const std::filesystem::path& file, const std::string& text,
                           std::string& error) {
  std::error_code ec;
#if defined(_WIN32)
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  std::filesystem::path temp = file;
  temp += ".tmp";
  temp += std::to_string(GetCurrentProcessId());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write " + temp.string();
      return false;
    }
  }
  if (!MoveFileExW(temp.wstring().c_str(), file.wstring().c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    error = last_error_text();
    std::filesystem::remove(temp, ec);
    return false;
  }
  return true;
#else
  // Missing folders are created private, one level at a time, so none is ever group-readable.
  std::filesystem::path folder = file.parent_path();
  std::vector<std::filesystem::path> missing;
  for (auto at = folder; !at.empty() && !std::filesystem::exists(at, ec); at = at.parent_path()) {
    missing.push_back(at);
    if (at.parent_path() == at) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) ::mkdir(it->c_str(), 0700);
  std::string pattern = (folder.empty() ? std::filesystem::path(".") : folder) /
                        (file.filename().string() + ".XXXXXX");
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);  // O_EXCL, mode 0600
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  const std::filesystem::path temp = pattern;
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  bool ok = done == text.size() && ::fsync(fd) == 0;
  if (!ok) error = std::strerror(errno);
  ::close(fd);
  if (ok && ::rename(temp.c_str(), file.c_str()) != 0) {
    error = std::strerror(errno);
    ok = false;
  }
  if (!ok) std::filesystem::remove(temp, ec);
  return ok;
#endif
}

std::filesystem::path loader_module_path() {
#if defined(_WIN32)
  HMODULE module = nullptr;
  GetModuleHandleExW(
      GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
      reinterpret_cast<LPCWSTR>(&loader_module_path), &module);
  wchar_t buffer[32768];
  DWORD n = GetModuleFileNameW(module, buffer, 32768);
  return n ? std::filesystem::path(std::wstring(buffer, n)) : std::filesystem::path();
#else
  // A shared library's path comes from its link map. For the main program glibc's dladdr answers
  // argv[0], which the caller chooses: the program's own file comes from the kernel instead.
  Dl_info info{};
#if defined(__linux__)
  link_map* map = nullptr;
  if (dladdr1(reinterpret_cast<void*>(&loader_module_path), &info, reinterpret_cast<void**>(&map),
              RTLD_DL_LINKMAP) &&
      map != nullptr && map->l_name != nullptr && map->l_name[0] != '\0') {
    std::error_code ec;
    auto path = std::filesystem::canonical(map->l_name, ec);
    if (!ec) return path;
  }
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self;
#else
  if (dladdr(reinterpret_cast<void*>(&loader_module_path), &info) && info.dli_fname) {
    std::error_code ec;
    auto path = std::filesystem::canonical(info.dli_fname, ec);
    if (!ec) return path;
  }
  return {};
#endif
#endif
}

#if defined(_WIN32)
bool code_range_of(const void*, std::uintptr_t&, std::uintptr_t&) {
  return false;
}
#else
}  // namespace seam::detail

#include <dlfcn.h>
#include <link.h>  // dl_iterate_phdr, only here

namespace seam::detail {

bool code_range_of(const void* address, std::uintptr_t& begin, std::uintptr_t& end) {
#if defined(DLFO_STRUCT_HAS_EH_DBASE)
  // glibc 2.35+: one lookup, where walking every loaded object made loading N plugins O(N^2).
  dl_find_object found;
  if (_dl_find_object(const_cast<void*>(address), &found) == 0) {
    begin = reinterpret_cast<std::uintptr_t>(found.dlfo_map_start);
    end = reinterpret_cast<std::uintptr_t>(found.dlfo_map_end);
    return true;
  }
  return false;
#else
  struct Search {
    std::uintptr_t address, begin = 0, end = 0;
    bool found = false;
  } search{reinterpret_cast<std::uintptr_t>(address)};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        auto* s = static_cast<Search*>(data);
        std::uintptr_t low = UINTPTR_MAX, high = 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD) continue;
          low = std::min<std::uintptr_t>(low, info->dlpi_addr + segment.p_vaddr);
          high =
              std::max<std::uintptr_t>(high, info->dlpi_addr + segment.p_vaddr + segment.p_memsz);
        }
        if (s->address < low || s->address >= high) return 0;
        s->begin = low;
        s->end = high;
        s->found = true;
        return 1;
      },
      &search);
  begin = search.begin;
  end = search.end;
  return search.found;
#endif
}
#endif

char path_list_separator() noexcept {
#if defined(_WIN32)
  return ';';
#else
  return ':';
#endif
}

}  // namespace seam::detail
