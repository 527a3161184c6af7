/* The sqlite-search plugin: full-text search over a SQLite FTS5 index, as the (search, sqlite-fts)
 * backend and the sqlite-fts model lister.
 *
 * It shows a lazy optional dependency: the plugin file links nothing but libc, and declares
 * libsqlite3 in its definitions. The host loads the library the first time the backend or the
 * lister is used, so discovering, scanning and listing plugins never maps SQLite, and a machine
 * without it still lists the plugin and explains what to install. */
#include <string.h>

#include <seam/seam.h>

#include "search_worker.h"
#include "sqlite_api.h"
#include "table_lister.h"

static int32_t SEAM_CALL sqlite_search_register(const seam_registrar* registrar) {
  seam_backend_def backend;
  seam_model_lister_def lister;
  int32_t status;

  memset(&backend, 0, sizeof backend);
  backend.struct_size = sizeof backend;
  backend.family = "search";
  backend.sdk = "sqlite-fts";
  backend.make_worker = search_make_worker;
  backend.dependencies = &sqlite_dependency;
  backend.dependency_count = 1;
  status = registrar->add_inference_backend(registrar, &backend);
  if (status != SEAM_OK) return status;

  memset(&lister, 0, sizeof lister);
  lister.struct_size = sizeof lister;
  lister.sdk = "sqlite-fts";
  lister.list_models = table_list_models;
  lister.dependencies = &sqlite_dependency;
  lister.dependency_count = 1;
  return registrar->add_model_lister(registrar, &lister);
}

static const seam_plugin_descriptor sqlite_search_plugin = {
    sizeof(seam_plugin_descriptor),
    SEAM_API_VERSION,
    "sqlite-search",
    "0.1.0",
    "Ranked full-text search over a SQLite FTS5 index; loads libsqlite3 only when used.",
    "Seam",
    NULL,
    sqlite_search_register,
};

SEAM_PLUGIN(&sqlite_search_plugin)
