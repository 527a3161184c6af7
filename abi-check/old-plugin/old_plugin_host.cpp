// old_plugin_host: today's loader against a plugin built from the frozen v1 header.
//
//   old_plugin_host accept FILE              FILE loads, registers, and every v1 slot works
//   old_plugin_host refuse FILE VERSION      FILE declares API VERSION and is refused with
//                                            PluginApiVersionMismatchError
//
// Prints one line per verified fact ("ok ..." or "FAIL ...") and exits 1 when any fact failed, so
// a failure names the slot that broke. The plugin (old_plugin.c) reports what it saw as events;
// this program checks each against what the loader should have handed it.
#include <seam/loader/errors.hpp>
#include <seam/loader/loader.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const std::string& what, const std::string& detail = {}) {
  std::cout << (ok ? "ok   " : "FAIL ") << what;
  if (!ok && !detail.empty()) std::cout << "  [" << detail << "]";
  std::cout << "\n";
  if (!ok) ++failures;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The string the loader hands out for the service id the plugin asks for.
const char kServiceText[] = "abi-check-service-table";

struct UsageLog {
  std::mutex mutex;
  std::vector<std::string> lines;
  void add(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.push_back(line);
  }
  bool saw(const std::string& part) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& l : lines)
      if (contains(l, part)) return true;
    return false;
  }
};

seam::LoaderOptions options_for(const std::filesystem::path& file, UsageLog& usage) {
  seam::LoaderOptions options;
  options.plugin_files.push_back(file);
  options.host_version = "0.1.0";
  options.services["seam.abi-check/1"] = kServiceText;
  options.usage_sink = [&usage](const std::string& plugin, const std::string& json) {
    usage.add(plugin + " " + json);
  };
  return options;
}

void check_report(const seam::Loader& loader, const std::filesystem::path& file) {
  check(loader.ok(), "the loader accepts the plugin",
        loader.report().empty() ? "no row" : loader.report().back().reason);
  const seam::PluginRow* row = nullptr;
  for (const auto& r : loader.report())
    if (r.origin == file.string()) row = &r;
  check(row != nullptr, "the report has a row for " + file.filename().string());
  if (!row) return;
  check(row->state == seam::PluginState::registered, "row state is registered", row->reason);
  check(row->name == "old-plugin", "descriptor.name read", row->name);
  check(row->version == "1.2.3", "descriptor.version read", row->version);
  check(contains(row->description, "frozen v1 header"), "descriptor.description read");
  check(row->vendor == "Seam abi-check", "descriptor.vendor read", row->vendor);
  check(row->api_version == 1, "descriptor.api_version is 1");
  bool backend = false, lister = false;
  for (const auto& c : row->contributions) {
    bool dep = c.dependencies.size() == 1 && c.dependencies[0].name == "c-runtime" &&
               c.dependencies[0].candidates.size() == 2 &&
               c.dependencies[0].install_hint == "part of every system";
    if (c.kind == seam::Contribution::Kind::backend && c.family == "llm" && c.sdk == "old-plugin" &&
        c.flags == 0 && dep)
      backend = true;
    if (c.kind == seam::Contribution::Kind::lister && c.sdk == "old-plugin" && dep) lister = true;
  }
  check(backend, "registrar.add_inference_backend: llm:old-plugin with its dependency");
  check(lister, "registrar.add_model_lister: lister:old-plugin with its dependency");
}

// Runs one request and returns the events, parsed.
std::vector<nlohmann::json> invoke(seam::Worker& worker, const std::string& request) {
  std::vector<nlohmann::json> events;
  worker.invoke(request, [&](std::string_view json) {
    try {
      events.push_back(nlohmann::json::parse(json));
    } catch (const std::exception& e) {
      check(false, "event is one JSON object of exactly len bytes", e.what());
    }
    return true;
  });
  return events;
}

