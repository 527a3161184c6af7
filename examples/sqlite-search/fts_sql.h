/* The SQL text the plugin runs, built without touching SQLite: table name checks, the ranked search
 * query, and the FTS5 match expression made from a user's free text. */
#ifndef SEAM_SQLITE_SEARCH_FTS_SQL_H
#define SEAM_SQLITE_SEARCH_FTS_SQL_H

/* The longest table name accepted; generous for a name, small enough to size SQL text. */
#define FTS_SQL_MAX_IDENTIFIER 128

/* Column order of the rows fts_sql_search returns. */
#define FTS_SQL_COLUMN_ID 0
#define FTS_SQL_COLUMN_TITLE 1
#define FTS_SQL_COLUMN_SNIPPET 2
#define FTS_SQL_COLUMN_SCORE 3

/* Lists the FTS5 tables of a database, one name per row, sorted. FTS5's shadow tables
 * (docs_data, docs_idx ...) are ordinary tables and fts5vocab tables are another module, so
 * neither is listed. */
extern const char fts_sql_list_tables[];

/* True when NAME is [A-Za-z_][A-Za-z0-9_]* and at most FTS_SQL_MAX_IDENTIFIER bytes, i.e. safe to
 * splice into SQL. */
int fts_sql_is_identifier(const char* name);

/* Writes into OUT (at least FTS_SQL_SEARCH_CAPACITY bytes) the ranked search over TABLE, a checked
 * identifier, for the table layout fts5(id UNINDEXED, title, body). Parameters: ?1 the match
 * expression, ?2 the row limit. Columns: FTS_SQL_COLUMN_*; score is -bm25 so higher is better. */
#define FTS_SQL_SEARCH_CAPACITY (512 + 6 * FTS_SQL_MAX_IDENTIFIER)
void fts_sql_search(const char* table, char* out);

/* Turns free text into an FTS5 match expression: every whitespace-separated word becomes a quoted
 * FTS5 string, and the words are joined with OR. Returns a malloc'd expression (the caller frees
 * it), or NULL when TEXT has no word or memory ran out (*NO_MEMORY tells which). */
char* fts_sql_match_expression(const char* text, int* no_memory);

#endif
