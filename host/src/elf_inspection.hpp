// What a plugin file's ELF headers say, read with libelf, without running any of its code: the
// symbols it exports, those it expects others to define, and the libraries it needs at load time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace seam::host {

struct ElfFacts {
  bool is_elf = false;
  std::string error;                   // why it could not be read, when !is_elf
  std::vector<std::string> exports;    // defined, default-visibility dynamic symbols
  std::vector<std::string> undefined;  // strong references the file expects others to define
  std::vector<std::string> needed;     // DT_NEEDED entries
};

ElfFacts read_elf_facts(const std::filesystem::path& file);

// True for the C and C++ runtime libraries every plugin may link (libc, libm, libstdc++ ...).
bool is_runtime_library(const std::string& soname);

// The sanitizer runtime this soname is (gcc's libasan, libubsan, libtsan, liblsan, libhwasan, or
// clang's libclang_rt.*), as a name such as "AddressSanitizer"; empty for any other library. A
// sanitizer build links it into every plugin, so it is not a dependency the plugin chose.
std::string sanitizer_runtime(const std::string& soname);

}  // namespace seam::host
