#include "config.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>
#include <seam/loader/errors.hpp>

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
                  {"paths", "disabled", "on_error", "registry", "isolate", "default_folders"});
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
  if (const toml::node* paths = t.get("paths")) {
    for (const std::string& p : check.strings(*paths, "[plugins] paths")) {
      std::filesystem::path path(p);
      config.plugin_paths.push_back(path.is_absolute() ? path : dir / path);
    }
  }
  if (const toml::node* disabled = t.get("disabled")) {
    config.disabled = check.strings(*disabled, "[plugins] disabled");
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
    backend.config_json = table.dump();
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

}  // namespace

Config load_config_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  toml::table root;
  try {
    root = toml::parse_file(name);
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
  if (const char* env = std::getenv("SEAM_CONFIG"); env && *env) return load_config_file(env);
  std::error_code ec;
  if (std::filesystem::is_regular_file("seam.toml", ec)) return load_config_file("seam.toml");
  return Config{};
}

}  // namespace seam::host
