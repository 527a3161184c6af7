#include "loader_checks.hpp"

namespace seam::test {

LoaderOptions options_for_dir(const std::filesystem::path& dir) {
  LoaderOptions options;
  options.search_paths = {dir};
  options.on_error = OnError::fail;
  return options;
}

const PluginRow* row_for_file(const Loader& loader, std::string_view file_name) {
  for (const PluginRow& row : loader.report()) {
    if (!row.builtin && std::filesystem::path(row.origin).filename() == file_name) return &row;
  }
  return nullptr;
}

std::string state_of(const Loader& loader, std::string_view file_name) {
  const PluginRow* row = row_for_file(loader, file_name);
  return row != nullptr ? std::string(to_string(row->state)) : "(no row)";
}

const PluginRow* builtin_row(const Loader& loader, std::string_view name) {
  for (const PluginRow& row : loader.report()) {
    if (row.builtin && row.name == name) return &row;
  }
  return nullptr;
}

std::vector<std::string> labels(const PluginRow& row) {
  std::vector<std::string> result;
  for (const Contribution& contribution : row.contributions) result.push_back(contribution.label());
  return result;
}

namespace {

CaughtError catch_error(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    return {e.kind(), e.what(), error};
  } catch (const std::exception& e) {
    return {"(not a seam::Error)", e.what(), error};
  } catch (...) {
    return {"(not an exception)", "", error};
  }
}

}  // namespace

std::optional<CaughtError> registry_error(const Loader& loader) {
  try {
    (void)loader.registry();
    return std::nullopt;
  } catch (...) {
    return catch_error(std::current_exception());
  }
}

std::vector<CaughtError> problems_of(const Loader& loader) {
  std::vector<CaughtError> result;
  for (const std::exception_ptr& problem : loader.problems())
    result.push_back(catch_error(problem));
  return result;
}

std::string llm_request(std::string_view text) {
  nlohmann::json request = {{"messages", {{{"role", "user"}, {"content", std::string(text)}}}}};
  return request.dump();
}

InvokeResult invoke_all(Worker& worker, std::string_view request_json,
                        std::optional<std::size_t> stop_after) {
  InvokeResult result;
  result.outcome = worker.invoke(request_json, [&](std::string_view event) {
    result.events.push_back(nlohmann::json::parse(event));
    return !stop_after || result.events.size() < *stop_after;
  });
  return result;
}

std::string delta_text(const std::vector<nlohmann::json>& events) {
  std::string text;
  for (const nlohmann::json& event : events) {
    if (event.value("type", "") == "delta") text += event.value("text", "");
  }
  return text;
}

nlohmann::json first_event(const std::vector<nlohmann::json>& events, std::string_view type) {
  for (const nlohmann::json& event : events) {
    if (event.value("type", "") == type) return event;
  }
  return nullptr;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace seam::test
