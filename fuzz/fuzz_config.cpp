// seam.toml on any bytes: load_config_file either returns a configuration or throws ConfigError
// (file:line:col); anything else escaping, or a crash, is a finding. The input is written to a file
// in a private temporary folder, since the parser reads files.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <seam/loader/errors.hpp>

#include "config.hpp"
#include "fuzz_check.hpp"

namespace {

const std::filesystem::path& config_file() {
  static const std::filesystem::path file = [] {
    std::string folder =
        (std::filesystem::temp_directory_path() / "seam-fuzz-config-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(folder.data()) != nullptr);
    return std::filesystem::path(folder) / "seam.toml";
  }();
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(config_file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    FUZZ_CHECK(out.good());
  }
  try {
    const auto config = seam::host::load_config_file(config_file());
    FUZZ_CHECK(config.file.has_value());
    for (const auto& [name, model] : config.models) FUZZ_CHECK(name == model.name);
    for (const auto& [name, backend] : config.backends) FUZZ_CHECK(name == backend.name);
  } catch (const seam::ConfigError& e) {
    FUZZ_CHECK(std::string(e.what()).find("seam.toml") != std::string::npos);
  }
  return 0;
}
