# Cross-compiling Seam for 64-bit Windows with Debian's mingw-w64 (package mingw-w64), e.g.
#   cmake -S abi-check/windows -B build/windows --toolchain cmake/toolchain-mingw64.cmake -G Ninja
# The posix-thread flavour of the compilers is used because the loader needs std::thread,
# std::mutex and std::call_once, which gcc 12's win32 flavour lacks. Programs are linked statically
# (libstdc++, libgcc, winpthread) so that they run under wine or on Windows with no DLLs beside them.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SEAM_MINGW_TRIPLET x86_64-w64-mingw32)
find_program(CMAKE_C_COMPILER NAMES ${SEAM_MINGW_TRIPLET}-gcc-posix ${SEAM_MINGW_TRIPLET}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${SEAM_MINGW_TRIPLET}-g++-posix ${SEAM_MINGW_TRIPLET}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${SEAM_MINGW_TRIPLET}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${SEAM_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc")

# ctest runs the .exe files through wine.
find_program(SEAM_WINE NAMES wine64 wine)
if(SEAM_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SEAM_WINE})
endif()
