#include "sqlite_api.h"

#include "plugin_error.h"

static const char* const sqlite_candidates[] = {"libsqlite3.so.0", "libsqlite3.dylib",
                                                "sqlite3.dll", NULL};

const seam_dependency sqlite_dependency = {
    sizeof(seam_dependency), 0, "sqlite3", sqlite_candidates, "apt-get install libsqlite3-0",
};

/* Looks NAME up; on a miss records which function the installed library lacks. */
static seam_proc find(const seam_host* host, seam_library* library, const char* name,
                      int32_t* status, seam_error* error) {
  seam_proc proc = *status == SEAM_OK ? host->symbol(host, library, name) : NULL;
  if (proc == NULL && *status == SEAM_OK) {
    *status = plugin_error_set(error, SEAM_E_MISSING_DEPENDENCY,
                               "sqlite-search: the installed libsqlite3 has no function %s", name);
  }
  return proc;
}

int32_t sqlite_api_resolve(const seam_host* host, sqlite_api* api, seam_error* error) {
  seam_library* library = NULL;
  int32_t status;
  if (host == NULL || !SEAM_HAS_FIELD(host, seam_host, symbol) || host->require == NULL ||
      host->symbol == NULL) {
    return seam_error_set(error, SEAM_E_MISSING_DEPENDENCY,
                          "sqlite-search: the host cannot load libraries (no require/symbol)");
  }
  status = host->require(host, &sqlite_dependency, &library, error);
  if (status != SEAM_OK) return status;

  /* A function pointer converts to another function pointer type and back without loss (C99
   * 6.3.2.3p8); each seam_proc is cast to the type SQLite documents for that function. */
  api->open_v2 = (sqlite3_open_v2_fn)find(host, library, "sqlite3_open_v2", &status, error);
  api->prepare_v2 =
      (sqlite3_prepare_v2_fn)find(host, library, "sqlite3_prepare_v2", &status, error);
  api->bind_text = (sqlite3_bind_text_fn)find(host, library, "sqlite3_bind_text", &status, error);
  api->bind_int = (sqlite3_bind_int_fn)find(host, library, "sqlite3_bind_int", &status, error);
  api->step = (sqlite3_step_fn)find(host, library, "sqlite3_step", &status, error);
  api->column_text =
      (sqlite3_column_text_fn)find(host, library, "sqlite3_column_text", &status, error);
  api->column_double =
      (sqlite3_column_double_fn)find(host, library, "sqlite3_column_double", &status, error);
  api->finalize = (sqlite3_finalize_fn)find(host, library, "sqlite3_finalize", &status, error);
  api->close = (sqlite3_close_fn)find(host, library, "sqlite3_close", &status, error);
  api->errmsg = (sqlite3_errmsg_fn)find(host, library, "sqlite3_errmsg", &status, error);
  return status;
}
