# Tests of examples/rust-plugin (item 9 of the ABI proof: a plugin in another language, built with
# #[repr(C)] bindings generated from sdk/abi/seam-abi.json, works with `seam run`). Registered here because examples/ is
# added before enable_testing(). Without a working Rust toolchain each test exits 77 (skipped) and
# says why.
set(rust_tests abi.rust_plugin.cargo_test abi.rust_plugin.seam_run)
if(TARGET seam-rust-plugin)
  add_test(NAME abi.rust_plugin.cargo_test
           COMMAND ${SEAM_RUST_CARGO_COMMAND} test --quiet ${SEAM_RUST_CARGO_ARGS})
  add_test(NAME abi.rust_plugin.seam_run
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/examples/rust-plugin/seam_run_test.py
                   --seam $<TARGET_FILE:seam> --plugin-dir ${SEAM_RUST_PLUGIN_DIR}
                   --work ${CMAKE_CURRENT_BINARY_DIR}/rust-seam-run)
else()
  # The reason may hold any character a compiler printed, so it travels in a file, not a command line.
  set(skip_file ${CMAKE_CURRENT_BINARY_DIR}/rust-plugin-skipped.txt)
  file(WRITE ${skip_file} "SKIPPED: examples/rust-plugin was not built: ${SEAM_RUST_SKIP_REASON}\n")
  foreach(name IN LISTS rust_tests)
    add_test(NAME ${name} COMMAND sh -c "cat \"$1\"; exit 77" sh ${skip_file})
  endforeach()
endif()
set_tests_properties(${rust_tests} PROPERTIES LABELS "abi;rust" SKIP_RETURN_CODE 77 TIMEOUT 300)
