#include "plugin_set.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "child_process.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

const std::vector<std::string> kCompileFlags = {
    "-std=c99", "-O2", "-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Wextra", "-Werror"};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint64_t fnv1a(const std::string& data, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// Changes whenever the generated plugins would come out different.
std::string set_key(const BenchConfig& config, const std::string& plugin_template) {
  std::string inputs = plugin_template + read_file(config.sdk_include / "seam" / "seam.h") +
                       config.cc + std::to_string(config.plugins);
  for (const auto& flag : kCompileFlags) inputs += flag;
  char key[32];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv1a(inputs)));
  return key;
}

// "00042": wide enough for N, at least five digits, so files sort in index order.
std::string plugin_id(int index, int count) {
  const int width = std::max(5, static_cast<int>(std::to_string(count - 1).size()));
  std::string digits = std::to_string(index);
  return std::string(static_cast<std::size_t>(width) - std::min<std::size_t>(digits.size(), width),
                     '0') +
         digits;
}

}  // namespace

PluginSet prepare_plugin_set(const BenchConfig& config) {
  namespace fs = std::filesystem;
  const std::string plugin_template = read_file(config.plugin_template);
  const fs::path root = config.work_dir / ("plugin-set-" + std::to_string(config.plugins));
  const fs::path stamp = root / "stamp";
  const std::string key = set_key(config, plugin_template);

  PluginSet set;
  set.dir = root / "plugins";
  for (int i = 0; i < config.plugins; ++i) {
    set.sdks.push_back("bench-" + plugin_id(i, config.plugins));
  }
  std::error_code ec;
  if (fs::exists(stamp, ec) && read_file(stamp) == key) {
    set.reused = true;
    return set;
  }

  const Stopwatch stopwatch;
  fs::remove_all(root);
  const fs::path sources = root / "sources";
  fs::create_directories(sources);
  fs::create_directories(set.dir);
  std::vector<std::vector<std::string>> commands;
  for (int i = 0; i < config.plugins; ++i) {
    const std::string id = plugin_id(i, config.plugins);
    const fs::path source = sources / ("bench-" + id + ".c");
    std::ofstream(source) << "#define BENCH_ID \"" << id << "\"\n" << plugin_template;
    std::vector<std::string> command{config.cc};
    command.insert(command.end(), kCompileFlags.begin(), kCompileFlags.end());
    command.insert(command.end(), {"-I", config.sdk_include.string(), "-o",
                                   (set.dir / ("bench-" + id + ".so")).string(), source.string()});
    commands.push_back(std::move(command));
  }
  std::printf("building %d plugins with %s on %d jobs (kept for the next run) ...\n",
              config.plugins, config.cc.c_str(), config.jobs);
  std::fflush(stdout);
  if (!run_all(commands, config.jobs)) throw std::runtime_error("compiling the plugin set failed");
  std::ofstream(stamp) << key;
  set.build_seconds = stopwatch.elapsed().wall;
  return set;
}

}  // namespace seam::bench
