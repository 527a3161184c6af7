/* Just enough JSON for a C plugin with no dependencies: find a string in a request, and write a
 * string escaped into an event. */
#ifndef SEAM_EXAMPLES_JSON_LITE_H
#define SEAM_EXAMPLES_JSON_LITE_H

#include <stddef.h>

/* Returns a malloc'd, decoded copy of the "content" of the last element of the top-level "messages"
 * array whose "role" is "user"; NULL when the request has none or is not valid JSON. The caller
 * frees it. */
char* json_last_user_message(const char* request);

/* Writes TEXT[0..LEN) as a JSON string literal (with quotes) into OUT, which must hold at least
 * 6 * LEN + 3 bytes. Returns the number of bytes written (not counting the NUL it adds). */
size_t json_quote(const char* text, size_t len, char* out);

#endif
