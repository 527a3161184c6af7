/* An open, read-only connection to the SQLite file a backend instance names, with the SQLite
 * functions it was opened with. Shared by the search worker and the table lister. */
#ifndef SEAM_SQLITE_SEARCH_FTS_INDEX_H
#define SEAM_SQLITE_SEARCH_FTS_INDEX_H

#include <seam/seam.h>

#include "backend_config.h"
#include "sqlite_api.h"

typedef struct fts_index {
  sqlite_api api;
  sqlite3* db;
  backend_config config;
} fts_index;

/* Reads CONFIG_JSON, loads SQLite through HOST and opens the database read-only. Returns SEAM_OK,
 * SEAM_E_INVALID_ARGUMENT for a bad config, SEAM_E_MISSING_DEPENDENCY without SQLite, or
 * SEAM_E_BACKEND with SQLite's message and the database path when it cannot be opened. On failure
 * INDEX holds nothing to close. */
int32_t fts_index_open(const seam_host* host, const char* config_json, fts_index* index,
                       seam_error* error);

/* Explains the last failed SQLite call on INDEX: SEAM_E_BACKEND with SQLite's message. */
int32_t fts_index_failed(fts_index* index, seam_error* error);

void fts_index_close(fts_index* index);

#endif
