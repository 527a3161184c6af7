#include "table_lister.h"

#include <string.h>

#include "fts_index.h"
#include "fts_sql.h"
#include "plugin_error.h"

/* Emits one record per row of STATEMENT (a table name); SEAM_E_CANCELLED when the sink stops. */
static int32_t emit_tables(fts_index* index, sqlite3_stmt* statement, const seam_model_sink* sink,
                           seam_error* error) {
  for (;;) {
    seam_model_record model;
    const unsigned char* name;
    int rc = index->api.step(statement);
    if (rc == SQLITE_DONE) return SEAM_OK;
    if (rc != SQLITE_ROW) return fts_index_failed(index, error);
    name = index->api.column_text(statement, 0);
    if (name == NULL) continue;
    memset(&model, 0, sizeof model);
    model.struct_size = sizeof model;
    model.id = (const char*)name;
    model.family = "search";
    if (sink->emit(sink->ctx, &model) != 0) return SEAM_E_CANCELLED;
  }
}

int32_t SEAM_CALL table_list_models(const seam_list_models_args* args, const seam_model_sink* sink,
                                    seam_error* error) {
  fts_index index;
  sqlite3_stmt* statement = NULL;
  int32_t status = fts_index_open(args->host, args->backend_config_json, &index, error);
  if (status != SEAM_OK) return status;
  if (index.api.prepare_v2(index.db, fts_sql_list_tables, -1, &statement, NULL) != SQLITE_OK) {
    status = plugin_error_set(error, SEAM_E_BACKEND,
                              "sqlite-search: cannot list the tables of the database '%s': %s",
                              index.config.database, index.api.errmsg(index.db));
  } else {
    status = emit_tables(&index, statement, sink, error);
  }
  if (statement != NULL) index.api.finalize(statement);
  fts_index_close(&index);
  return status;
}
