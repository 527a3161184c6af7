/* The slice of the SQLite C API this plugin calls, as function pointers resolved at run time.
 *
 * The plugin never links libsqlite3 and never includes sqlite3.h: it declares the few types and
 * constants it needs below and asks the host to load the library when a backend is first used, so
 * a host that only lists plugins never maps SQLite. The declarations follow the documented, stable
 * SQLite 3 API (https://sqlite.org/c3ref/intro.html). */
#ifndef SEAM_SQLITE_SEARCH_SQLITE_API_H
#define SEAM_SQLITE_SEARCH_SQLITE_API_H

#include <seam/seam.h>

/* Opaque handles; the tags match SQLite's own so the types are the ones its API speaks. */
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

#define SQLITE_OK 0
#define SQLITE_ROW 100
#define SQLITE_DONE 101
#define SQLITE_OPEN_READONLY 0x00000001

typedef int (*sqlite3_open_v2_fn)(const char* filename, sqlite3** db, int flags, const char* vfs);
typedef int (*sqlite3_prepare_v2_fn)(sqlite3* db, const char* sql, int sql_bytes,
                                     sqlite3_stmt** statement, const char** tail);
typedef int (*sqlite3_bind_text_fn)(sqlite3_stmt* statement, int index, const char* text, int bytes,
                                    void (*destructor)(void*));
typedef int (*sqlite3_bind_int_fn)(sqlite3_stmt* statement, int index, int value);
typedef int (*sqlite3_step_fn)(sqlite3_stmt* statement);
typedef const unsigned char* (*sqlite3_column_text_fn)(sqlite3_stmt* statement, int column);
typedef double (*sqlite3_column_double_fn)(sqlite3_stmt* statement, int column);
typedef int (*sqlite3_finalize_fn)(sqlite3_stmt* statement);
typedef int (*sqlite3_close_fn)(sqlite3* db);
typedef const char* (*sqlite3_errmsg_fn)(sqlite3* db);

/* The resolved functions. Plain values: copy the table freely. */
typedef struct sqlite_api {
  sqlite3_open_v2_fn open_v2;
  sqlite3_prepare_v2_fn prepare_v2;
  sqlite3_bind_text_fn bind_text;
  sqlite3_bind_int_fn bind_int;
  sqlite3_step_fn step;
  sqlite3_column_text_fn column_text;
  sqlite3_column_double_fn column_double;
  sqlite3_finalize_fn finalize;
  sqlite3_close_fn close;
  sqlite3_errmsg_fn errmsg;
} sqlite_api;

/* The library as declared to the host, shared by the backend and the lister definitions. */
extern const seam_dependency sqlite_dependency;

/* Loads libsqlite3 through HOST (the host caches it) and fills API. Returns SEAM_OK, or
 * SEAM_E_MISSING_DEPENDENCY explained through ERROR when the library or one of its functions is
 * missing. */
int32_t sqlite_api_resolve(const seam_host* host, sqlite_api* api, seam_error* error);

#endif
