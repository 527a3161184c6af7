# Sanitizer builds (the asan and tsan presets) put -fsanitize=... into every target through the
# CMAKE_*_FLAGS. A fixture whose purpose is to crash (SIGSEGV, abort, a hang) must crash the way a
# plugin from the field would: under a sanitizer its own handlers report and exit instead, so the
# test would see a different death. seam_without_sanitizers(target...) builds those fixtures plain.
# -fno-sanitize=all comes after the preset's flags on both the compile and the link line, so it
# wins with gcc and clang, and the plugin needs no sanitizer runtime.
include_guard(GLOBAL)

function(seam_without_sanitizers)
  string(FIND "${CMAKE_C_FLAGS} ${CMAKE_CXX_FLAGS}" "-fsanitize=" found)
  if(found EQUAL -1)
    return()
  endif()
  foreach(target ${ARGN})
    target_compile_options(${target} PRIVATE -fno-sanitize=all)
    target_link_options(${target} PRIVATE -fno-sanitize=all)
  endforeach()
endfunction()

# seam_sanitizer_environment(VAR): the environment entries that let a program built without
# sanitizers, such as the Python interpreter, load this build's sanitized libraries: the runtime
# preloaded (ASan and TSan must come first in the process) and no leak check. Empty in a build
# without sanitizers.
function(seam_sanitizer_environment var)
  set(flags "${CMAKE_C_FLAGS} ${CMAKE_CXX_FLAGS}")
  set(env)
  if(flags MATCHES "-fsanitize=[^ ]*address")
    set(runtime libasan.so)
    list(APPEND env "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:handle_segv=0")
  elseif(flags MATCHES "-fsanitize=[^ ]*thread")
    set(runtime libtsan.so)
  endif()
  if(runtime)
    # libstdc++ right after the runtime: its __cxa_throw interceptor must find the real one.
    set(preload)
    foreach(library ${runtime} libstdc++.so.6)
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${library}
                      OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
      list(APPEND preload ${path})
    endforeach()
    list(JOIN preload ":" preload)
    list(APPEND env "LD_PRELOAD=${preload}")
  endif()
  set(${var} ${env} PARENT_SCOPE)
endfunction()

# seam_sanitizer_flag(VAR): this build's -fsanitize=... (empty without sanitizers), for a host that
# a test compiles outside CMake (cc, a third-party project) and links to the sanitized loader.
function(seam_sanitizer_flag var)
  string(REGEX MATCH "-fsanitize=[^ ]+" flag "${CMAKE_CXX_FLAGS}")
  set(${var} ${flag} PARENT_SCOPE)
endfunction()

# seam_allow_sanitizer_references(target...): clang links a sanitizer's runtime into executables
# only, so a sanitized shared library keeps undefined __asan_*/__ubsan_* references for the
# executable to resolve; with -Wl,--no-undefined such a library would not link. In a clang build
# with sanitizers this lets those references be (the last -z option wins); otherwise nothing.
function(seam_allow_sanitizer_references)
  string(FIND "${CMAKE_C_FLAGS} ${CMAKE_CXX_FLAGS}" "-fsanitize=" found)
  if(found EQUAL -1 OR NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    return()
  endif()
  foreach(target ${ARGN})
    target_link_options(${target} PRIVATE -Wl,-z,undefs)
  endforeach()
endfunction()
