// seam_loader_create/destroy and the report as C structs.
#include <algorithm>
#include <cstring>
#include <memory>

#include "options.hpp"

using seam::c_api::fail_with_current_exception;
using seam::c_api::invalid_argument;
using seam::c_api::succeed;

namespace {

ReportView view_of(const seam::Loader& loader) {
  ReportView view;
  for (const seam::PluginRow& row : loader.report()) {
    ReportView::Row& r = view.rows.emplace_back();
    for (const seam::Contribution& c : row.contributions) {
      ReportView::Contribution& rc = r.contributions.emplace_back();
      rc.label = c.label();
      for (const seam::DependencyInfo& d : c.dependencies) {
        std::vector<const char*>& list = rc.candidates.emplace_back();
        for (const std::string& candidate : d.candidates) list.push_back(candidate.c_str());
        list.push_back(nullptr);
      }
    }
  }
  for (const std::exception_ptr& problem : loader.problems()) {
    try {
      std::rethrow_exception(problem);
    } catch (const seam::Error& e) {
      view.problems.push_back({e.kind(), e.what()});
    } catch (const std::exception& e) {
      view.problems.push_back({"InternalError", e.what()});
    }
  }
  return view;
}

bool fits(const seam_loader* loader, uint32_t row) {
  return loader != nullptr && row < loader->loader.report().size();
}

static_assert(static_cast<int>(seam::PluginState::registered) == SEAM_LOADER_STATE_REGISTERED);
static_assert(static_cast<int>(seam::PluginState::disabled) == SEAM_LOADER_STATE_DISABLED);
static_assert(static_cast<int>(seam::PluginState::broken) == SEAM_LOADER_STATE_BROKEN);
static_assert(static_cast<int>(seam::PluginState::incompatible) == SEAM_LOADER_STATE_INCOMPATIBLE);
static_assert(static_cast<int>(seam::PluginState::duplicate) == SEAM_LOADER_STATE_DUPLICATE);
static_assert(static_cast<int>(seam::PluginState::untrusted) == SEAM_LOADER_STATE_UNTRUSTED);
static_assert(static_cast<int>(seam::PluginState::shadowed) == SEAM_LOADER_STATE_SHADOWED);
static_assert(static_cast<int>(seam::PluginState::filtered) == SEAM_LOADER_STATE_FILTERED);

static_assert(static_cast<int>(seam::Choice::Why::only_candidate) ==
              SEAM_LOADER_WHY_ONLY_CANDIDATE);
static_assert(static_cast<int>(seam::Choice::Why::pin) == SEAM_LOADER_WHY_PIN);
static_assert(static_cast<int>(seam::Choice::Why::builtin_override) ==
              SEAM_LOADER_WHY_BUILTIN_OVERRIDE);
static_assert(static_cast<int>(seam::Choice::Why::first_found) == SEAM_LOADER_WHY_FIRST_FOUND);

// The state names as static C strings, in SEAM_LOADER_STATE_* order.
const char* state_name(seam::PluginState state) {
  return seam::to_string(state).data();  // the names are string literals
}

}  // namespace

