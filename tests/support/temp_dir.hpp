// A fresh directory per test, removed when the test ends, so tests never see each other's plugins
// and a plugin copied in is a distinct file (dlopen would otherwise hand back an already-loaded
// copy).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace seam::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  // PATH joined with RELATIVE, with the folders in between created.
  std::filesystem::path make_dir(std::string_view relative) const;
  // Writes TEXT to RELATIVE (folders created) and returns the file's path.
  std::filesystem::path write_file(std::string_view relative, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace seam::test