void check_events(const std::vector<nlohmann::json>& events) {
  std::map<std::string, nlohmann::json> slot;
  for (const auto& e : events)
    if (e.contains("slot")) slot[e["slot"].get<std::string>()] = e;
  auto has = [&](const char* name) {
    bool present = slot.count(name) != 0;
    check(present, std::string("event for slot ") + name);
    return present;
  };
  if (has("make_worker_args")) {
    const auto& e = slot["make_worker_args"];
    check(e["struct_size_ok"] == 1, "make_worker_args.struct_size covers the v1 struct");
    check(e["family"] == "llm" && e["sdk"] == "old-plugin", "make_worker_args.family/sdk");
    check(e["backend_name"] == "old-instance", "make_worker_args.backend_name");
    check(e["model"]["model_id"] == "old-model", "make_worker_args.model_json", e["model"].dump());
    check(e["config"]["key"] == "value", "make_worker_args.backend_config_json");
    check(e["user_data_ok"] == 1, "make_worker_args.user_data is the registered pointer");
    check(e["out_worker_size"].get<unsigned>() >= 24, "seam_worker.struct_size set by the host");
  }
  if (has("host.header")) {
    const auto& e = slot["host.header"];
    check(e["api_version"] == 1, "seam_host.api_version");
    check(e["host_version"] == "0.1.0", "seam_host.host_version");
    check(e["has_report_usage"] == 1, "seam_host.struct_size covers every v1 slot");
  }
  if (has("host.log")) check(slot["host.log"]["called"] == 2, "seam_host.log");
  if (has("host.get_service")) {
    const auto& e = slot["host.get_service"];
    check(e["known"] == kServiceText, "seam_host.get_service finds a registered service");
    check(e["unknown_is_null"] == 1, "seam_host.get_service returns NULL for an unknown id");
  }
  if (has("host.require+symbol")) {
    const auto& e = slot["host.require+symbol"];
    check(e["status"] == 0, "seam_host.require resolves a present library", e.dump());
    check(e["found"] == 1 && e["strlen_works"] == 1, "seam_host.symbol returns a callable symbol");
    check(e["missing_symbol_is_null"] == 1, "seam_host.symbol returns NULL for a missing name");
  }
  if (has("host.require_missing")) {
    const auto& e = slot["host.require_missing"];
    check(e["status"] == 4 && e["error_status"] == 4,
          "seam_host.require answers SEAM_E_MISSING_DEPENDENCY", e.dump());
    check(e["message_has_hint"] == 1, "seam_error.set carries the install hint to the plugin");
    check(e["library_untouched"] == 1, "a failed require leaves *out_library alone");
  }
  if (has("host.get_or_create")) {
    const auto& e = slot["host.get_or_create"];
    check(e["status"] == 0 && e["same_client"] == 1 && e["value"] == 42,
          "seam_host.get_or_create caches the client", e.dump());
    check(e["builds"] == 1, "seam_host.get_or_create builds once", e.dump());
  }
  if (has("host.report_usage")) check(slot["host.report_usage"]["called"] == 1, "report_usage");
  if (has("registrar.late_call")) {
    check(slot["registrar.late_call"]["status"] == 9,
          "a registrar call after register returned fails with SEAM_E_INVALID_STATE",
          slot["registrar.late_call"].dump());
  }
  if (has("sink.len")) check(slot["sink.len"]["ok"] == 1, "seam_event_sink.emit honours len");
  check(!events.empty() && events.back().value("type", "") == "done", "the last event is done");
}

