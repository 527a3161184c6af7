// The `seam` command: wiring of its subcommands. Each subcommand's work lives in its own file.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <on_demand_http_service.hpp>
#include <seam/loader/loader.hpp>
#include <seam/loader/options.hpp>
#include <seam/loader/printable.hpp>
#include <seam/loader/security.hpp>

#include "answer_stream.hpp"
#include "backend_secrets.hpp"
#include "config.hpp"
#include "crash_report.hpp"
#include "did_you_mean.hpp"
#include "exit_codes.hpp"
#include "help_catalog.hpp"
#include "loader_setup.hpp"
#include "logging.hpp"
#include "model_catalog.hpp"
#include "models_list.hpp"
#include "plugin_check.hpp"
#include "plugins_list.hpp"
#include "plugins_which.hpp"
#include "redacting_output.hpp"
#include "run_command.hpp"

namespace {

// Hides the configured keys and credential headers in everything written below; empty until the
// configuration is read.
std::shared_ptr<const seam::http::Redactor> redactor = std::make_shared<seam::http::Redactor>();

int report_error(const std::string& kind, const std::string& message) {
  // Messages quote plugins' own words: escaped, so none can steer the terminal; and never a key.
  seam::host::on_own_line([&] {
    std::cerr << "error: " << kind << ": " << seam::printable_text(redactor->redact(message))
              << '\n';
  });
  return seam::host::kExitError;
}

}  // namespace

