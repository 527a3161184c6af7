#include "config.hpp"

#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>
#include <toml++/toml.h>
#include <nlohmann/json.hpp>
#include <seam/loader/errors.hpp>
#include <seam/loader/security.hpp>

namespace seam::host {

namespace {

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw ConfigError(file_, where.begin.line, where.begin.column, what);
  }

  // Every key of TABLE must be in ALLOWED.
  void only_keys(const toml::table& table, const std::string& where,
                 const std::set<std::string>& allowed) const {
    for (auto&& [key, node] : table) {
      if (allowed.count(std::string(key.str())) == 0) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(key.source(), "unknown key '" + std::string(key.str()) + "' in " + where +
                               " (allowed: " + list + ")");
      }
    }
  }

  std::string string(const toml::node& node, const std::string& what) const {
    if (auto value = node.value<std::string>(); value && node.is_string()) return *value;
    fail(node.source(), what + " must be a string");
  }

  std::vector<std::string> strings(const toml::node& node, const std::string& what) const {
    const toml::array* array = node.as_array();
    if (!array) fail(node.source(), what + " must be an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) out.push_back(string(item, what + " entries"));
    return out;
  }

  const toml::table& table(const toml::node& node, const std::string& what) const {
    if (const toml::table* t = node.as_table()) return *t;
    fail(node.source(), what + " must be a table");
  }

 private:
  std::string file_;
};

std::string to_json(const toml::table& table) {
  std::ostringstream out;
  out << toml::json_formatter{table};
  return out.str();
}

void read_plugins(const Checker& check, const toml::table& t, const std::filesystem::path& dir,
                  Config& config) {
  check.only_keys(t, "[plugins]",
                  {"paths", "disabled", "on_error", "registry", "isolate", "default_folders",
                   "trusted", "prefer", "select", "disable_globs", "scan_jobs"});
  if (const toml::node* registry = t.get("registry")) {
    std::filesystem::path path(check.string(*registry, "[plugins] registry"));
    config.registry = path.is_absolute() ? path : dir / path;
  }
  for (auto [key, value] : {std::pair<const char*, bool*>{"isolate", &config.isolate},
                            {"default_folders", &config.default_folders}}) {
    if (const toml::node* node = t.get(key)) {
      if (!node->is_boolean())
        check.fail(node->source(), std::string("[plugins] ") + key + " must be true or false");
      *value = *node->value<bool>();
    }
  }
  if (const toml::node* jobs = t.get("scan_jobs")) {
    const std::optional<std::int64_t> value = jobs->value<std::int64_t>();
    if (!jobs->is_integer() || !value || *value < 0 || *value > kMaxScanJobs) {
      check.fail(jobs->source(), "[plugins] scan_jobs must be a whole number from 0 (one scanner "
                                 "per CPU) to " + std::to_string(kMaxScanJobs));
    }
    config.scan_jobs = static_cast<unsigned>(*value);
  }
  for (auto [key, out] :
       {std::pair<const char*, std::vector<std::filesystem::path>*>{"paths", &config.plugin_paths},
        {"trusted", &config.trusted_folders}}) {
    if (const toml::node* paths = t.get(key)) {
      for (const std::string& p : check.strings(*paths, std::string("[plugins] ") + key)) {
        std::filesystem::path path(p);
        out->push_back(path.is_absolute() ? path : dir / path);
      }
    }
  }
  if (const toml::node* disabled = t.get("disabled")) {
    config.disabled = check.strings(*disabled, "[plugins] disabled");
  }
  if (const toml::node* select = t.get("select")) {
    config.select_globs = check.strings(*select, "[plugins] select");
  }
  if (const toml::node* globs = t.get("disable_globs")) {
    config.disable_globs = check.strings(*globs, "[plugins] disable_globs");
  }
  if (const toml::node* prefer = t.get("prefer")) {
    for (auto&& [key, value] : check.table(*prefer, "[plugins] prefer")) {
      const std::string label(key.str());
      if (label.find(':') == std::string::npos) {
        check.fail(key.source(), "[plugins] prefer key \"" + label +
                                     "\" is not \"family:sdk\" (\"llm:openai\") or \"lister:sdk\"");
      }
      config.prefer[label] = check.string(value, "[plugins] prefer \"" + label + "\"");
    }
  }
  if (const toml::node* on_error = t.get("on_error")) {
    std::string value = check.string(*on_error, "[plugins] on_error");
    if (value == "fail") {
      config.on_error = OnError::fail;
    } else if (value == "skip") {
      config.on_error = OnError::skip;
    } else {
      check.fail(on_error->source(),
                 "[plugins] on_error must be \"fail\" or \"skip\", not \"" + value + "\"");
    }
  }
}

// A positive number of seconds, integer or float.
double seconds(const Checker& check, const toml::node& node, const std::string& what) {
  std::optional<double> value = node.value<double>();
  if (!value || !(node.is_floating_point() || node.is_integer()) || !(*value > 0)) {
    check.fail(node.source(), what + " must be a positive number of seconds, e.g. 30 or 0.5");
  }
  return *value;
}

// The name of an environment variable: letters, digits and '_', not starting with a digit.
bool is_variable_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

