// Small readers over a Loader's report, problems and workers, so tests state what they expect
// instead of how to dig it out.
#pragma once

#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <seam/loader/loader.hpp>

namespace seam::test {

// Options that search DIR only, with no builtins and the fail policy.
LoaderOptions options_for_dir(const std::filesystem::path& dir);

// The row of the plugin file named FILE_NAME (e.g. "good.so"); nullptr when there is none.
const PluginRow* row_for_file(const Loader& loader, std::string_view file_name);
// The state of FILE_NAME's row as text ("registered", "broken", ...), or "(no row)", so a failed
// check prints something readable.
std::string state_of(const Loader& loader, std::string_view file_name);
// The builtin row with descriptor name NAME; nullptr when there is none.
const PluginRow* builtin_row(const Loader& loader, std::string_view name);
// "llm:good", "lister:good", ... of ROW, in registration order.
std::vector<std::string> labels(const PluginRow& row);

// An error as seen through the seam::Error interface, with the original kept for type checks.
struct CaughtError {
  std::string kind;
  std::string message;
  std::exception_ptr error;
};

// What registry() threw, or nullopt when it returned a registry.
std::optional<CaughtError> registry_error(const Loader& loader);
// Every entry of problems(), in order.
std::vector<CaughtError> problems_of(const Loader& loader);

// True when ERROR's dynamic type is E (or derives from it).
template <class E>
bool holds(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
}

// An llm request whose last user message is TEXT.
std::string llm_request(std::string_view text);

struct InvokeResult {
  InvokeOutcome outcome = InvokeOutcome::completed;
  std::vector<nlohmann::json> events;
};

// Runs REQUEST_JSON through WORKER, keeping every event; cancels after STOP_AFTER events when set.
InvokeResult invoke_all(Worker& worker, std::string_view request_json,
                        std::optional<std::size_t> stop_after = std::nullopt);
// The concatenated text of the delta events.
std::string delta_text(const std::vector<nlohmann::json>& events);
// The first event of TYPE, or null json when there is none.
nlohmann::json first_event(const std::vector<nlohmann::json>& events, std::string_view type);

bool contains(std::string_view haystack, std::string_view needle);

}  // namespace seam::test
