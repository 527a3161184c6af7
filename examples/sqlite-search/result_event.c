#include "result_event.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_lite.h"

static int32_t emit(const seam_event_sink* sink, const char* json, size_t len) {
  return sink->emit(sink->ctx, json, len) == 0 ? SEAM_OK : SEAM_E_CANCELLED;
}

/* Appends "KEY":VALUE-as-a-JSON-string at OUT + *N (json_quote needs 6 bytes per input byte). */
static void put_string_member(char* out, size_t* n, const char* key, const char* value) {
  size_t key_len = strlen(key);
  out[(*n)++] = ',';
  out[(*n)++] = '"';
  memcpy(out + *n, key, key_len);
  *n += key_len;
  out[(*n)++] = '"';
  out[(*n)++] = ':';
  *n += json_quote(value, strlen(value), out + *n);
}

/* Writes SCORE as a JSON number. JSON has no NaN or infinity, and printf follows the C locale's
 * decimal separator, which a host may have set to ','. */
static size_t put_number(char* out, size_t capacity, double score) {
  int written = snprintf(out, capacity, "%.10g", isfinite(score) ? score : 0.0);
  char* comma = strchr(out, ',');
  if (comma != NULL) *comma = '.';
  return written > 0 ? (size_t)written : 0;
}

int32_t result_event_emit(const seam_event_sink* sink, const char* id, const char* title,
                          const char* snippet, double score) {
  static const char prefix[] = "{\"type\":\"result\"";
  static const char score_key[] = ",\"score\":";
  const size_t number_capacity = 32;
  size_t text_len = strlen(id) + strlen(title) + strlen(snippet);
  size_t capacity = sizeof prefix + 64 + 6 * text_len + number_capacity;
  size_t n = sizeof prefix - 1;
  char* event = (char*)malloc(capacity);
  int32_t status;
  if (event == NULL) return SEAM_E_NO_MEMORY;
  memcpy(event, prefix, n);
  put_string_member(event, &n, "id", id);
  put_string_member(event, &n, "title", title);
  put_string_member(event, &n, "snippet", snippet);
  memcpy(event + n, score_key, sizeof score_key - 1);
  n += sizeof score_key - 1;
  n += put_number(event + n, number_capacity, score);
  event[n++] = '}';
  status = emit(sink, event, n);
  free(event);
  return status;
}

int32_t result_event_emit_done(const seam_event_sink* sink) {
  static const char done[] = "{\"type\":\"done\"}";
  return emit(sink, done, sizeof done - 1);
}
