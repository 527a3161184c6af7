# Builds the good fixture with tcc and checks that `seam plugins list --json` registers it.
# Usage: cmake -DTCC=... -DSEAM=... -DSOURCE=... -DINCLUDE=... -DWORK=... -P this-file

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/plugins)

execute_process(
  COMMAND ${TCC} -shared -DFIXTURE_MODE_GOOD -I${INCLUDE} -o ${WORK}/plugins/good.so ${SOURCE}
  RESULT_VARIABLE build_result
  ERROR_VARIABLE build_errors)
if(NOT build_result EQUAL 0)
  message(FATAL_ERROR "tcc could not build the fixture (${build_result}):\n${build_errors}")
endif()

# The working directory is WORK so that no stray ./seam.toml is read.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=SEAM_PLUGIN_PATH --unset=SEAM_CONFIG
          ${SEAM} plugins list --json --plugin-path ${WORK}/plugins
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE list_result
  OUTPUT_VARIABLE listing
  ERROR_VARIABLE list_errors)
if(NOT list_result EQUAL 0)
  message(FATAL_ERROR "seam plugins list exited ${list_result}:\n${listing}\n${list_errors}")
endif()

string(JSON count LENGTH "${listing}" plugins)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${listing}" plugins ${i} name)
  if(name STREQUAL "good")
    string(JSON state GET "${listing}" plugins ${i} state)
    string(JSON origin GET "${listing}" plugins ${i} origin)
    if(NOT state STREQUAL "registered")
      message(FATAL_ERROR "the tcc-built plugin is ${state}, not registered:\n${listing}")
    endif()
    if(NOT origin MATCHES "good\\.so$")
      message(FATAL_ERROR "row 'good' does not come from the tcc-built file:\n${listing}")
    endif()
    message(STATUS "tcc-built fixture registered from ${origin}")
    return()
  endif()
endforeach()
message(FATAL_ERROR "no row named 'good' in:\n${listing}")