// The command itself, answering on ANSWER; main adds what every command shares.
int run_seam(int argc, char** argv, std::ostream& answer) {
  using namespace seam::host;
  CLI::App app{"seam: discover, inspect and run inference backend plugins"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("seam ") + host_version());

  std::string config_file;
  std::vector<std::string> plugin_paths;
  app.add_option("--config", config_file,
                 "Configuration file (default: $SEAM_CONFIG, ./seam.toml)");
  auto* verbose = app.add_flag("-v,--verbose",
                               "More logging on stderr (-v info, -vv debug); plugins list -v also "
                               "prints the folders searched");
  bool secure = false;
  app.add_flag("--secure", secure,
               "Secure mode: ignore every SEAM_*, XDG_* and HOME variable, the user plugin folder "
               "and ./seam.toml (always on when seam runs setuid or setgid)");
  bool no_default_folders = false;
  app.add_flag("--no-default-folders", no_default_folders,
               "Search only the configured folders, --plugin-path and $SEAM_PLUGIN_PATH, not the "
               "user folder ($XDG_DATA_HOME/seam/plugins) or the installation's lib/seam/plugins");

  bool safe_mode = false;
  app.add_flag("--safe-mode", safe_mode,
               "Load builtins only, no plugin file opened (as SEAM_PLUGINS_DISABLE='*'): the way "
               "out when a plugin breaks start-up");
  app.footer(
      "Environment: SEAM_CONFIG, SEAM_PLUGIN_PATH, SEAM_PLUGINS_DISABLE, SEAM_PLUGINS_SELECT "
      "(comma-separated globs on plugin names and file stems), SEAM_REGISTRY, "
      "SEAM_REGISTRY_UPDATE, SEAM_LOG, SEAM_CA_BUNDLE, XDG_DATA_HOME, XDG_CACHE_HOME, HOME, "
      "NO_COLOR. Every one but NO_COLOR is ignored in secure mode.");
  const std::string plugin_env =
      "Environment: SEAM_CONFIG, SEAM_PLUGIN_PATH, SEAM_PLUGINS_DISABLE, SEAM_PLUGINS_SELECT, "
      "SEAM_REGISTRY, SEAM_REGISTRY_UPDATE, SEAM_LOG, XDG_DATA_HOME, XDG_CACHE_HOME, HOME, "
      "NO_COLOR (ignored in secure mode but NO_COLOR).";
  // What the commands that reach backends read besides.
  const std::string http_env =
      " For backends: SEAM_CA_BUNDLE, libcurl's proxy variables (HTTPS_PROXY, NO_PROXY ...; not "
      "in secure mode) and each backend's api_key_env.";
  // What is installed, for the help of the commands that take a model or backend name: built when
  // the help is printed, with the options parsed so far (--config, --plugin-path, --safe-mode ...).
  const auto installed = [&] {
    if (secure) seam::enable_secure_mode();
    HelpSettings settings;
    if (!config_file.empty()) settings.config_file = config_file;
    settings.plugin_paths.assign(plugin_paths.begin(), plugin_paths.end());
    settings.no_default_folders = no_default_folders;
    settings.safe_mode = safe_mode;
    return installed_for_help(settings);
  };

  CLI::App* plugins = app.add_subcommand("plugins", "Inspect plugins");
  plugins->require_subcommand(1);
  plugins->fallthrough();
  CLI::App* list =
      plugins->add_subcommand("list", "Every discovered plugin with its state and why");
  ListOptions list_options;
  list->add_flag("--json", list_options.json, "Print JSON with every field");
  list->add_flag("--explain", list_options.explain,
                 "Also say how each row came to be (cache hit or miss and why, scan time), the "
                 "library or symbol a broken file is missing, and every folder searched");
  list->add_flag("--probe", list_options.probe,
                 "Also check each declared dependency library (found or missing)");
  // One directory per --plugin-path, so a following positional is never taken for a second one.
  list->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);
  list->footer(plugin_env);

  CLI::App* which = plugins->add_subcommand(
      "which", "Which plugin serves a key (llm:openai, lister:openai), from which file, and why");
  std::string which_key;
  which->add_option("key", which_key, "family:sdk or lister:sdk")->required();
  which->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);
  which->footer(plugin_env);

  CLI::App* check = plugins->add_subcommand(
      "check", "Validate a plugin file for authors (out of process; non-zero exit on errors)");
  std::string check_file;
  bool check_json = false;
  double check_timeout = 10.0;
  check->add_option("file", check_file, "The plugin library to check")->required();
  check->add_flag("--json", check_json, "Print JSON for CI");
  check->add_option("--timeout", check_timeout, "Seconds before a hanging plugin is killed");

  CLI::App* models = app.add_subcommand("models", "Inspect the models backends serve");
  models->require_subcommand(1);
  models->fallthrough();
  CLI::App* models_list_cmd =
      models->add_subcommand("list", "Ask each configured backend's lister for its models");
  std::string models_backend;
  std::string models_capture;
  models_list_cmd->add_option("backend", models_backend, "Only this backend ([backends.NAME])");
  auto* models_json = models_list_cmd->add_flag("--json", "Print JSON");
  auto* models_csv = models_list_cmd->add_flag("--csv", "Print CSV");
  models_json->excludes(models_csv);
  models_list_cmd->add_option("--capture", models_capture,
                              "Append each HTTP exchange to this file as a JSON line (redacted)");
  models_list_cmd
      ->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);
  models_list_cmd->footer(installed);
  models_list_cmd->footer(plugin_env + http_env);

  CLI::App* run = app.add_subcommand("run", "Send one prompt to a model and stream the answer");
  RunRequest request;
  std::string run_capture;
  run->add_option("--model", request.model, "Model name ([models.NAME] in seam.toml, or echo)")
      ->required();
  run->add_option("prompt", request.prompt, "The prompt, or - (or nothing) to read it from stdin");
  run->add_option("--capture", run_capture,
                  "Append each HTTP exchange to this file as a JSON line, with the "
                  "Authorization and x-api-key headers and configured keys redacted");
  run->add_option("--system", request.system, "A system message");
  run->add_option("--max-tokens", request.max_tokens, "Maximum tokens to generate");
  run->add_option("--temperature", request.temperature, "Sampling temperature");
  run->add_flag("--json", request.json_events, "Print each event as a JSON line");
  run->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);
  std::string run_plugin;
  run->add_option("--plugin", run_plugin,
                  "For this run, the plugin that serves the model's family:sdk when several do "
                  "(a one-run [plugins] prefer pin)");
  run->footer(installed);
  run->footer(plugin_env + http_env);

  CLI::App* rescan = plugins->add_subcommand(
      "rescan", "Forget the registry cache and scan every plugin file again");
  rescan->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);
  rescan->footer(plugin_env);
  check->footer(
      "Environment: SEAM_LOG, NO_COLOR. The file is checked in a child process; no "
      "configuration or plugin folder is read.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; any usage error is exit 1, as documented.
    return app.exit(e, answer, std::cerr) == 0 ? kExitOk : kExitError;
  }
  // Before anything reads the environment.
  if (secure) seam::enable_secure_mode();
  configure_logging(static_cast<int>(verbose->count()));

  if (check->parsed()) {
    auto timeout = std::chrono::milliseconds(static_cast<long>(check_timeout * 1000));
    CheckResult result = check_plugin(check_file, timeout, host_version());
    if (check_json) {
      // File names and exports are the plugin's bytes: invalid UTF-8 becomes U+FFFD.
      answer << result.to_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
             << '\n';
    } else {
      print_check(result, answer);
    }
    return result.ok() ? kExitOk : kExitPluginProblems;
  }

  // From here on plugin code may run in this process (plugins check runs it in a child of its own,
  // which reports a crash by its own signal).
  report_plugin_crashes();

  try {
    std::optional<std::filesystem::path> explicit_config;
    if (!config_file.empty()) explicit_config = config_file;
    Config config = load_config(explicit_config);
    redactor = std::make_shared<seam::http::Redactor>(configured_secrets(config));
    redact_log_lines(redactor);
    // Line-based output passes through the redactor; plain `seam run` text streams as it comes.
    RedactingLines redacted_out(answer, *redactor);
    std::ostream safe_out(&redacted_out);
    std::ostream& out = redactor->empty() ? answer : safe_out;
    list_options.folders = verbose->count() > 0;
    list_options.config_file = config.file;
    std::vector<std::filesystem::path> extra(plugin_paths.begin(), plugin_paths.end());
    const std::string& capture = models_list_cmd->parsed() ? models_capture : run_capture;
    std::optional<std::filesystem::path> capture_file;
    if (!capture.empty()) capture_file = capture;
    // Declared before the loader: plugins hold its table for as long as the loader lives. libcurl
    // is loaded at the first request, so a command that makes none does not pay for it.
    seam::http::OnDemandHttpService http(
        seam::http_module_file(), http_service_options(config, capture_file, &interrupt_flag()));
    seam::LoaderOptions options = loader_options(config, extra, http.table());
    apply_global_flags(options, no_default_folders, safe_mode);
    if (run->parsed() && !run_plugin.empty()) {
      const ResolvedModel resolved = resolve_model(config, request.model);
      options.prefer[resolved.model.family + ":" + resolved.backend.sdk] = run_plugin;
    }
    if (rescan->parsed() && !options.registry_cache.empty()) {
      std::error_code ec;
      std::filesystem::remove(options.registry_cache, ec);
    }
    const std::filesystem::path registry = options.registry_cache;
    seam::Loader loader(std::move(options));
    if (run->parsed() && !run_plugin.empty()) {
      std::vector<std::string> names;
      for (const auto& row : loader.report()) names.push_back(row.name);
      if (std::find(names.begin(), names.end(), run_plugin) == names.end()) {
        throw seam::ConfigError("--plugin", 0, 0,
                                "no plugin is named '" + run_plugin + "'." +
                                    did_you_mean(run_plugin, names) +
                                    " See `seam plugins list` for the installed plugins.");
      }
    }

    if (list->parsed()) return plugins_list(loader, list_options, out);
    if (which->parsed()) {
      plugins_which(loader, which_key, out);
      return kExitOk;
    }
    if (rescan->parsed()) {
      out << "Rescanned " << loader.report().size() << " plugin(s)"
          << (registry.empty() ? std::string() : " into " + registry.string()) << '\n';
      return loader.ok() ? kExitOk : kExitPluginProblems;
    }

    if (models_list_cmd->parsed()) {
      std::optional<std::string> only;
      if (!models_backend.empty()) only = models_backend;
      ModelsFormat format = models_json->count() > 0  ? ModelsFormat::json
                            : models_csv->count() > 0 ? ModelsFormat::csv
                                                      : ModelsFormat::table;
      RedactingLines redacted_err(std::cerr, *redactor);
      std::ostream safe_err(&redacted_err);
      return print_models(list_models(loader, config, only), format, out, safe_err);
    }

    if (request.prompt.empty() || request.prompt == "-") {
      request.prompt.assign(std::istreambuf_iterator<char>(std::cin), {});
      while (!request.prompt.empty() && request.prompt.back() == '\n') request.prompt.pop_back();
    }
    cancel_on_interrupt();
    if (!run_model(loader, config, request, request.json_events ? out : answer)) {
      on_own_line([] { std::cerr << "cancelled\n"; });
      return 130;
    }
    return kExitOk;
  } catch (const seam::Error& e) {
    return report_error(e.kind(), e.what());
  } catch (const std::exception& e) {
    return report_error("Error", e.what());
  }
}

int main(int argc, char** argv) {
  using namespace seam::host;
  // A closed stdout would hand descriptor 1 to the next file opened (the registry cache ...):
  // /dev/null holds its place, and the command fails at the end instead of exiting 0 silently.
  const bool stdout_closed = ::fcntl(STDOUT_FILENO, F_GETFD) < 0 && errno == EBADF;
  if (stdout_closed) ::open("/dev/null", O_WRONLY);
  AnswerStream answer;
  int code = run_seam(argc, argv, answer.stream());
  answer.stream().flush();
  // A command that failed already said why; the output lost on the way adds nothing.
  if ((stdout_closed || !answer.stream()) && code == kExitOk) {
    std::cerr << "error: OutputError: cannot write to standard output ("
              << (stdout_closed ? "it is closed" : "the write failed") << "); the output is lost\n";
    code = kExitError;
  }
  return code;
}
