/* Reads a string or an integer at a key path in a JSON document, without a JSON library: the
 * plugin needs only a few values from its backend config and its requests. Writing JSON is
 * examples/echo/json_lite.h's json_quote. */
#ifndef SEAM_SQLITE_SEARCH_JSON_LOOKUP_H
#define SEAM_SQLITE_SEARCH_JSON_LOOKUP_H

/* What a lookup found. */
typedef enum json_lookup_result {
  JSON_LOOKUP_FOUND,
  JSON_LOOKUP_MISSING,    /* no value at the path (or the document is not a JSON object) */
  JSON_LOOKUP_WRONG_TYPE, /* a value is there, but not of the type asked for */
  JSON_LOOKUP_NO_MEMORY
} json_lookup_result;

/* PATH is a NULL-terminated list of object keys, e.g. {"options", "database", NULL}; keys are
 * compared byte for byte with the document's keys as written. When a key appears twice the first
 * one counts. */

/* Stores in *OUT a malloc'd, decoded, NUL-terminated copy of the string at PATH (the caller frees
 * it); *OUT is untouched unless FOUND is returned. */
json_lookup_result json_lookup_string(const char* json, const char* const* path, char** out);

/* Stores in *OUT the integer at PATH; a number with a fraction, an exponent or out of the range of
 * long is WRONG_TYPE. */
json_lookup_result json_lookup_integer(const char* json, const char* const* path, long* out);

#endif
