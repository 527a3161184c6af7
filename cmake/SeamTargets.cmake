# Helpers shared by every folder: warnings for our own targets, and plugin libraries.

# -Wall -Wextra -Werror (and -pedantic for C) on a target of ours.
function(seam_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Werror>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Werror -pedantic>)
endfunction()

# seam_plugin(TARGET OUTPUT_NAME DIR SOURCES... [DEFINES ...])
# A plugin library named OUTPUT_NAME.so in ${SEAM_PLUGIN_OUTPUT_DIR}/DIR, linked against the SDK header
# only, exporting nothing but seam_plugin_entry.
function(seam_plugin target)
  cmake_parse_arguments(P "" "OUTPUT_NAME;DIR" "SOURCES;DEFINES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE seam::sdk ${P_LIBRARIES})
  target_compile_definitions(${target} PRIVATE ${P_DEFINES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${P_OUTPUT_NAME}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY ${SEAM_PLUGIN_OUTPUT_DIR}/${P_DIR})
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(${target} PRIVATE
      -Wl,--version-script=${PROJECT_SOURCE_DIR}/cmake/plugin-exports.map)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/plugin-exports.map)
  endif()
  seam_warnings(${target})
endfunction()
