/* The backend instance's configuration: which SQLite file holds the index and which FTS5 table to
 * search. It arrives as the host's whole [backends.NAME] table, e.g.
 *   {"sdk":"sqlite-fts","options":{"database":"/path/index.db","table":"docs"}}
 * and the options table by itself ({"database":...}) is read the same way. */
#ifndef SEAM_SQLITE_SEARCH_BACKEND_CONFIG_H
#define SEAM_SQLITE_SEARCH_BACKEND_CONFIG_H

#include <seam/seam.h>

typedef struct backend_config {
  char* database; /* options.database: the SQLite file, required */
  char* table;    /* options.table: the FTS5 table, "docs" when absent; a validated identifier */
} backend_config;

/* Fills CONFIG from CONFIG_JSON. Returns SEAM_OK, or SEAM_E_INVALID_ARGUMENT (naming the option)
 * when database is missing or an option has the wrong type or the table name is not a plain
 * identifier; SEAM_E_NO_MEMORY. On failure CONFIG holds nothing to free. */
int32_t backend_config_read(const char* config_json, backend_config* config, seam_error* error);

void backend_config_free(backend_config* config);

#endif
