#include "backend_config.h"

#include <stdlib.h>
#include <string.h>

#include "fts_sql.h"
#include "json_lookup.h"
#include "plugin_error.h"

/* The host passes the whole [backends.NAME] table, so the options sit under "options". A host that
 * passes the options table alone is understood too: a top-level key counts when "options" lacks
 * it. */
static const char* const database_path[] = {"options", "database", NULL};
static const char* const table_path[] = {"options", "table", NULL};
static const char* const bare_database_path[] = {"database", NULL};
static const char* const bare_table_path[] = {"table", NULL};
static const char* const config_dir_path[] = {"config_dir", NULL};

static json_lookup_result lookup_option(const char* config_json, const char* const* path,
                                        const char* const* bare_path, char** out) {
  json_lookup_result found = json_lookup_string(config_json, path, out);
  return found == JSON_LOOKUP_MISSING ? json_lookup_string(config_json, bare_path, out) : found;
}

static int is_absolute(const char* path) {
#ifdef _WIN32
  if (((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':')
    return 1;
  if (path[0] == '\\') return 1;
#endif
  return path[0] == '/';
}

/* A relative database is relative to the configuration file that named it (config_dir, added by
 * the host), as the host's own [plugins] paths are; without config_dir it is left as it is. */
static json_lookup_result resolve_database(const char* config_json, char** database) {
  char* dir = NULL;
  char* joined;
  size_t dir_length;
  json_lookup_result found;
  if (is_absolute(*database)) return JSON_LOOKUP_FOUND;
  found = json_lookup_string(config_json, config_dir_path, &dir);
  if (found == JSON_LOOKUP_NO_MEMORY) return found;
  if (found != JSON_LOOKUP_FOUND || dir[0] == '\0') {
    free(dir);
    return JSON_LOOKUP_FOUND;
  }
  dir_length = strlen(dir);
  joined = (char*)malloc(dir_length + 1 + strlen(*database) + 1);
  if (joined == NULL) {
    free(dir);
    return JSON_LOOKUP_NO_MEMORY;
  }
  strcpy(joined, dir);
  if (dir[dir_length - 1] != '/') strcat(joined, "/");
  strcat(joined, *database);
  free(dir);
  free(*database);
  *database = joined;
  return JSON_LOOKUP_FOUND;
}

static char* copy_text(const char* text) {
  char* copy = (char*)malloc(strlen(text) + 1);
  if (copy != NULL) strcpy(copy, text);
  return copy;
}

int32_t backend_config_read(const char* config_json, backend_config* config, seam_error* error) {
  json_lookup_result found;
  config->database = NULL;
  config->table = NULL;

  found = lookup_option(config_json, database_path, bare_database_path, &config->database);
  if (found == JSON_LOOKUP_NO_MEMORY) goto out_of_memory;
  if (found != JSON_LOOKUP_FOUND || config->database[0] == '\0') {
    free(config->database);
    config->database = NULL;
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "sqlite-search: the backend needs the option \"database\" (a string: the "
                          "SQLite file holding the FTS5 index), e.g. options = { database = "
                          "\"/path/index.db\", table = \"docs\" }");
  }
  if (resolve_database(config_json, &config->database) == JSON_LOOKUP_NO_MEMORY) goto out_of_memory;

  found = lookup_option(config_json, table_path, bare_table_path, &config->table);
  if (found == JSON_LOOKUP_MISSING) {
    config->table = copy_text("docs");
    found = config->table != NULL ? JSON_LOOKUP_FOUND : JSON_LOOKUP_NO_MEMORY;
  }
  if (found == JSON_LOOKUP_NO_MEMORY) goto out_of_memory;
  if (found == JSON_LOOKUP_WRONG_TYPE) {
    backend_config_free(config);
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "sqlite-search: the option \"table\" must be a string");
  }
  /* The table name is spliced into SQL (identifiers cannot be bound), so only plain identifiers
   * get that far. */
  if (!fts_sql_is_identifier(config->table)) {
    plugin_error_set(error, SEAM_E_INVALID_ARGUMENT,
                     "sqlite-search: the option \"table\" ('%s') must be a plain identifier: "
                     "letters, digits and '_', not starting with a digit, at most %d bytes",
                     config->table, FTS_SQL_MAX_IDENTIFIER);
    backend_config_free(config);
    return SEAM_E_INVALID_ARGUMENT;
  }
  return SEAM_OK;

out_of_memory:
  backend_config_free(config);
  return seam_error_set(error, SEAM_E_NO_MEMORY, "sqlite-search: out of memory");
}

void backend_config_free(backend_config* config) {
  free(config->database);
  free(config->table);
  config->database = NULL;
  config->table = NULL;
}
