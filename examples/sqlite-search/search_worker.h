/* The (search, sqlite-fts) backend's worker: one read-only connection to the configured index,
 * answering {"query":"text","limit":N} with ranked result events. */
#ifndef SEAM_SQLITE_SEARCH_SEARCH_WORKER_H
#define SEAM_SQLITE_SEARCH_SEARCH_WORKER_H

#include <seam/seam.h>

/* The backend's make_worker: opens the index named by the backend config and checks that its
 * table can be searched, so a wrong path or table fails here rather than on the first query. */
int32_t SEAM_CALL search_make_worker(const seam_make_worker_args* args, seam_worker* out_worker,
                                     seam_error* error);

#endif
