# Helpers for Seam's own folders: warnings for our targets, and plugin libraries.
include_guard(GLOBAL)
include(SeamLayout)
include(SeamAddPlugin)
include(SeamSanitizers)

# -Wall -Wextra -Werror (and -pedantic for C) on a target of ours.
function(seam_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Werror>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Werror -pedantic>)
endfunction()

# seam_plugin(TARGET OUTPUT_NAME name [DIR dir | FOR_USERS] SOURCES... [DEFINES ...] [LIBRARIES ...]
#             [INSTALL])
# A plugin built with seam_add_plugin. FOR_USERS puts it in the build tree's system plugin folder
# (lib/seam/plugins/<name>/<name>.so), where the build's `seam` finds it with no configuration;
# otherwise (test fixtures) it lands in ${SEAM_PLUGIN_OUTPUT_DIR}/DIR. INSTALL also installs it
# into the installation's system plugin folder.
function(seam_plugin target)
  cmake_parse_arguments(P "FOR_USERS;INSTALL" "OUTPUT_NAME;DIR" "SOURCES;DEFINES;LIBRARIES" ${ARGN})
  set(install_flag)
  if(P_INSTALL)
    set(install_flag INSTALL)
  endif()
  seam_add_plugin(${target} SOURCES ${P_SOURCES} OUTPUT_NAME ${P_OUTPUT_NAME} ${install_flag})
  target_link_libraries(${target} PRIVATE ${P_LIBRARIES})
  target_compile_definitions(${target} PRIVATE ${P_DEFINES})
  if(P_FOR_USERS)
    set(output_dir ${SEAM_BUILD_PLUGIN_DIR}/${P_OUTPUT_NAME})
    set_property(GLOBAL APPEND PROPERTY SEAM_USER_PLUGIN_TARGETS ${target})
  else()
    set(output_dir ${SEAM_PLUGIN_OUTPUT_DIR}/${P_DIR})
  endif()
  set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${output_dir})
  seam_warnings(${target})
endfunction()
