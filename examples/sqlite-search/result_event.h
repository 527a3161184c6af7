/* The events of the search family, written as JSON. */
#ifndef SEAM_SQLITE_SEARCH_RESULT_EVENT_H
#define SEAM_SQLITE_SEARCH_RESULT_EVENT_H

#include <seam/seam.h>

/* Emits {"type":"result","id":...,"title":...,"snippet":...,"score":SCORE} to SINK. Returns
 * SEAM_OK, SEAM_E_CANCELLED when the sink asked to stop, or SEAM_E_NO_MEMORY. */
int32_t result_event_emit(const seam_event_sink* sink, const char* id, const char* title,
                          const char* snippet, double score);

/* Emits {"type":"done"}. Returns SEAM_OK or SEAM_E_CANCELLED. */
int32_t result_event_emit_done(const seam_event_sink* sink);

#endif
