#include "memory_probe.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <curl/curl.h>

#include "plain_multi_client.hpp"
#include "plugin_streams.hpp"

extern char** environ;

namespace seam::bench {

double status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  const std::string prefix = std::string(field) + ":";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size()));
  }
  throw std::runtime_error(std::string("no ") + field + " in /proc/self/status");
}

MemoryFigures probe_memory(const std::string& self, const std::string& variant, int streams,
                           int tokens, const std::string& base_url) {
  std::vector<std::string> args = {
      self,       "--memory-probe",       variant,      "--streams", std::to_string(streams),
      "--tokens", std::to_string(tokens), "--base-url", base_url};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (error != 0) {
    close(out[0]);
    throw std::runtime_error(std::string("cannot start the memory probe: ") + std::strerror(error));
  }
  std::string text;
  char buffer[256];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  MemoryFigures figures;
  std::istringstream in(text);
  std::string word;
  in >> word >> figures.base_kib >> figures.peak_kib;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || word != "rss") {
    throw std::runtime_error("the memory probe (" + variant + ", " + std::to_string(streams) +
                             " streams) failed: " + text);
  }
  return figures;
}

int run_memory_probe(const std::string& variant, int streams, int tokens,
                     const std::string& base_url) {
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::vector<StreamSpec> specs;
    for (int i = 0; i < streams; ++i) specs.push_back({i, tokens});
    std::unique_ptr<ConcurrentClient> client;
    double base = 0;
    if (variant == "plain") {
      base = status_kib("VmRSS");
      client = std::make_unique<PlainMultiClient>(base_url + "/chat/completions", specs);
    } else if (variant == "plugin") {
      // What any Seam host has before it runs a stream: the service, the loader, the plugin.
      auto plugin = std::make_unique<PluginStreams>(SEAM_BENCH_OPENAI_DIR, base_url);
      base = status_kib("VmRSS");
      plugin->open(specs);
      client = std::move(plugin);
    } else {
      throw std::runtime_error("unknown variant " + variant);
    }
    for (int round = 0; round < 2; ++round) {
      const std::vector<StreamOutcome> outcomes = client->run_round();
      for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].text != specs[i].text())
          throw std::runtime_error("a stream's text differs");
      }
    }
    std::printf("rss %.0f %.0f\n", base, status_kib("VmHWM"));
    return 0;
  } catch (const std::exception& e) {
    std::printf("error %s\n", e.what());
    return 1;
  }
}

}  // namespace seam::bench
