#include "search_worker.h"

#include <limits.h>
#include <stdlib.h>

#include "fts_index.h"
#include "fts_sql.h"
#include "json_lookup.h"
#include "plugin_error.h"
#include "result_event.h"

#define DEFAULT_LIMIT 10

typedef struct search_worker {
  fts_index index;
  char sql[FTS_SQL_SEARCH_CAPACITY];
} search_worker;

static const char* const query_path[] = {"query", NULL};
static const char* const limit_path[] = {"limit", NULL};

/* A search request: the match expression built from "query", and "limit". */
typedef struct search_request {
  char* match;
  int limit;
} search_request;

static int32_t read_request(const char* request_json, search_request* request, seam_error* error) {
  char* query = NULL;
  long limit = DEFAULT_LIMIT;
  int no_memory = 0;
  json_lookup_result found = json_lookup_string(request_json, query_path, &query);
  if (found == JSON_LOOKUP_NO_MEMORY) {
    return seam_error_set(error, SEAM_E_NO_MEMORY, "sqlite-search: out of memory");
  }
  if (found != JSON_LOOKUP_FOUND) {
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "sqlite-search: the request needs a \"query\" string, e.g. "
                          "{\"query\":\"honey bees\",\"limit\":5}");
  }
  found = json_lookup_integer(request_json, limit_path, &limit);
  if (found == JSON_LOOKUP_WRONG_TYPE || limit < 1 || limit > INT_MAX) {
    free(query);
    return seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                          "sqlite-search: the request's \"limit\" must be a positive integer");
  }
  request->limit = (int)limit;
  request->match = fts_sql_match_expression(query, &no_memory);
  free(query);
  if (request->match == NULL) {
    return no_memory ? seam_error_set(error, SEAM_E_NO_MEMORY, "sqlite-search: out of memory")
                     : seam_error_set(error, SEAM_E_INVALID_ARGUMENT,
                                      "sqlite-search: the request's \"query\" has no words");
  }
  return SEAM_OK;
}

/* Prepares the worker's search, explaining a failure with the table, the file and SQLite's text. */
static int32_t prepare_search(search_worker* worker, sqlite3_stmt** statement, seam_error* error) {
  fts_index* index = &worker->index;
  *statement = NULL;
  if (index->api.prepare_v2(index->db, worker->sql, -1, statement, NULL) == SQLITE_OK) {
    return SEAM_OK;
  }
  return plugin_error_set(error, SEAM_E_BACKEND,
                          "sqlite-search: cannot search the table '%s' of the database '%s' (an "
                          "FTS5 table with the columns id, title, body is expected): %s",
                          index->config.table, index->config.database,
                          index->api.errmsg(index->db));
}

static const char* column_text(const fts_index* index, sqlite3_stmt* statement, int column) {
  const unsigned char* text = index->api.column_text(statement, column);
  return text != NULL ? (const char*)text : "";
}

/* Streams one result event per row, best first. */
static int32_t stream_results(search_worker* worker, sqlite3_stmt* statement,
                              const seam_event_sink* sink, seam_error* error) {
  fts_index* index = &worker->index;
  for (;;) {
    int32_t status;
    int rc = index->api.step(statement);
    if (rc == SQLITE_DONE) return SEAM_OK;
    if (rc != SQLITE_ROW) return fts_index_failed(index, error);
    status = result_event_emit(sink, column_text(index, statement, FTS_SQL_COLUMN_ID),
                               column_text(index, statement, FTS_SQL_COLUMN_TITLE),
                               column_text(index, statement, FTS_SQL_COLUMN_SNIPPET),
                               index->api.column_double(statement, FTS_SQL_COLUMN_SCORE));
    if (status == SEAM_E_NO_MEMORY) {
      return seam_error_set(error, status, "sqlite-search: out of memory");
    }
    if (status != SEAM_OK) return status;
  }
}

static int32_t SEAM_CALL search_invoke(void* self, const char* request_json,
                                       const seam_event_sink* sink, seam_error* error) {
  search_worker* worker = (search_worker*)self;
  fts_index* index = &worker->index;
  search_request request;
  sqlite3_stmt* statement = NULL;
  int32_t status = read_request(request_json, &request, error);
  if (status != SEAM_OK) return status;

  status = prepare_search(worker, &statement, error);
  /* The match expression is bound, never spliced: SQLITE_STATIC (a NULL destructor) is right
   * because request.match outlives every step. */
  if (status == SEAM_OK &&
      (index->api.bind_text(statement, 1, request.match, -1, NULL) != SQLITE_OK ||
       index->api.bind_int(statement, 2, request.limit) != SQLITE_OK)) {
    status = fts_index_failed(index, error);
  }
  if (status == SEAM_OK) status = stream_results(worker, statement, sink, error);
  if (statement != NULL) index->api.finalize(statement);
  free(request.match);
  if (status != SEAM_OK) return status;
  return result_event_emit_done(sink);
}

static void SEAM_CALL search_destroy(void* self) {
  search_worker* worker = (search_worker*)self;
  fts_index_close(&worker->index);
  free(worker);
}

static const seam_worker_vtable search_vtable = {
    sizeof(seam_worker_vtable),
    0,
    search_invoke,
    search_destroy,
};

int32_t SEAM_CALL search_make_worker(const seam_make_worker_args* args, seam_worker* out_worker,
                                     seam_error* error) {
  search_worker* worker = (search_worker*)malloc(sizeof *worker);
  sqlite3_stmt* statement = NULL;
  int32_t status;
  if (worker == NULL)
    return seam_error_set(error, SEAM_E_NO_MEMORY, "sqlite-search: out of memory");
  status = fts_index_open(args->host, args->backend_config_json, &worker->index, error);
  if (status != SEAM_OK) {
    free(worker);
    return status;
  }
  fts_sql_search(worker->index.config.table, worker->sql);
  /* Preparing once proves the table exists and is FTS5 (bm25 and snippet need it). */
  status = prepare_search(worker, &statement, error);
  if (statement != NULL) worker->index.api.finalize(statement);
  if (status != SEAM_OK) {
    search_destroy(worker);
    return status;
  }
  out_worker->self = worker;
  out_worker->vtable = &search_vtable;
  return SEAM_OK;
}
