#include "fixtures.hpp"

#include <stdexcept>
#include <string>

namespace seam::test {

namespace {

std::filesystem::path existing(std::filesystem::path path) {
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error("build product missing: " + path.string() +
                             " (is the test target's dependency on it intact?)");
  }
  return path;
}

}  // namespace

std::filesystem::path fixture_file(std::string_view dir, std::string_view file) {
  return existing(std::filesystem::path(SEAM_FIXTURES_DIR) / dir / file);
}

std::filesystem::path fixture_plugin(std::string_view file_stem) {
  return fixture_file(file_stem, std::string(file_stem) + ".so");
}

std::filesystem::path copy_into(const std::filesystem::path& file,
                                const std::filesystem::path& dest_dir) {
  std::filesystem::path copy = dest_dir / file.filename();
  std::filesystem::create_directories(dest_dir);
  std::filesystem::copy_file(existing(file), copy,
                             std::filesystem::copy_options::overwrite_existing);
  return copy;
}

std::filesystem::path copy_fixture(std::string_view file_stem,
                                   const std::filesystem::path& dest_dir) {
  return copy_into(fixture_plugin(file_stem), dest_dir);
}

std::filesystem::path echo_plugin_file() {
  return existing(std::filesystem::path(SEAM_ECHO_PLUGIN_DIR) / "seam-echo.so");
}

std::filesystem::path seam_executable() {
  return existing(SEAM_EXECUTABLE);
}

std::filesystem::path source_dir() {
  return existing(SEAM_SOURCE_DIR);
}

}  // namespace seam::test
