/* The sqlite-fts model lister: each FTS5 table of the configured database is a model of the search
 * family, its id the table name. */
#ifndef SEAM_SQLITE_SEARCH_TABLE_LISTER_H
#define SEAM_SQLITE_SEARCH_TABLE_LISTER_H

#include <seam/seam.h>

int32_t SEAM_CALL table_list_models(const seam_list_models_args* args, const seam_model_sink* sink,
                                    seam_error* error);

#endif
