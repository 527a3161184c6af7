// One fixture plugin alone in a fresh folder, loaded with the given policy: the arrangement most
// loader tests need.
#pragma once

#include <string_view>

#include "fixtures.hpp"
#include "loader_checks.hpp"
#include "temp_dir.hpp"

namespace seam::test {

inline LoaderOptions options_with_fixture(const TempDir& dir, std::string_view file_stem,
                                          OnError on_error) {
  copy_fixture(file_stem, dir.path());
  LoaderOptions options = options_for_dir(dir.path());
  options.on_error = on_error;
  return options;
}

struct SinglePlugin {
  TempDir dir;
  Loader loader;
  explicit SinglePlugin(std::string_view file_stem, OnError on_error = OnError::fail)
      : loader(options_with_fixture(dir, file_stem, on_error)) {}
};

}  // namespace seam::test
