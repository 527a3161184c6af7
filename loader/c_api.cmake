# libseam-loader.so: the loader with its C API (include/seam/seam_loader.h) and the HTTP service's
# C functions, for hosts in any language (examples/c-host, python/). It exports the C API alone:
# the C files are compiled with hidden visibility and the version script keeps every other symbol
# local. It lands beside seam-plugin-scanner, where the loader looks for the scanner.
# The HTTP service's C functions need libcurl; a build without it (the mingw cross-build of
# abi.windows) has no libseam-loader.
find_package(CURL)
if(NOT CURL_FOUND)
  message(STATUS "libcurl not found: libseam-loader (the C API) is not built")
  return()
endif()

set(seam_http_dir ${PROJECT_SOURCE_DIR}/host/src)
add_library(seam_loader_shared SHARED
  src/c_api/backends.cpp
  src/c_api/errors.cpp
  src/c_api/loader.cpp
  src/c_api/log.cpp
  src/c_api/options.cpp
  ${seam_http_dir}/c_api_http.cpp
  ${seam_http_dir}/http_capture.cpp
  ${seam_http_dir}/http_redaction.cpp
  ${seam_http_dir}/http_request.cpp
  ${seam_http_dir}/http_service.cpp
  ${seam_http_dir}/http_session_pool.cpp
  ${seam_http_dir}/http_transfer.cpp)
target_include_directories(seam_loader_shared
  PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
  PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src ${seam_http_dir})
target_compile_definitions(seam_loader_shared PRIVATE SEAM_LOADER_BUILDING)
target_link_libraries(seam_loader_shared
  PUBLIC seam::sdk
  PRIVATE seam_loader spdlog::spdlog nlohmann_json::nlohmann_json CURL::libcurl Threads::Threads)
set(seam_loader_exports ${CMAKE_CURRENT_SOURCE_DIR}/c_api-exports.map)
set_target_properties(seam_loader_shared PROPERTIES
  OUTPUT_NAME seam-loader
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  C_VISIBILITY_PRESET hidden
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/host
  LINK_DEPENDS ${seam_loader_exports})
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  target_link_options(seam_loader_shared PRIVATE -Wl,--version-script=${seam_loader_exports}
                                                 -Wl,--no-undefined)
endif()
seam_warnings(seam_loader_shared)
