#include "isolation_support.hpp"

#include <dirent.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

namespace isolation {

std::filesystem::path copy_hostile(const std::string& name, const std::filesystem::path& dir) {
  auto from = std::filesystem::path(SEAM_HOSTILE_DIR) / name / (name + ".so");
  auto to = dir / (name + ".so");
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  return to;
}

seam::LoaderOptions scanner_options(const std::filesystem::path& dir,
                                    const std::filesystem::path& cache) {
  seam::LoaderOptions options;
  options.search_paths = {dir};
  options.scanner_path = SEAM_SCANNER;
  options.scan_budget = std::chrono::milliseconds(1000);
  options.registry_cache = cache;
  options.on_error = seam::OnError::skip;
  return options;
}

const seam::PluginRow& row_for(const seam::Loader& loader, const std::filesystem::path& file) {
  for (const auto& row : loader.report()) {
    if (row.origin == file.string()) return row;
  }
  FAIL("no report row for " << file.string());
  throw std::logic_error("unreachable");
}

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

ScopedEnv::ScopedEnv(const char* name, const std::string& value) : name_(name) {
  ::setenv(name, value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() {
  ::unsetenv(name_);
}

namespace {

std::string read_all(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Pids of the other processes for which ACCEPT(pid as text) is true.
template <class Accept>
std::vector<pid_t> processes_where(Accept accept) {
  std::vector<pid_t> pids;
  DIR* proc = ::opendir("/proc");
  while (const dirent* e = proc ? ::readdir(proc) : nullptr) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0 || pid == ::getpid()) continue;
    if (accept(std::string(e->d_name))) pids.push_back(pid);
  }
  if (proc) ::closedir(proc);
  return pids;
}

}  // namespace

std::vector<pid_t> processes_mentioning(const std::string& text) {
  return processes_where([&](const std::string& pid) {
    return read_all("/proc/" + pid + "/cmdline").find(text) != std::string::npos ||
           read_all("/proc/" + pid + "/environ").find(text) != std::string::npos;
  });
}

std::vector<pid_t> processes_mapping(const std::filesystem::path& file) {
  return processes_where([&](const std::string& pid) {
    return read_all("/proc/" + pid + "/maps").find(file.string()) != std::string::npos;
  });
}

bool none_left(const std::string& text) {
  for (int i = 0; i < 300; ++i) {
    if (processes_mentioning(text).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::vector<long> scanner_pids(const std::vector<std::string>& log_lines) {
  std::vector<long> pids;
  for (const std::string& line : log_lines) {
    const auto space = line.rfind(' ');
    if (space != std::string::npos) pids.push_back(std::atol(line.c_str() + space + 1));
  }
  return pids;
}

std::size_t check_same_rows(const seam::Loader& a, const seam::Loader& b) {
  REQUIRE(a.report().size() == b.report().size());
  std::size_t dependencies = 0;
  for (std::size_t i = 0; i < a.report().size(); ++i) {
    const seam::PluginRow &x = a.report()[i], &y = b.report()[i];
    INFO("plugin ", x.origin);
    CHECK(x.name == y.name);
    CHECK(x.version == y.version);
    CHECK(x.description == y.description);
    CHECK(x.vendor == y.vendor);
    CHECK(x.api_version == y.api_version);
    CHECK(x.origin == y.origin);
    CHECK(x.state == y.state);
    CHECK(x.reason == y.reason);
    CHECK(x.error_kind == y.error_kind);
    REQUIRE(x.contributions.size() == y.contributions.size());
    for (std::size_t c = 0; c < x.contributions.size(); ++c) {
      const seam::Contribution &p = x.contributions[c], &q = y.contributions[c];
      CHECK(p.label() == q.label());
      CHECK(p.flags == q.flags);
      REQUIRE(p.dependencies.size() == q.dependencies.size());
      for (std::size_t d = 0; d < p.dependencies.size(); ++d, ++dependencies) {
        CHECK(p.dependencies[d].name == q.dependencies[d].name);
        CHECK(p.dependencies[d].candidates == q.dependencies[d].candidates);
        CHECK(p.dependencies[d].install_hint == q.dependencies[d].install_hint);
      }
    }
  }
  return dependencies;
}

}  // namespace isolation
