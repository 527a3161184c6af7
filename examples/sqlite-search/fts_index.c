#include "fts_index.h"

#include <stddef.h>

#include "plugin_error.h"

int32_t fts_index_open(const seam_host* host, const char* config_json, fts_index* index,
                       seam_error* error) {
  int32_t status;
  int rc;
  index->db = NULL;
  /* The config comes first: a mistake in it is reported without loading anything. */
  status = backend_config_read(config_json, &index->config, error);
  if (status != SEAM_OK) return status;
  status = sqlite_api_resolve(host, &index->api, error);
  if (status != SEAM_OK) {
    backend_config_free(&index->config);
    return status;
  }
  /* Read-only: a search backend never writes, and a path that does not exist fails here instead
   * of silently creating an empty database. */
  rc = index->api.open_v2(index->config.database, &index->db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK) {
    /* SQLite hands back a handle even when opening fails, to carry the message; it must still be
     * closed. NULL only when it ran out of memory. */
    plugin_error_set(error, SEAM_E_BACKEND, "sqlite-search: cannot open the database '%s': %s",
                     index->config.database,
                     index->db != NULL ? index->api.errmsg(index->db) : "out of memory");
    fts_index_close(index);
    return SEAM_E_BACKEND;
  }
  return SEAM_OK;
}

int32_t fts_index_failed(fts_index* index, seam_error* error) {
  return plugin_error_set(error, SEAM_E_BACKEND, "sqlite-search: reading '%s' failed: %s",
                          index->config.database, index->api.errmsg(index->db));
}

void fts_index_close(fts_index* index) {
  if (index->db != NULL) index->api.close(index->db);
  index->db = NULL;
  backend_config_free(&index->config);
}
