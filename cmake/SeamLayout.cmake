# Where things live, in an installation and in the build tree alike: the build tree is laid out like
# an installed prefix, so the loader finds its scanner and the system plugin folder the same way in
# both (relative to its own file), and `build/<preset>/bin/seam` works with no configuration.
include_guard(GLOBAL)
include(GNUInstallDirs)

# Relative to the prefix.
set(SEAM_PLUGIN_SUBDIR ${CMAKE_INSTALL_LIBDIR}/seam/plugins)
set(SEAM_SCANNER_SUBDIR ${CMAKE_INSTALL_LIBEXECDIR}/seam)
set(SEAM_CMAKE_SUBDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Seam)

# How to climb from the folder of the loader (a shared library in LIBDIR, or an executable in
# BINDIR that links it statically) back to the prefix. Computed, not assumed: LIBDIR may be
# lib64 or lib/x86_64-linux-gnu.
file(RELATIVE_PATH SEAM_LIBDIR_TO_PREFIX /seam-prefix/${CMAKE_INSTALL_LIBDIR} /seam-prefix)
file(RELATIVE_PATH SEAM_BINDIR_TO_PREFIX /seam-prefix/${CMAKE_INSTALL_BINDIR} /seam-prefix)

# The build tree's counterparts of the installed folders.
set(SEAM_BUILD_BIN_DIR ${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_BINDIR})
set(SEAM_BUILD_LIB_DIR ${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_LIBDIR})
set(SEAM_BUILD_SCANNER_DIR ${CMAKE_BINARY_DIR}/${SEAM_SCANNER_SUBDIR})
set(SEAM_BUILD_PLUGIN_DIR ${CMAKE_BINARY_DIR}/${SEAM_PLUGIN_SUBDIR})
