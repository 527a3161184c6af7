# seam_add_plugin(<target> SOURCES <src>... [OUTPUT_NAME <name>] [INSTALL]
#                 [INSTALL_DESTINATION <dir>])
#
# Builds a Seam plugin: a MODULE library with no `lib` prefix, compiled against Seam::sdk (headers
# only, nothing to link), with hidden visibility and the export map that leaves exactly
# `seam_plugin_entry` exported, so `seam plugins check` reports no stray exports.
#
# The file is <name><suffix> (<name> defaults to <target>). INSTALL installs it as
# <dir>/<name>/<name><suffix>, where <dir> is INSTALL_DESTINATION or,
# by default, the system plugin folder relative to the install prefix (lib/seam/plugins): installed
# into the prefix Seam itself was installed to, the plugin is found with no configuration.
#
# Shipped with the Seam package (lib/cmake/Seam) and used by Seam's own build.
include_guard(GLOBAL)

set(SEAM_PLUGIN_EXPORT_MAP ${CMAKE_CURRENT_LIST_DIR}/plugin-exports.map
    CACHE INTERNAL "the linker version script that exports only seam_plugin_entry")

function(seam_add_plugin target)
  cmake_parse_arguments(P "INSTALL" "OUTPUT_NAME;INSTALL_DESTINATION" "SOURCES" ${ARGN})
  if(NOT P_SOURCES)
    message(FATAL_ERROR "seam_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${P_SOURCES})
  if(TARGET Seam::sdk)
    target_link_libraries(${target} PRIVATE Seam::sdk)
  else()
    target_link_libraries(${target} PRIVATE seam::sdk)
  endif()
  if(NOT P_OUTPUT_NAME)
    set(P_OUTPUT_NAME ${target})
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${P_OUTPUT_NAME}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux" OR CMAKE_SYSTEM_NAME MATCHES "BSD")
    target_link_options(${target} PRIVATE -Wl,--version-script=${SEAM_PLUGIN_EXPORT_MAP})
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${SEAM_PLUGIN_EXPORT_MAP})
  endif()
  if(P_INSTALL)
    if(P_INSTALL_DESTINATION)
      set(destination ${P_INSTALL_DESTINATION})
    elseif(DEFINED SEAM_PLUGIN_SUBDIR)
      set(destination ${SEAM_PLUGIN_SUBDIR})
    else()
      include(GNUInstallDirs)
      set(destination ${CMAKE_INSTALL_LIBDIR}/seam/plugins)
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${destination}/${P_OUTPUT_NAME})
  endif()
endfunction()
