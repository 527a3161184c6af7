# Tests of examples/rust-plugin (item 9 of the ABI proof: a plugin in another language, built with
# hand-written #[repr(C)] bindings, works with `seam run`). Registered here because examples/ is
# added before enable_testing(). Without cargo each test exits 77 (skipped) and says why.
set(rust_tests abi.rust_plugin.cargo_test abi.rust_plugin.seam_run)
if(SEAM_CARGO AND TARGET seam-rust-plugin)
  add_test(NAME abi.rust_plugin.cargo_test
           COMMAND ${SEAM_CARGO} test --quiet ${SEAM_RUST_CARGO_ARGS})
  add_test(NAME abi.rust_plugin.seam_run
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/examples/rust-plugin/seam_run_test.py
                   --seam $<TARGET_FILE:seam> --plugin-dir ${SEAM_RUST_PLUGIN_DIR}
                   --work ${CMAKE_CURRENT_BINARY_DIR}/rust-seam-run)
else()
  foreach(name IN LISTS rust_tests)
    add_test(NAME ${name}
             COMMAND sh -c "echo 'SKIPPED: cargo was not found, so examples/rust-plugin was not built; install the Debian package cargo'; exit 77")
  endforeach()
endif()
set_tests_properties(${rust_tests} PROPERTIES LABELS "abi;rust" SKIP_RETURN_CODE 77 TIMEOUT 300)
