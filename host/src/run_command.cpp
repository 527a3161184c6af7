#include "run_command.hpp"

#include <atomic>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>
#include <seam/loader/errors.hpp>
#include <seam/loader/printable.hpp>

#include "model_catalog.hpp"

namespace seam::host {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
  interrupted.store(true);
  // A second Ctrl-C kills as usual.
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void cancel_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
}

const std::atomic<bool>& interrupt_flag() {
  return interrupted;
}

std::string mime_type_of(const std::filesystem::path& file) {
  static const std::pair<const char*, const char*> known[] = {
      {".pdf", "application/pdf"},
      {".txt", "text/plain"},
      {".md", "text/markdown"},
      {".html", "text/html"},
      {".htm", "text/html"},
      {".json", "application/json"},
      {".csv", "text/csv"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".tif", "image/tiff"},
      {".tiff", "image/tiff"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [suffix, type] : known) {
    if (extension == suffix) return type;
  }
  return "application/octet-stream";
}

std::string request_json(const std::string& family, const RunRequest& request,
                         const std::string& model_options_json) {
  nlohmann::json json = nlohmann::json::parse(model_options_json);
  if (family == "llm") {
    nlohmann::json messages = nlohmann::json::array();
    if (request.system) messages.push_back({{"role", "system"}, {"content", *request.system}});
    messages.push_back({{"role", "user"}, {"content", request.prompt}});
    json["messages"] = messages;
    if (request.max_tokens) json["max_tokens"] = *request.max_tokens;
    if (request.temperature) json["temperature"] = *request.temperature;
  } else if (family == "search") {
    json["query"] = request.prompt;
  } else if (family == "img_gen") {
    json["prompt"] = request.prompt;
  } else if (family == "extract") {
    // The plugin may run in another working directory: it gets the file by absolute path.
    const std::filesystem::path file = std::filesystem::absolute(request.prompt);
    json["document"] = {{"mime_type", mime_type_of(file)}, {"path", file.string()}};
  } else {
    json["input"] = request.prompt;
  }
  return json.dump();
}

// How one event reads on a terminal; "" for events that have no text form.
std::string event_text(const nlohmann::json& event) {
  const std::string type = event.value("type", "");
  if (type == "delta" || type == "text") return event.value("text", "");
  if (type == "result") {
    std::ostringstream line;
    line << event.value("title", event.value("id", "")) << "  (score " << event.value("score", 0.0)
         << ")\n    " << event.value("snippet", "") << '\n';
    return line.str();
  }
  return {};
}

// EVENT as the one JSON object it must be, with invalid UTF-8 replaced by U+FFFD; anything else
// is a WorkerError naming the worker's plugin.
nlohmann::json checked_event(std::string_view event, const Worker& worker) {
  nlohmann::json parsed = nlohmann::json::parse(valid_utf8(event), nullptr, false);
  if (!parsed.is_object()) {
    const std::string_view start = event.substr(0, 60);
    throw WorkerError(SEAM_E_INTERNAL,
                      worker.label() + " sent an event that is not one JSON object: '" +
                          printable_text(start) + (start.size() < event.size() ? "…" : "") + "'");
  }
  return parsed;
}

// Fails loudly when OUT could not take what was written (closed, full): a partial answer must not
// look like a whole one.
void check_written(const std::ostream& out) {
  if (!out) throw std::runtime_error("cannot write the answer to standard output");
}

bool run_model(const Loader& loader, const Config& config, const RunRequest& request,
               std::ostream& out) {
  ResolvedModel resolved = resolve_model(config, request.model);
  const Backend& backend = backend_for(loader.registry(), resolved.model.family, resolved.backend);
  WorkerSpec spec{resolved.backend.name, model_json(resolved.model), resolved.backend.config_json};
  Worker worker = backend.make_worker(spec);

  bool wrote_text = false;
  InvokeOutcome outcome = InvokeOutcome::completed;
  try {
    outcome = worker.invoke(
        request_json(resolved.model.family, request, resolved.model.options_json),
        [&](std::string_view event) {
          const nlohmann::json parsed = checked_event(event, worker);
          if (request.json_events) {
            // Written again from the parsed object: always one valid JSON object on one line.
            out << parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
                << std::flush;
          } else {
            std::string text = event_text(parsed);
            if (!text.empty()) {
              out << text << std::flush;
              wrote_text = text.back() != '\n';
            }
          }
          check_written(out);
          return !interrupted.load();
        },
        &interrupted);
  } catch (const WorkerError& e) {
    // Ctrl-C while the plugin waited on the network: the HTTP service aborted the transfer and the
    // plugin reported it as cancelled. That is the user's choice, not a failure.
    if (e.status() != SEAM_E_CANCELLED || !interrupted.load()) throw;
    outcome = InvokeOutcome::cancelled;
  }
  if (wrote_text) out << '\n';
  out.flush();
  check_written(out);
  return outcome == InvokeOutcome::completed;
}

}  // namespace seam::host
