#include "dynlib.hpp"

#include <utility>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
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
  if (!module) error = last_error_text();
  return reinterpret_cast<void*>(module);
}
#else
void* open_native(const char* path, std::string& error) {
  // RTLD_NOW: a plugin with unresolved symbols fails here, at discovery, not at first call.
  // RTLD_LOCAL: two plugins' symbols never interpose on each other.
  void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
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

char path_list_separator() noexcept {
#if defined(_WIN32)
  return ';';
#else
  return ':';
#endif
}

}  // namespace seam::detail
