#include <dirent.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <seam/seam.h>

#include "child_process.hpp"
#include "floors.hpp"
#include "timing.hpp"

namespace seam::bench {

namespace {

struct Counts {
  int backends = 0;
  int listers = 0;
};

int32_t SEAM_CALL count_backend(const seam_registrar* self, const seam_backend_def* def) {
  if (def == nullptr || def->family == nullptr || def->sdk == nullptr)
    return SEAM_E_INVALID_ARGUMENT;
  ++static_cast<Counts*>(self->host_ctx)->backends;
  return SEAM_OK;
}

int32_t SEAM_CALL count_lister(const seam_registrar* self, const seam_model_lister_def* def) {
  if (def == nullptr || def->sdk == nullptr) return SEAM_E_INVALID_ARGUMENT;
  ++static_cast<Counts*>(self->host_ctx)->listers;
  return SEAM_OK;
}

}  // namespace

int eager_floor_child(const char* dir) {
  Counts counts;
  seam_registrar registrar{};
  registrar.struct_size = sizeof registrar;
  registrar.host_ctx = &counts;
  registrar.add_inference_backend = count_backend;
  registrar.add_model_lister = count_lister;

  const Stopwatch stopwatch;
  DIR* d = ::opendir(dir);
  if (!d) return 1;
  std::vector<std::string> files;
  while (const dirent* entry = ::readdir(d)) {
    const std::size_t n = std::strlen(entry->d_name);
    if (n > 3 && std::strcmp(entry->d_name + n - 3, ".so") == 0) {
      files.push_back(std::string(dir) + "/" + entry->d_name);
    }
  }
  ::closedir(d);
  std::sort(files.begin(), files.end());  // the loader registers in file-name order too
  for (const std::string& file : files) {
    // The flags the loader's dynlib uses, so both pay the same relocation work.
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return 1;
    auto entry = reinterpret_cast<seam_plugin_entry_fn>(::dlsym(handle, SEAM_PLUGIN_ENTRY_SYMBOL));
    const seam_plugin_descriptor* descriptor = entry ? entry(SEAM_API_VERSION) : nullptr;
    if (!descriptor || descriptor->api_version != SEAM_API_VERSION ||
        descriptor->register_plugin(&registrar) != SEAM_OK) {
      return 1;
    }
  }
  const Sample time = stopwatch.elapsed();
  std::printf("%.9f %.9f %d %d\n", time.wall, time.cpu, counts.backends, counts.listers);
  return 0;
}

Sample measure_eager_floor(const std::filesystem::path& dir, int expected, int backends_each,
                           int listers_each) {
  ChildOptions options;
  options.capture_stdout = true;
  ChildResult child =
      run_child({self_executable().string(), kEagerFloorChildFlag, dir.string()}, options);
  Sample time;
  int backends = 0, listers = 0;
  std::istringstream in(child.out);
  if (child.exit_code != 0 || !(in >> time.wall >> time.cpu >> backends >> listers) ||
      backends != backends_each * expected || listers != listers_each * expected) {
    throw std::runtime_error("the eager floor child failed (exit " +
                             std::to_string(child.exit_code) + ", output '" + child.out + "')");
  }
  return time;
}

}  // namespace seam::bench
