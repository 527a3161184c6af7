/* Formatted failure messages: the plugin's errors quote paths and SQLite's own text, whose length
 * is not known in advance. */
#ifndef SEAM_SQLITE_SEARCH_PLUGIN_ERROR_H
#define SEAM_SQLITE_SEARCH_PLUGIN_ERROR_H

#include <seam/seam.h>

#if defined(__GNUC__) || defined(__clang__)
#define PLUGIN_PRINTF(FORMAT_INDEX, FIRST_ARG) \
  __attribute__((format(printf, FORMAT_INDEX, FIRST_ARG)))
#else
#define PLUGIN_PRINTF(FORMAT_INDEX, FIRST_ARG)
#endif

/* Records STATUS with a printf-formatted message in ERROR and returns STATUS. Never truncates
 * unless memory runs out, in which case it keeps the first few hundred bytes. */
int32_t plugin_error_set(seam_error* error, int32_t status, const char* format, ...)
    PLUGIN_PRINTF(3, 4);

#endif
