#include "temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace seam::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "seam-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::make_dir(std::string_view relative) const {
  std::filesystem::path dir = path_ / relative;
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path TempDir::write_file(std::string_view relative, std::string_view text) const {
  std::filesystem::path file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file;
}

}  // namespace seam::test
