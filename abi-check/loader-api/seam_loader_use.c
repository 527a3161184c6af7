/* Uses every type, macro and function of seam_loader.h, so that compiling this file proves the
 * header is clean C (c99/c11/c17) and C++ (c++11..c++20) under -pedantic -Wall -Wextra -Werror.
 * Written in the common subset of C99 and C++11; abi-check compiles it as both. Only compiled,
 * never linked: the functions are referenced, not called. */
#include <seam/seam_loader.h>
/* A second include must be harmless. */
#include <seam/seam_loader.h>

#include <string.h>

static void SEAM_CALL on_log(void* ctx, int32_t level, const char* message) {
  (void)ctx;
  (void)level;
  (void)message;
}

static void SEAM_CALL on_usage(void* ctx, const char* plugin, const char* usage_json) {
  (void)ctx;
  (void)plugin;
  (void)usage_json;
}

static int32_t SEAM_CALL on_event(void* ctx, const char* event_json, size_t len) {
  (void)ctx;
  (void)event_json;
  return len > 0 ? 0 : 1;
}

static int32_t SEAM_CALL on_model(void* ctx, const seam_loader_model* model) {
  (void)ctx;
  return model->struct_size >= sizeof(seam_loader_model) ? 0 : 1;
}

int seam_loader_use(void);
int seam_loader_use(void) {
  const char* paths[2];
  seam_loader_builtin builtin;
  seam_loader_service service;
  seam_loader_options options;
  seam_loader_plugin_row row;
  seam_loader_contribution contribution;
  seam_loader_dependency dependency;
  seam_loader_problem problem;
  seam_loader_worker_spec spec;
  seam_loader_model model;
  seam_loader_http_options http_options;
  seam_loader_pin pin;
  seam_loader_choice choice;
  seam_loader_choice_loser loser;
  seam_loader_log_fn log_fn = on_log;
  seam_loader_usage_fn usage_fn = on_usage;
  seam_loader_event_fn event_fn = on_event;
  seam_loader_model_fn model_fn = on_model;
  int32_t statuses[] = {SEAM_LOADER_E_PLUGIN,
                        SEAM_LOADER_LOG_OFF,
                        SEAM_LOADER_ON_ERROR_FAIL,
                        SEAM_LOADER_ON_ERROR_SKIP,
                        SEAM_LOADER_DEFAULT,
                        SEAM_LOADER_YES,
                        SEAM_LOADER_NO,
                        SEAM_LOADER_STATE_REGISTERED,
                        SEAM_LOADER_STATE_DISABLED,
                        SEAM_LOADER_STATE_BROKEN,
                        SEAM_LOADER_STATE_INCOMPATIBLE,
                        SEAM_LOADER_STATE_DUPLICATE,
                        SEAM_LOADER_STATE_UNTRUSTED,
                        SEAM_LOADER_STATE_SHADOWED,
                        SEAM_LOADER_STATE_FILTERED,
                        SEAM_LOADER_WHY_ONLY_CANDIDATE,
                        SEAM_LOADER_WHY_PIN,
                        SEAM_LOADER_WHY_BUILTIN_OVERRIDE,
                        SEAM_LOADER_WHY_FIRST_FOUND,
                        SEAM_LOADER_CONTRIBUTION_BACKEND,
                        SEAM_LOADER_CONTRIBUTION_LISTER,
                        SEAM_LOADER_C_API_VERSION};
  seam_proc functions[] = {
      (seam_proc)&seam_loader_c_api_version,     (seam_proc)&seam_loader_plugin_api_range,
      (seam_proc)&seam_loader_error_create,      (seam_proc)&seam_loader_error_destroy,
      (seam_proc)&seam_loader_error_status,      (seam_proc)&seam_loader_error_kind,
      (seam_proc)&seam_loader_error_message,     (seam_proc)&seam_loader_error_set,
      (seam_proc)&seam_loader_set_log,           (seam_proc)&seam_loader_create,
      (seam_proc)&seam_loader_destroy,           (seam_proc)&seam_loader_report_count,
      (seam_proc)&seam_loader_report_row,        (seam_proc)&seam_loader_report_contribution,
      (seam_proc)&seam_loader_report_dependency, (seam_proc)&seam_loader_problem_count,
      (seam_proc)&seam_loader_report_problem,    (seam_proc)&seam_loader_state_name,
      (seam_proc)&seam_loader_status_name,       (seam_proc)&seam_loader_find_backend,
      (seam_proc)&seam_loader_backend_family,    (seam_proc)&seam_loader_backend_sdk,
      (seam_proc)&seam_loader_backend_plugin,    (seam_proc)&seam_loader_backend_make_worker,
      (seam_proc)&seam_loader_worker_invoke,     (seam_proc)&seam_loader_worker_cancel,
      (seam_proc)&seam_loader_worker_destroy,    (seam_proc)&seam_loader_find_lister,
      (seam_proc)&seam_loader_lister_list,       (seam_proc)&seam_loader_http_create,
      (seam_proc)&seam_loader_http_table,        (seam_proc)&seam_loader_http_cancel_all,
      (seam_proc)&seam_loader_http_destroy,      (seam_proc)&seam_loader_choice_count,
      (seam_proc)&seam_loader_report_choice,     (seam_proc)&seam_loader_report_choice_loser};

  memset(&options, 0, sizeof options);
  memset(&builtin, 0, sizeof builtin);
  memset(&service, 0, sizeof service);
  paths[0] = "plugins";
  paths[1] = NULL;
  builtin.struct_size = sizeof builtin;
  service.struct_size = sizeof service;
  service.id = SEAM_LOADER_HTTP_SERVICE_ID;
  options.struct_size = sizeof options;
  options.search_paths = paths;
  options.builtins = &builtin;
  options.services = &service;
  options.usage = usage_fn;
  memset(&pin, 0, sizeof pin);
  pin.struct_size = sizeof pin;
  pin.key = "llm:echo";
  pin.plugin = "echo";
  options.prefer = &pin;
  options.prefer_count = 1;
  options.disable_filters = paths;
  options.select_filters = paths;
  choice.struct_size = sizeof choice;
  loser.struct_size = sizeof loser;
  row.struct_size = sizeof row;
  contribution.struct_size = sizeof contribution;
  dependency.struct_size = sizeof dependency;
  problem.struct_size = sizeof problem;
  spec.struct_size = sizeof spec;
  model.struct_size = sizeof model;
  http_options.struct_size = sizeof http_options;
  return (int)(sizeof functions + sizeof statuses + (log_fn != NULL) + (event_fn != NULL) +
               (model_fn != NULL) + options.struct_size + row.struct_size +
               contribution.struct_size + dependency.struct_size + problem.struct_size +
               spec.struct_size + model.struct_size + http_options.struct_size +
               choice.struct_size + loser.struct_size);
}
