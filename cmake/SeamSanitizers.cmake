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
