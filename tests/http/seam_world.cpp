#include "seam_world.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace seam::test {

namespace {

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

SeamWorld::SeamWorld(const std::string& extra) {
  const std::string base = server.url();
  std::string extra_toml = extra;
  for (std::size_t at = extra_toml.find("{BASE}"); at != std::string::npos;
       at = extra_toml.find("{BASE}", at)) {
    extra_toml.replace(at, 6, base);
  }
  config = dir.write_file("seam.toml", R"([plugins]
paths = [")" SEAM_OPENAI_PLUGIN_DIR R"(", ")" SEAM_OLLAMA_PLUGIN_DIR R"("]

[backends.local]
sdk = "openai"
base_url = ")" + base + R"(/v1"
connect_timeout = 5
timeout = 30

[backends.secure]
sdk = "openai"
base_url = ")" + base + R"(/secure/v1"
api_key_env = "SEAM_TEST_KEY"

[backends.llama]
sdk = "ollama"
base_url = ")" + base + R"(/ol"
options = { keep_alive = "5m" }

[models.chat]
backend = "local"
model_id = "basic"

[models.chat-secure]
backend = "secure"
model_id = "basic"

[models.llama]
backend = "llama"
model_id = "basic"

[models.echo-request]
backend = "local"
model_id = "echo-request"
options = { top_p = 0.5 }
)" + extra_toml);
}

ProcessResult SeamWorld::seam(const std::vector<std::string>& args, ProcessOptions options) const {
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--config", config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  options.cwd = dir.path();
  for (const char* name : {"SEAM_PLUGIN_PATH", "SEAM_CONFIG", "SEAM_LOG", "SEAM_TEST_KEY"}) {
    options.env.emplace(name, std::nullopt);  // emplace keeps a value the test set on purpose
  }
  return run_process(argv, options);
}

SeamWorld::Interrupted SeamWorld::seam_interrupted(const std::vector<std::string>& args,
                                                   std::chrono::milliseconds delay) const {
  std::vector<std::string> argv = {SEAM_EXECUTABLE, "--config", config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& arg : argv) c_argv.push_back(arg.data());
  c_argv.push_back(nullptr);
  const std::filesystem::path out = dir.path() / "interrupted.out";
  const std::filesystem::path err = dir.path() / "interrupted.err";

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start seam");

  std::this_thread::sleep_for(delay);
  kill(pid, SIGINT);
  const auto signalled = std::chrono::steady_clock::now();
  int status = 0;
  // Bounded: a command that ignores the signal is killed after 10 s and the test fails on it.
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - signalled > std::chrono::seconds(10)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Interrupted interrupted;
  interrupted.after_signal = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - signalled);
  interrupted.result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  interrupted.result.out = read_all(out);
  interrupted.result.err = read_all(err);
  return interrupted;
}

}  // namespace seam::test
