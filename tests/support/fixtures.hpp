// Where the build put the fixture plugins, the echo plugin and the seam executable, and a way to
// copy a fixture into a test's own folder.
#pragma once

#include <filesystem>
#include <string_view>

namespace seam::test {

// ${SEAM_PLUGIN_OUTPUT_DIR}/fixtures/DIR/FILE, checked to exist so a missing build product fails
// loudly instead of looking like an empty plugin folder.
std::filesystem::path fixture_file(std::string_view dir, std::string_view file);
// The fixture FILE_STEM.so from its own folder (DIR defaults to the stem).
std::filesystem::path fixture_plugin(std::string_view file_stem);

// Copies a built file into DEST_DIR under its own name; returns the copy's path.
std::filesystem::path copy_into(const std::filesystem::path& file,
                                const std::filesystem::path& dest_dir);
// Shorthand: copies fixture_plugin(FILE_STEM) into DEST_DIR.
std::filesystem::path copy_fixture(std::string_view file_stem,
                                   const std::filesystem::path& dest_dir);

// ${SEAM_PLUGIN_OUTPUT_DIR}/echo/seam-echo.so
std::filesystem::path echo_plugin_file();
// The built `seam` host executable.
std::filesystem::path seam_executable();
// The repository's source root.
std::filesystem::path source_dir();

}  // namespace seam::test
