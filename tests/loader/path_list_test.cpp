// SEAM_PLUGIN_PATH: how a ':'-separated list becomes search directories.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include <seam/loader/options.hpp>

using Paths = std::vector<std::filesystem::path>;

TEST_CASE("plugin path: split_path_list keeps every entry in order") {
  CHECK(seam::split_path_list("/a:/b/c:rel") == Paths{"/a", "/b/c", "rel"});
  CHECK(seam::split_path_list("/only") == Paths{"/only"});
}

// Twin: empty entries (leading, doubled, trailing separators) are dropped rather than becoming "".
TEST_CASE("plugin path: split_path_list drops empty entries") {
  CHECK(seam::split_path_list("") == Paths{});
  CHECK(seam::split_path_list(":") == Paths{});
  CHECK(seam::split_path_list(":/a::/b:") == Paths{"/a", "/b"});
}

TEST_CASE("plugin path: SEAM_PLUGIN_PATH from the environment is split") {
  setenv("SEAM_PLUGIN_PATH", "/x/plugins:/y/plugins", 1);
  const Paths paths = seam::plugin_path_from_environment();
  unsetenv("SEAM_PLUGIN_PATH");
  CHECK(paths == Paths{"/x/plugins", "/y/plugins"});
}

// Twin: without the variable there is nothing to search.
TEST_CASE("plugin path: no SEAM_PLUGIN_PATH means no directories") {
  unsetenv("SEAM_PLUGIN_PATH");
  CHECK(seam::plugin_path_from_environment().empty());
}
