#include "elf_inspection.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace seam::host {

namespace {

void read_symbols(Elf* elf, Elf_Scn* section, const GElf_Shdr& header, ElfFacts& facts) {
  Elf_Data* data = elf_getdata(section, nullptr);
  if (!data || header.sh_entsize == 0) return;
  for (std::size_t i = 0; i < header.sh_size / header.sh_entsize; ++i) {
    GElf_Sym sym;
    if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
    const int bind = GELF_ST_BIND(sym.st_info);
    const char* name = elf_strptr(elf, header.sh_link, sym.st_name);
    if (!name || !*name) continue;
    // Only a strong reference fails dlopen when nothing defines it; a weak one reads as null.
    if (sym.st_shndx == SHN_UNDEF) {
      if (bind == STB_GLOBAL) facts.undefined.emplace_back(name);
      continue;
    }
    if ((bind != STB_GLOBAL && bind != STB_WEAK) ||
        GELF_ST_VISIBILITY(sym.st_other) != STV_DEFAULT) {
      continue;
    }
    facts.exports.emplace_back(name);
  }
}

void read_needed(Elf* elf, Elf_Scn* section, const GElf_Shdr& header, ElfFacts& facts) {
  Elf_Data* data = elf_getdata(section, nullptr);
  if (!data || header.sh_entsize == 0) return;
  for (std::size_t i = 0; i < header.sh_size / header.sh_entsize; ++i) {
    GElf_Dyn dyn;
    if (!gelf_getdyn(data, static_cast<int>(i), &dyn) || dyn.d_tag != DT_NEEDED) continue;
    const char* name = elf_strptr(elf, header.sh_link, dyn.d_un.d_val);
    if (name) facts.needed.emplace_back(name);
  }
}

}  // namespace

ElfFacts read_elf_facts(const std::filesystem::path& file) {
  ElfFacts facts;
  if (elf_version(EV_CURRENT) == EV_NONE) {
    facts.error = "libelf is out of date";
    return facts;
  }
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    facts.error = std::strerror(errno);
    return facts;
  }
  Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
  if (!elf || elf_kind(elf) != ELF_K_ELF) {
    facts.error = "not an ELF file";
  } else {
    facts.is_elf = true;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf, section)) != nullptr) {
      GElf_Shdr header;
      if (!gelf_getshdr(section, &header)) continue;
      if (header.sh_type == SHT_DYNSYM) read_symbols(elf, section, header, facts);
      if (header.sh_type == SHT_DYNAMIC) read_needed(elf, section, header, facts);
    }
  }
  if (elf) elf_end(elf);
  ::close(fd);
  return facts;
}

bool is_runtime_library(const std::string& soname) {
  static const char* const kRuntime[] = {
      "libc.so",      "libm.so",   "libdl.so",     "libpthread.so", "librt.so",     "libgcc_s.so",
      "libstdc++.so", "libc++.so", "libc++abi.so", "ld-linux",      "libatomic.so", "libtcc1"};
  for (const char* prefix : kRuntime) {
    if (soname.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string sanitizer_runtime(const std::string& soname) {
  static const struct {
    const char* gcc;
    const char* clang;
    const char* name;
  } kSanitizers[] = {{"libasan.so", "libclang_rt.asan", "AddressSanitizer"},
                     {"libubsan.so", "libclang_rt.ubsan", "UndefinedBehaviorSanitizer"},
                     {"libtsan.so", "libclang_rt.tsan", "ThreadSanitizer"},
                     {"liblsan.so", "libclang_rt.lsan", "LeakSanitizer"},
                     {"libhwasan.so", "libclang_rt.hwasan", "HWAddressSanitizer"}};
  for (const auto& s : kSanitizers) {
    if (soname.rfind(s.gcc, 0) == 0 || soname.rfind(s.clang, 0) == 0) return s.name;
  }
  return {};
}

}  // namespace seam::host