void read_backends(const Checker& check, const toml::table& t, const std::filesystem::path& dir,
                   Config& config) {
  for (auto&& [key, node] : t) {
    const std::string name(key.str());
    const std::string where = "[backends." + name + "]";
    const toml::table& b = check.table(node, where);
    check.only_keys(b, where,
                    {"sdk", "base_url", "api_key_env", "connect_timeout", "timeout", "options"});
    BackendConfig backend;
    backend.name = name;
    const toml::node* sdk = b.get("sdk");
    if (!sdk) check.fail(b.source(), where + " needs an sdk, e.g. sdk = \"openai\"");
    backend.sdk = check.string(*sdk, where + " sdk");
    if (const toml::node* url = b.get("base_url")) {
      const std::string value = check.string(*url, where + " base_url");
      if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
        check.fail(url->source(), where +
                                      " base_url must start with http:// or https://, e.g. "
                                      "base_url = \"https://api.openai.com/v1\"");
      }
    }
    if (const toml::node* env = b.get("api_key_env")) {
      backend.api_key_env = check.string(*env, where + " api_key_env");
      if (!is_variable_name(backend.api_key_env)) {
        check.fail(env->source(), where +
                                      " api_key_env names the environment variable that holds "
                                      "the key (e.g. \"OPENAI_API_KEY\"), not the key itself");
      }
    }
    for (const char* timeout : {"connect_timeout", "timeout"}) {
      if (const toml::node* value = b.get(timeout)) seconds(check, *value, where + " " + timeout);
    }
    if (const toml::node* options = b.get("options")) check.table(*options, where + " options");
    // The plugin gets the whole table; the key itself never enters it, only the variable's name.
    // config_dir (the folder of this file, absolute) lets a plugin resolve a relative path in its
    // options the way [plugins] paths are resolved, not against whatever folder seam runs in.
    nlohmann::json table = nlohmann::json::parse(to_json(b));
    table["config_dir"] = dir.string();
    // A folder whose name is not UTF-8 must not make the JSON library throw.
    backend.config_json = table.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    config.backends[name] = backend;
  }
}

void read_models(const Checker& check, const toml::table& t, Config& config) {
  for (auto&& [key, node] : t) {
    const std::string name(key.str());
    const std::string where = "[models." + name + "]";
    const toml::table& m = check.table(node, where);
    check.only_keys(m, where, {"backend", "family", "model_id", "options"});
    ModelConfig model;
    model.name = name;
    model.model_id = name;
    const toml::node* backend = m.get("backend");
    if (!backend) check.fail(m.source(), where + " needs a backend, e.g. backend = \"echo\"");
    model.backend = check.string(*backend, where + " backend");
    if (const toml::node* family = m.get("family"))
      model.family = check.string(*family, where + " family");
    if (const toml::node* id = m.get("model_id"))
      model.model_id = check.string(*id, where + " model_id");
    if (const toml::node* options = m.get("options")) {
      model.options_json = to_json(check.table(*options, where + " options"));
    }
    config.models[name] = model;
  }
}

// The text of the configuration FILE. Only a regular file is read: a FIFO would block forever, a
// device never end, and a folder is no configuration.
std::string read_config_text(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw ConfigError(name, 0, 0, "cannot be read: it does not exist");
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw ConfigError(name, 0, 0,
                      "is not a regular file (a folder, a FIFO or a device): give --config the "
                      "path of a seam.toml file");
  }
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw ConfigError(name, 0, 0, "cannot be read");
  return text;
}

}  // namespace

Config load_config_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::string text = read_config_text(file);
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw ConfigError(name, e.source().begin.line, e.source().begin.column,
                      std::string(e.description()));
  }
  Checker check(name);
  check.only_keys(root, "the top level", {"plugins", "backends", "models"});
  Config config;
  config.file = file;
  const std::filesystem::path dir = std::filesystem::absolute(file).parent_path();
  if (const toml::node* plugins = root.get("plugins")) {
    read_plugins(check, check.table(*plugins, "[plugins]"), dir, config);
  }
  if (const toml::node* backends = root.get("backends")) {
    read_backends(check, check.table(*backends, "[backends]"), dir, config);
  }
  if (const toml::node* models = root.get("models")) {
    read_models(check, check.table(*models, "[models]"), config);
  }
  return config;
}

Config load_config(const std::optional<std::filesystem::path>& explicit_file) {
  if (explicit_file) return load_config_file(*explicit_file);
  if (const char* env = environment_value("SEAM_CONFIG")) return load_config_file(env);
  // ./seam.toml is found, not named: it is read only where it cannot have been planted (never in
  // secure mode, and only when it and its folders are the user's or root's and not writable by
  // others), as git does with repositories.
  std::error_code ec;
  if (secure_mode() || !std::filesystem::exists("seam.toml", ec)) return Config{};
  const std::filesystem::path implicit = std::filesystem::absolute("seam.toml", ec);
  if (std::string why = location_untrusted(implicit); !why.empty()) {
    if (auto logger = spdlog::get("seam")) {
      logger->warn("./seam.toml is not read: {}. Fix its owner or mode, or name it with --config",
                   why);
    }
    return Config{};
  }
  return load_config_file("seam.toml");
}

}  // namespace seam::host
