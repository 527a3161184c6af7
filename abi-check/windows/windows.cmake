# abi.windows: cross-builds abi-check/windows/ (the loader, its Windows tests, plugin DLLs) with
# mingw-w64 into a folder kept between runs, and runs the tests under wine. The first run compiles
# the loader with header-only spdlog/fmt, which takes minutes on two cores; later runs are
# incremental. Skipped (77) without mingw-w64 or wine.
seam_abi_test(windows windows)
set_tests_properties(abi.windows PROPERTIES TIMEOUT 1800 RESOURCE_LOCK seam_wine)