extern "C" {

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_create(const seam_loader_options* options,
                                                     seam_loader** out_loader,
                                                     seam_loader_error* error) {
  if (out_loader == nullptr)
    return invalid_argument(error, "seam_loader_create", "out_loader is NULL");
  *out_loader = nullptr;
  try {
    seam::LoaderOptions cpp_options;
    if (int32_t status = seam::c_api::to_loader_options(options, cpp_options, error);
        status != SEAM_OK) {
      return status;
    }
    auto loader = std::make_unique<seam_loader>(std::move(cpp_options));
    loader->view = view_of(loader->loader);
    *out_loader = loader.release();
    return succeed(error);
  } catch (...) {
    return fail_with_current_exception(error);
  }
}

SEAM_LOADER_API void SEAM_CALL seam_loader_destroy(seam_loader* loader) {
  delete loader;
}

SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_report_count(const seam_loader* loader) {
  return loader != nullptr ? static_cast<uint32_t>(loader->loader.report().size()) : 0;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_row(const seam_loader* loader, uint32_t index,
                                                         seam_loader_plugin_row* out) {
  if (!fits(loader, index) || out == nullptr || out->struct_size < sizeof(uint32_t) * 2) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  const seam::PluginRow& row = loader->loader.report()[index];
  seam_loader_plugin_row r{};
  r.struct_size = out->struct_size;
  r.state = static_cast<uint32_t>(row.state);
  r.name = row.name.c_str();
  r.version = row.version.c_str();
  r.description = row.description.c_str();
  r.vendor = row.vendor.c_str();
  r.origin = row.origin.c_str();
  r.reason = row.reason.c_str();
  r.error_kind = row.error_kind.c_str();
  r.state_name = state_name(row.state);
  r.api_version = row.api_version;
  r.builtin = row.builtin ? 1 : 0;
  r.core_unconditional = row.core_unconditional ? 1 : 0;
  r.contribution_count = static_cast<uint32_t>(row.contributions.size());
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_contribution(const seam_loader* loader,
                                                                  uint32_t row,
                                                                  uint32_t contribution,
                                                                  seam_loader_contribution* out) {
  if (!fits(loader, row) || out == nullptr || out->struct_size < sizeof(uint32_t) * 2 ||
      contribution >= loader->loader.report()[row].contributions.size()) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  const seam::Contribution& c = loader->loader.report()[row].contributions[contribution];
  seam_loader_contribution r{};
  r.struct_size = out->struct_size;
  r.kind = c.kind == seam::Contribution::Kind::lister ? SEAM_LOADER_CONTRIBUTION_LISTER
                                                      : SEAM_LOADER_CONTRIBUTION_BACKEND;
  r.family = c.family.c_str();
  r.sdk = c.sdk.c_str();
  r.label = loader->view.rows[row].contributions[contribution].label.c_str();
  r.flags = c.flags;
  r.dependency_count = static_cast<uint32_t>(c.dependencies.size());
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_dependency(const seam_loader* loader,
                                                                uint32_t row, uint32_t contribution,
                                                                uint32_t dependency,
                                                                seam_loader_dependency* out) {
  if (!fits(loader, row) || out == nullptr || out->struct_size < sizeof(uint32_t) * 2 ||
      contribution >= loader->loader.report()[row].contributions.size() ||
      dependency >= loader->loader.report()[row].contributions[contribution].dependencies.size()) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  const seam::DependencyInfo& d =
      loader->loader.report()[row].contributions[contribution].dependencies[dependency];
  seam_loader_dependency r{};
  r.struct_size = out->struct_size;
  r.name = d.name.c_str();
  r.candidates = loader->view.rows[row].contributions[contribution].candidates[dependency].data();
  r.install_hint = d.install_hint.c_str();
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_problem_count(const seam_loader* loader) {
  return loader != nullptr ? static_cast<uint32_t>(loader->view.problems.size()) : 0;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_problem(const seam_loader* loader,
                                                             uint32_t index,
                                                             seam_loader_problem* out) {
  if (loader == nullptr || index >= loader->view.problems.size() || out == nullptr ||
      out->struct_size < sizeof(uint32_t) * 2) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  seam_loader_problem r{};
  r.struct_size = out->struct_size;
  r.kind = loader->view.problems[index].kind.c_str();
  r.message = loader->view.problems[index].message.c_str();
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API uint32_t SEAM_CALL seam_loader_choice_count(const seam_loader* loader) {
  return loader != nullptr ? static_cast<uint32_t>(loader->loader.choices().size()) : 0;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_choice(const seam_loader* loader,
                                                            uint32_t index,
                                                            seam_loader_choice* out) {
  if (loader == nullptr || index >= loader->loader.choices().size() || out == nullptr ||
      out->struct_size < sizeof(uint32_t) * 2) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  const seam::Choice& c = loader->loader.choices()[index];
  seam_loader_choice r{};
  r.struct_size = out->struct_size;
  r.why = static_cast<uint32_t>(c.why);
  r.key = c.key.c_str();
  r.plugin = c.plugin.c_str();
  r.origin = c.origin.c_str();
  r.why_name = seam::to_string(c.why).data();  // the names are string literals
  r.loser_count = static_cast<uint32_t>(c.losers.size());
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API int32_t SEAM_CALL seam_loader_report_choice_loser(const seam_loader* loader,
                                                                  uint32_t choice, uint32_t loser,
                                                                  seam_loader_choice_loser* out) {
  if (loader == nullptr || choice >= loader->loader.choices().size() || out == nullptr ||
      out->struct_size < sizeof(uint32_t) * 2 ||
      loser >= loader->loader.choices()[choice].losers.size()) {
    return SEAM_E_INVALID_ARGUMENT;
  }
  const seam::Choice::Loser& l = loader->loader.choices()[choice].losers[loser];
  seam_loader_choice_loser r{};
  r.struct_size = out->struct_size;
  r.name = l.name.c_str();
  r.origin = l.origin.c_str();
  std::memcpy(out, &r, std::min<std::size_t>(out->struct_size, sizeof r));
  return SEAM_OK;
}

SEAM_LOADER_API const char* SEAM_CALL seam_loader_state_name(uint32_t state) {
  if (state > SEAM_LOADER_STATE_FILTERED) return "unknown";
  return state_name(static_cast<seam::PluginState>(state));
}

}  // extern "C"
