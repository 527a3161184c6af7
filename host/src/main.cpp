// The `seam` command: wiring of its subcommands. Each subcommand's work lives in its own file.
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <seam/loader/loader.hpp>
#include <seam/loader/security.hpp>

#include "backend_secrets.hpp"
#include "config.hpp"
#include "exit_codes.hpp"
#include "loader_setup.hpp"
#include "logging.hpp"
#include "models_list.hpp"
#include "plugin_check.hpp"
#include "plugins_list.hpp"
#include "redacting_output.hpp"
#include "run_command.hpp"

namespace {

// Hides the configured keys and credential headers in everything written below; empty until the
// configuration is read.
std::shared_ptr<const seam::http::Redactor> redactor = std::make_shared<seam::http::Redactor>();

int report_error(const std::string& kind, const std::string& message) {
  std::cerr << "error: " << kind << ": " << redactor->redact(message) << '\n';
  return seam::host::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
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

  CLI::App* plugins = app.add_subcommand("plugins", "Inspect plugins");
  plugins->require_subcommand(1);
  plugins->fallthrough();
  CLI::App* list =
      plugins->add_subcommand("list", "Every discovered plugin with its state and why");
  ListOptions list_options;
  list->add_flag("--json", list_options.json, "Print JSON with every field");
  list->add_flag("--probe", list_options.probe,
                 "Also check each declared dependency library (found or missing)");
  // One directory per --plugin-path, so a following positional is never taken for a second one.
  list->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);

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

  CLI::App* rescan = plugins->add_subcommand(
      "rescan", "Forget the registry cache and scan every plugin file again");
  rescan->add_option("--plugin-path", plugin_paths, "Also search this directory (repeatable)")
      ->allow_extra_args(false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; any usage error is exit 1, as documented.
    return app.exit(e) == 0 ? kExitOk : kExitError;
  }
  // Before anything reads the environment.
  if (secure) seam::enable_secure_mode();
  configure_logging(static_cast<int>(verbose->count()));

  if (check->parsed()) {
    auto timeout = std::chrono::milliseconds(static_cast<long>(check_timeout * 1000));
    CheckResult result = check_plugin(check_file, timeout, host_version());
    if (check_json) {
      std::cout << result.to_json().dump(2) << '\n';
    } else {
      print_check(result, std::cout);
    }
    return result.ok() ? kExitOk : kExitPluginProblems;
  }

  try {
    std::optional<std::filesystem::path> explicit_config;
    if (!config_file.empty()) explicit_config = config_file;
    Config config = load_config(explicit_config);
    redactor = std::make_shared<seam::http::Redactor>(configured_secrets(config));
    redact_log_lines(redactor);
    // Line-based output passes through the redactor; plain `seam run` text streams as it comes.
    RedactingLines redacted_out(std::cout, *redactor);
    std::ostream safe_out(&redacted_out);
    std::ostream& out = redactor->empty() ? std::cout : safe_out;
    if (no_default_folders) config.default_folders = false;
    list_options.folders = verbose->count() > 0;
    list_options.config_file = config.file;
    std::vector<std::filesystem::path> extra(plugin_paths.begin(), plugin_paths.end());
    const std::string& capture = models_list_cmd->parsed() ? models_capture : run_capture;
    std::optional<std::filesystem::path> capture_file;
    if (!capture.empty()) capture_file = capture;
    // Declared before the loader: plugins hold its table for as long as the loader lives.
    seam::http::HttpService http(http_service_options(config, capture_file, &interrupt_flag()));
    seam::LoaderOptions options = loader_options(config, extra, &http);
    if (rescan->parsed() && !options.registry_cache.empty()) {
      std::error_code ec;
      std::filesystem::remove(options.registry_cache, ec);
    }
    const std::filesystem::path registry = options.registry_cache;
    seam::Loader loader(std::move(options));

    if (list->parsed()) return plugins_list(loader, list_options, out);
    if (rescan->parsed()) {
      std::cout << "Rescanned " << loader.report().size() << " plugin(s)"
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
    if (!run_model(loader, config, request, request.json_events ? out : std::cout)) {
      std::cerr << "cancelled\n";
      return 130;
    }
    return kExitOk;
  } catch (const seam::Error& e) {
    return report_error(e.kind(), e.what());
  } catch (const std::exception& e) {
    return report_error("Error", e.what());
  }
}
