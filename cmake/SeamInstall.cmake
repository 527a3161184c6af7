# Install rules: a relocatable tree (every path inside it is relative to the prefix), a CMake
# package (find_package(Seam): Seam::sdk, Seam::loader, Seam::loader_static, Seam::http and
# seam_add_plugin()) and pkg-config files (seam.pc: the SDK; seam-loader.pc: the loader).
include(CMakePackageConfigHelpers)

set(seam_export_targets seam_sdk seam_loader_static seam_http)
if(TARGET seam_loader)
  list(APPEND seam_export_targets seam_loader)
endif()
set_target_properties(seam_sdk PROPERTIES EXPORT_NAME sdk)
set_target_properties(seam_loader_static PROPERTIES EXPORT_NAME loader_static)
set_target_properties(seam_http PROPERTIES EXPORT_NAME http)
if(TARGET seam_loader)
  set_target_properties(seam_loader PROPERTIES EXPORT_NAME loader)
endif()

install(TARGETS ${seam_export_targets} EXPORT SeamTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)

# Headers: the SDK's, the loader's public ones and the HTTP service's.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/seam
                  ${PROJECT_SOURCE_DIR}/loader/include/seam
                  ${PROJECT_SOURCE_DIR}/services/http/include/seam
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
if(EXISTS ${CMAKE_BINARY_DIR}/sdk/include/seam)
  # Generated SDK headers (version.h).
  install(DIRECTORY ${CMAKE_BINARY_DIR}/sdk/include/seam DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
          COMPONENT development FILES_MATCHING PATTERN "*.h")
endif()

# The scanner and the HTTP service's libcurl module, in the private folder where the loader looks
# for them relative to its own file.
install(TARGETS seam-plugin-scanner RUNTIME DESTINATION ${SEAM_SCANNER_SUBDIR} COMPONENT runtime)
install(TARGETS seam-http-curl LIBRARY DESTINATION ${SEAM_SCANNER_SUBDIR} COMPONENT runtime)
if(TARGET seam)
  install(TARGETS seam RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()
# The (empty unless plugins are installed) system plugin folder exists in every installation.
install(DIRECTORY DESTINATION ${SEAM_PLUGIN_SUBDIR} COMPONENT runtime)

# The CMake package.
install(EXPORT SeamTargets NAMESPACE Seam:: DESTINATION ${SEAM_CMAKE_SUBDIR} COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/package/SeamConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/SeamConfig.cmake
  INSTALL_DESTINATION ${SEAM_CMAKE_SUBDIR}
  PATH_VARS SEAM_PLUGIN_SUBDIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/SeamConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/SeamConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/SeamConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/SeamAddPlugin.cmake
              ${PROJECT_SOURCE_DIR}/cmake/plugin-exports.map
        DESTINATION ${SEAM_CMAKE_SUBDIR} COMPONENT development)

# pkg-config: prefix is found from the .pc file's own folder, so the tree can move.
file(RELATIVE_PATH seam_pc_to_prefix /seam-prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /seam-prefix)
string(REGEX REPLACE "/$" "" seam_pc_to_prefix "${seam_pc_to_prefix}")
foreach(pc seam seam-loader)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/package/${pc}.pc.in ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
          COMPONENT development)
endforeach()

# The Python package (ctypes over libseam-loader), where `python3` finds it with
# PYTHONPATH=<prefix>/lib/pythonX.Y/site-packages; it finds the library two folders up.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(SEAM_PYTHON_SUBDIR
      ${CMAKE_INSTALL_LIBDIR}/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/site-packages)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/seam DESTINATION ${SEAM_PYTHON_SUBDIR}
          COMPONENT runtime PATTERN "__pycache__" EXCLUDE)
endif()
