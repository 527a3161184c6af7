#include "plugin_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int32_t plugin_error_set(seam_error* error, int32_t status, const char* format, ...) {
  char fallback[512];
  char* message = fallback;
  va_list args;
  int needed;

  va_start(args, format);
  needed = vsnprintf(fallback, sizeof fallback, format, args);
  va_end(args);
  if (needed >= (int)sizeof fallback) {
    char* heap = (char*)malloc((size_t)needed + 1);
    if (heap != NULL) {
      va_start(args, format);
      vsnprintf(heap, (size_t)needed + 1, format, args);
      va_end(args);
      message = heap;
    }
  }
  seam_error_set(error, status, needed < 0 ? "sqlite-search: cannot format a message" : message);
  if (message != fallback) free(message);
  return status;
}