int accept(const std::filesystem::path& file) {
  UsageLog usage;
  {
    seam::Loader loader(options_for(file, usage));
    check_report(loader, file);
    if (!loader.ok()) return 1;
    const seam::Registry& registry = loader.registry();
    const seam::Backend& backend = registry.lookup("llm", "old-plugin");

    seam::WorkerSpec spec;
    spec.backend_name = "old-instance";
    spec.model_json = R"({"name":"old","model_id":"old-model","options":{}})";
    spec.backend_config_json = R"({"key":"value"})";
    {
      seam::Worker worker = backend.make_worker(spec);
      check_events(invoke(worker, R"({"messages":[{"role":"user","content":"hi"}]})"));
      check(usage.saw("\"input_tokens\":1"), "the host's usage sink got the plugin's report");

      try {
        invoke(worker, R"({"fail":true})");
        check(false, "invoke failure reaches the host as WorkerError");
      } catch (const seam::WorkerError& e) {
        check(e.status() == 7 && contains(e.what(), "invoke was asked to fail"),
              "seam_error.set from invoke: status and message reach the host", e.what());
      }

      int seen = 0;
      seam::InvokeOutcome outcome =
          worker.invoke(R"({"cancel":true})", [&](std::string_view) { return ++seen < 3; });
      check(outcome == seam::InvokeOutcome::cancelled && seen == 3,
            "a non-zero return from the event sink cancels the worker");
    }
    check(usage.saw("destroyed"), "seam_worker_vtable.destroy runs when the worker goes");

    seam::WorkerSpec failing = spec;
    failing.model_json = R"({"fail_make":true})";
    try {
      backend.make_worker(failing);
      check(false, "make_worker failure reaches the host as WorkerError");
    } catch (const seam::WorkerError& e) {
      check(e.status() == 7 && contains(e.what(), "make_worker was asked to fail"),
            "seam_error.set from make_worker: status and message reach the host", e.what());
    }

    const seam::ModelLister* lister = registry.find_lister("old-plugin");
    check(lister != nullptr, "the registry has the plugin's lister");
    if (lister) {
      std::vector<seam::ModelInfo> models;
      lister->list(spec, [&](const seam::ModelInfo& m) {
        models.push_back(m);
        return true;
      });
      bool ok = models.size() == 2 && models[0].id == "old-a" && models[0].family == "llm" &&
                models[0].display_name == "Old A" && models[1].id == "old-b" &&
                models[1].family == "img_gen" && models[1].display_name == "old-b" &&
                models[1].extra_json == "{}";
      check(ok, "list_models: seam_model_record fields reach the host");
      if (!models.empty()) {
        auto extra = nlohmann::json::parse(models[0].extra_json);
        check(extra["sdk"] == "old-plugin" && extra["backend_name"] == "old-instance" &&
                  extra["user_data_ok"] == 1 && extra["host_api"] == 1,
              "seam_list_models_args fields reach the lister", models[0].extra_json);
      }
      int delivered = 0;
      lister->list(spec, [&](const seam::ModelInfo&) { return ++delivered < 1; });
      check(delivered == 1, "a non-zero return from the model sink stops the lister");

      seam::WorkerSpec unsupported = spec;
      unsupported.backend_config_json = R"({"unsupported":true})";
      try {
        lister->list(unsupported, [](const seam::ModelInfo&) { return true; });
        check(false, "SEAM_E_UNSUPPORTED from a lister is ModelListingUnsupportedError");
      } catch (const seam::ModelListingUnsupportedError& e) {
        check(contains(e.what(), "cannot list"),
              "SEAM_E_UNSUPPORTED from a lister is ModelListingUnsupportedError", e.what());
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

int refuse(const std::filesystem::path& file, const std::string& declared) {
  UsageLog usage;
  seam::Loader loader(options_for(file, usage));
  check(!loader.ok(), "the loader refuses a plugin declaring API version " + declared);
  const std::string range =
      std::to_string(SEAM_API_VERSION_MIN) + ".." + std::to_string(SEAM_API_VERSION);
  for (const auto& row : loader.report()) {
    if (row.origin != file.string()) continue;
    check(row.state == seam::PluginState::incompatible, "row state is incompatible");
    check(row.error_kind == "PluginApiVersionMismatchError", "row error kind", row.error_kind);
    check(std::to_string(row.api_version) == declared, "row api_version is the declared one");
  }
  try {
    loader.registry();
    check(false, "registry() throws PluginApiVersionMismatchError (on_error = fail)");
  } catch (const seam::PluginApiVersionMismatchError& e) {
    const std::string message = e.what();
    check(contains(message, file.filename().string()), "the message names the file", message);
    check(contains(message, "version " + declared), "the message names the declared version",
          message);
    check(contains(message, range), "the message names the supported range " + range, message);
  } catch (const std::exception& e) {
    check(false, "registry() throws PluginApiVersionMismatchError", e.what());
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "accept" && argc == 3) return accept(argv[2]);
    if (mode == "refuse" && argc == 4) return refuse(argv[2], argv[3]);
  } catch (const std::exception& e) {
    std::cout << "FAIL unexpected exception: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: old_plugin_host accept FILE | refuse FILE VERSION\n";
  return 2;
}
