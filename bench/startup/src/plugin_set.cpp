#include "plugin_set.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "child_process.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

namespace fs = std::filesystem;

// Every plugin is built the way a plugin ships: optimized, position-independent, only its entry
// point exported. No build id: a linker derives it from the bytes, so every copy would carry the
// template's, where compiling each plugin gives each its own (the one difference that is not the
// id itself); no loader looks at it.
const std::vector<std::string> kCommonFlags = {"-std=c99",
                                               "-O2",
                                               "-shared",
                                               "-fPIC",
                                               "-fvisibility=hidden",
                                               "-Wall",
                                               "-Wextra",
                                               "-Werror",
                                               "-Wl,--build-id=none"};

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& file, const std::string& data, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot write " + file.string());
}

std::uint64_t fnv1a(const std::string& data, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// Changes whenever the generated plugins would come out different.
std::string set_key(const BenchConfig& config, const PluginRecipe& recipe, int n,
                    const std::string& plugin_template) {
  std::string inputs = "generator 2\n" + plugin_template + recipe.defines + recipe.inputs +
                       config.cc + recipe.source_stem + recipe.file_prefix + std::to_string(n);
  for (const auto& flag : recipe.compile_flags) inputs += flag;
  for (const auto& lib : recipe.link_libraries) inputs += lib;
  char key[32];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv1a(inputs)));
  return key;
}

// Wide enough for N, at least five digits, so files sort in index order.
int id_width(int n) {
  return std::max(5, static_cast<int>(std::to_string(n - 1).size()));
}

std::string plugin_id(int index, int width) {
  std::string digits = std::to_string(index);
  return std::string(static_cast<std::size_t>(width) - digits.size(), '0') + digits;
}

std::vector<std::string> compile_command(const BenchConfig& config, const PluginRecipe& recipe,
                                         const fs::path& source, const fs::path& output) {
  std::vector<std::string> command{config.cc};
  command.insert(command.end(), recipe.compile_flags.begin(), recipe.compile_flags.end());
  command.insert(command.end(), {"-o", output.string(), source.string()});
  command.insert(command.end(), recipe.link_libraries.begin(), recipe.link_libraries.end());
  return command;
}

// The stamp holds the key and how long generating took, so a reused set still says.
bool read_stamp(const fs::path& stamp, const std::string& key, double& seconds) {
  std::error_code ec;
  if (!fs::exists(stamp, ec)) return false;
  std::istringstream in(read_file(stamp));
  std::string stored;
  return (in >> stored >> seconds) && stored == key;
}

std::size_t replace_all(std::string& text, const std::string& from, const std::string& to) {
  std::size_t count = 0;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++count;
  }
  return count;
}

}  // namespace

PluginSet prepare_plugin_set(const BenchConfig& config, const PluginRecipe& recipe, int n) {
  const std::string plugin_template = read_file(recipe.plugin_template);
  const fs::path root = config.work_dir / (recipe.kind + "-set-" + std::to_string(n));
  const fs::path stamp = root / "stamp";
  const std::string key = set_key(config, recipe, n, plugin_template);
  const int width = id_width(n);

  PluginSet set;
  set.dir = root / "plugins";
  for (int i = 0; i < n; ++i) set.names.push_back(recipe.name_prefix + plugin_id(i, width));
  if (read_stamp(stamp, key, set.build_seconds)) {
    set.reused = true;
    return set;
  }

  std::printf("generating %d %s plugins in %s ...\n", n, recipe.kind.c_str(), root.c_str());
  std::fflush(stdout);
  const Stopwatch stopwatch;
  fs::remove_all(root);
  const fs::path sources = root / "sources";
  fs::create_directories(sources);
  fs::create_directories(set.dir);
  // The template and the last plugin's own source, side by side in one folder, so the only
  // difference between their outputs can be the id.
  const std::string placeholder(static_cast<std::size_t>(width), '@');
  const std::string last_id = plugin_id(n - 1, width);
  auto source_of = [&](const std::string& id) {
    const fs::path source = sources / (recipe.source_stem + id + ".c");
    write_file(source, recipe.defines + "#define BENCH_ID \"" + id + "\"\n" + plugin_template,
               0644);
    return source;
  };
  const fs::path template_so = root / "template.so";
  const fs::path twin_so = root / "twin.so";
  if (!run_all({compile_command(config, recipe, source_of(placeholder), template_so),
                compile_command(config, recipe, source_of(last_id), twin_so)},
               2)) {
    throw std::runtime_error("compiling " + recipe.plugin_template.string() + " with " + config.cc +
                             " failed (run the command from " + sources.string() +
                             " by hand to see why)");
  }

  const std::string compiled = read_file(template_so);
  if (compiled.find(placeholder) == std::string::npos) {
    throw std::runtime_error(recipe.plugin_template.string() + " does not use BENCH_ID");
  }
  std::string copy;
  for (int i = 0; i < n; ++i) {
    const std::string id = plugin_id(i, width);
    copy = compiled;
    replace_all(copy, placeholder, id);
    write_file(set.dir / (recipe.file_prefix + id + ".so"), copy, 0755);
  }
  if (copy != read_file(twin_so)) {
    throw std::runtime_error("plugin " + last_id + " generated from " + template_so.string() +
                             " differs from compiling its own source (" + twin_so.string() +
                             "): the placeholder id appears where the id does not");
  }
  set.build_seconds = stopwatch.elapsed().wall;
  std::ofstream(stamp) << key << ' ' << set.build_seconds << '\n';
  return set;
}

namespace {

PluginRecipe seam_base(const BenchConfig& config) {
  PluginRecipe recipe;
  recipe.plugin_template = config.plugin_template;
  recipe.source_stem = "bench-";
  recipe.file_prefix = "bench-";
  recipe.name_prefix = "bench-";
  recipe.compile_flags = kCommonFlags;
  recipe.compile_flags.insert(recipe.compile_flags.end(), {"-I", config.sdk_include.string()});
  recipe.inputs = read_file(config.sdk_include / "seam" / "seam.h");
  return recipe;
}

}  // namespace

PluginRecipe seam_recipe(const BenchConfig& config) {
  PluginRecipe recipe = seam_base(config);
  recipe.kind = "plugin";
  return recipe;
}

PluginRecipe seam_one_backend_recipe(const BenchConfig& config) {
  PluginRecipe recipe = seam_base(config);
  recipe.kind = "seam-one-backend";
  recipe.defines = "#define BENCH_ONE_BACKEND 1\n";
  return recipe;
}

std::vector<std::string> common_plugin_flags() {
  return kCommonFlags;
}

}  // namespace seam::bench
